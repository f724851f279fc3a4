/// One row of `table` found by its unique `key`: `columns` set to the values given, in their
/// order, and each of `increments` raised by one — a row nothing in its transaction reads back
/// before the transaction ends (an order's state columns), gathered on PostgreSQL as ``RowInsert``'s.
public struct RowUpdate: Sendable, Hashable {
    public let table: String
    public let columns: [String]
    public let increments: [String]
    public let key: String
    /// The single row's statement: the values, then the key's.
    public let sql: String

    init(_ table: String, set columns: [String], adding increments: [String] = [], where key: String) {
        self.table = table
        self.columns = columns
        self.increments = increments
        self.key = key
        let assignments = columns.map { "\($0) = ?" } + increments.map { "\($0) = \($0) + 1" }
        sql = "UPDATE \(table) SET \(assignments.joined(separator: ", ")) WHERE \(key) = ?"
    }
}
