import Foundation
import OrderEngine

/// The statements of one transaction, whichever backend runs them. What changes orders — the
/// journal, the outbox's claims, undo — is written once, as SQL both backends take (a `?` for
/// each value; standard clauses: ON CONFLICT, RETURNING, no backend's own functions), and each
/// backend runs it: SQLite through GRDB (``OrderStore``), PostgreSQL with its placeholders
/// numbered (the PostgreSQL store). A writing transaction of either holds the store's one writer
/// lock: what it reads stays as read until it commits.
public protocol StoreStatements {
    /// The words of the backend's SQL where the two differ (a position in a text, a character by its code).
    var dialect: SQLDialect { get }
    /// Runs a statement that returns no rows.
    func run(_ sql: String, _ values: [StoredValue]) throws
    /// Runs a query and gives each row to `body`, in the order they come.
    func forEachRow(_ sql: String, _ values: [StoredValue], _ body: (any StoredRowReading) throws -> Void) throws
    /// Inserts a row nothing reads back before the transaction ends (``RowInsert``).
    func insert(_ row: RowInsert, _ values: [StoredValue]) throws
    /// Updates a row nothing reads back before the transaction ends (``RowUpdate``).
    func update(_ row: RowUpdate, _ values: [StoredValue], key: StoredValue) throws
    /// Stores new orders (複製, 受注を登録, RMS's order CSV) with their arrivals in the journal, as an
    /// import stores them; the numbers stored — one already taken is left out, nothing of it stored.
    func storeNewOrders(_ incoming: [OrderStore.Incoming], batchID: String, action: JournalKind, operatorName: String, at date: Date) throws -> Set<OrderNumber>
    /// Tells the transaction an order moved from one status to another (or changed in place):
    /// the counts per status and the signal every desk watches are written when it commits.
    func noteUpdated(from before: LocalStatus, to after: LocalStatus)
}

extension StoreStatements {
    /// Stores one new order (``storeNewOrders(_:batchID:action:operatorName:at:)``); false,
    /// storing nothing, when its number is taken.
    func storeNewOrder(_ incoming: OrderStore.Incoming, batchID: String, action: JournalKind, operatorName: String, at date: Date) throws -> Bool {
        try storeNewOrders([incoming], batchID: batchID, action: action, operatorName: operatorName, at: date).contains(incoming.order.number)
    }

    /// Every row of a query, each made into a value by `make`.
    func rows<T>(_ sql: String, _ values: [StoredValue] = [], _ make: (any StoredRowReading) throws -> T) throws -> [T] {
        var made: [T] = []
        try forEachRow(sql, values) { made.append(try make($0)) }
        return made
    }

    /// The first row of a query, made into a value; nil when there is none.
    func firstRow<T>(_ sql: String, _ values: [StoredValue] = [], _ make: (any StoredRowReading) throws -> T) throws -> T? {
        var made: T?
        try forEachRow(sql, values) { row in
            if made == nil { made = try make(row) }
        }
        return made
    }
}
