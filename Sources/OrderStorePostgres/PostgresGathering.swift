import OrderStore
import PostgresNIO

/// The rows a transaction inserts and updates without reading them back (``RowInsert``,
/// ``RowUpdate``), gathered while they are of one kind and sent as one statement each few hundred:
/// `INSERT … VALUES (…), (…)` and `UPDATE … FROM (VALUES (…), (…))`. Sent before anything else
/// runs or is read, so that every statement sees them as if each had run on its own; a row updated
/// twice, or a table both inserted into and updated, sends what was gathered first.
struct PostgresGathering {
    /// Rows per statement: an order's update binds at most some forty values (18,000 a statement),
    /// a journal line nine; a statement takes at most 65,535.
    static let rows = 500

    private var insert: RowInsert?
    private var inserted: [[StoredValue]] = []
    private var update: RowUpdate?
    private var updated: [[StoredValue]] = []
    private var updatedKeys: Set<StoredValue> = []

    var isEmpty: Bool { inserted.isEmpty && updated.isEmpty }

    /// Whether `row` can join what is gathered; when not, what is gathered must be sent first.
    func accepts(_ row: RowInsert) -> Bool {
        (insert == nil || insert == row) && update?.table != row.table
    }

    func accepts(_ row: RowUpdate, key: StoredValue) -> Bool {
        (update == nil || update == row) && insert?.table != row.table && !updatedKeys.contains(key)
    }

    mutating func add(_ row: RowInsert, _ values: [StoredValue]) {
        insert = row
        inserted.append(values)
    }

    mutating func add(_ row: RowUpdate, _ values: [StoredValue], key: StoredValue) {
        update = row
        updated.append(values + [key])
        updatedKeys.insert(key)
    }

    var isFull: Bool { inserted.count >= Self.rows || updated.count >= Self.rows }

    /// The statements that store what was gathered (updates first: no gathered insert is of their
    /// table), and nothing gathered any more.
    mutating func take() throws -> [PostgresQuery] {
        var queries: [PostgresQuery] = []
        if let update, !updated.isEmpty { queries.append(try Self.statement(update, updated)) }
        if let insert, !inserted.isEmpty { queries.append(try Self.statement(insert, inserted)) }
        self = PostgresGathering()
        return queries
    }

    static func statement(_ row: RowInsert, _ rows: [[StoredValue]]) throws -> PostgresQuery {
        let types = try columnTypes(row.table, row.columns)
        var bindings = PostgresBindings(capacity: rows.count * types.count)
        for values in rows { for value in values { bindings.append(stored: value) } }
        let tuples = PostgresStore.placeholders(rows: rows.count, columns: types.count) { column, mark in "\(mark)::\(types[column])" }
        return PostgresQuery(unsafeSQL: "INSERT INTO \(row.table) (\(row.columns.joined(separator: ", "))) VALUES \(tuples)", binds: bindings)
    }

    static func statement(_ row: RowUpdate, _ rows: [[StoredValue]]) throws -> PostgresQuery {
        let types = try columnTypes(row.table, row.columns + [row.key])
        var bindings = PostgresBindings(capacity: rows.count * types.count)
        for values in rows { for value in values { bindings.append(stored: value) } }
        let tuples = PostgresStore.placeholders(rows: rows.count, columns: types.count) { column, mark in "\(mark)::\(types[column])" }
        // The given values are named by position (given.c1, given.c2, …): a column may be a word of SQL's.
        let names = (1...types.count).map { "c\($0)" }
        let assignments = zip(row.columns, names).map { "\($0) = given.\($1)" } + row.increments.map { "\($0) = changed.\($0) + 1" }
        return PostgresQuery(unsafeSQL: """
            UPDATE \(row.table) AS changed SET \(assignments.joined(separator: ", "))
            FROM (VALUES \(tuples)) AS given (\(names.joined(separator: ", ")))
            WHERE changed.\(row.key) = given.\(names.last!)
            """, binds: bindings)
    }

    /// Each column's type as PostgreSQL's store has it (``StoredTable/kept``): the values are
    /// cast, so that a column given only NULLs is not taken for text.
    private static func columnTypes(_ table: String, _ columns: [String]) throws -> [String] {
        guard let kept = StoredTable.kept.first(where: { $0.name == table }) else { throw StoreError("表 \(table) はありません") }
        return try columns.map { name in
            guard let column = kept.columns.first(where: { $0.name == name }) else { throw StoreError("表 \(table) に列 \(name) はありません") }
            switch column.kind {
            case .integer: return "bigint"
            case .text: return "text"
            case .blob: return "bytea"
            }
        }
    }
}
