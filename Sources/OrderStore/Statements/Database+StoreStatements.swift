import Foundation
import GRDB
import OrderEngine

/// SQLite's connection runs the shared statements: those that write as GRDB's cached
/// statements (their SQL is fixed: a journal line, an order's columns), queries prepared each time
/// (their SQL varies with the length of an `IN (…)` list or a filter, and GRDB's cache never
/// shrinks); the number of values checked against the statement's.
extension Database: StoreStatements {
    public var dialect: SQLDialect { .sqlite }

    public func run(_ sql: String, _ values: [StoredValue]) throws {
        try cachedStatement(sql: sql).execute(arguments: StatementArguments(values: values.map(\.databaseValue)))
    }

    public func forEachRow(_ sql: String, _ values: [StoredValue], _ body: (any StoredRowReading) throws -> Void) throws {
        let rows = try Row.fetchCursor(self, sql: sql, arguments: StatementArguments(values: values.map(\.databaseValue)))
        while let row = try rows.next() { try body(row) }
    }

    public func insert(_ row: RowInsert, _ values: [StoredValue]) throws {
        try run(row.sql, values)
    }

    public func update(_ row: RowUpdate, _ values: [StoredValue], key: StoredValue) throws {
        try run(row.sql, values + [key])
    }

    /// The statements prepared once for all of them: a CSV of 40,000 orders is not parsed 40,000 times.
    public func storeNewOrders(
        _ incoming: [OrderStore.Incoming], batchID: String, action: JournalKind, operatorName: String, at date: Date
    ) throws -> Set<OrderNumber> {
        guard !incoming.isEmpty else { return [] }
        let statements = try NewOrderStatements(self)
        var stored: Set<OrderNumber> = []
        for item in incoming where try statements.store(item.order, item.values, batchID: batchID, action: action, operatorName: operatorName, at: date) {
            stored.insert(item.order.number)
            TransactionEffects.inserted(item.order.localStatus, count: 1, in: self)
        }
        return stored
    }

    public func noteUpdated(from before: LocalStatus, to after: LocalStatus) {
        TransactionEffects.updated(from: before, to: after, in: self)
    }
}
