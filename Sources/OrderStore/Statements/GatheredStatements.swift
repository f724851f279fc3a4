/// A row inserted or updated that nothing in its transaction reads back before the transaction
/// ends (a journal line, an order's state columns): a backend may gather such rows and send them
/// together, in one statement, before any other statement is run or read — PostgreSQL does, so
/// that a change to 10,000 orders is a few statements, not 20,000 round trips. Each is the same
/// SQL on SQLite, run at once.

/// One row inserted into `table`, its values in the order of `columns`.
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

/// One row of `table` found by its unique `key`: `columns` set to the values given, in their
/// order, and each of `increments` raised by one.
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
