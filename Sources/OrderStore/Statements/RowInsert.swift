/// One row inserted into `table`, its values in the order of `columns`, that nothing in its
/// transaction reads back before the transaction ends (a journal line): PostgreSQL gathers such rows
/// into one statement, sent before any other statement runs or is read, so that a change to 10,000
/// orders is a few statements, not thousands of round trips; SQLite runs each at once.
public struct RowInsert: Sendable, Hashable {
    public let table: String
    public let columns: [String]
    /// The single row's statement.
    public let sql: String

    init(into table: String, _ columns: [String]) {
        self.table = table
        self.columns = columns
        sql = "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES (\(OrderStore.marks(columns.count)))"
    }
}
