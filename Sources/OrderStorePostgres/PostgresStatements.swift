import Foundation
import OrderEngine
import OrderStore
import PostgresNIO

/// The store's shared statements (``StoreStatements``) run in one of PostgreSQL's transactions:
/// their `?` numbered as PostgreSQL's, their values bound as their kind. A statement without rows
/// is sent and not waited for, so that the next is made while the server runs it; all that were
/// sent are waited for, in order, before a query's rows are read and before the commit — the
/// first error is the one thrown, and nothing of the transaction is kept. Rows inserted and
/// updated without being read back are gathered (``PostgresGathering``) and sent together before
/// any other statement.
final class PostgresStatements: StoreStatements {
    let query: PostgresSession.Transaction
    /// A snapshot read (``PostgresStore/reading(_:)``): nothing may be written in it, as in
    /// SQLite's read transaction.
    let readOnly: Bool
    /// What the transaction did to the orders: written by ``finish()``.
    let effects = TransactionEffects()
    private var sent: [PostgresSession.Pending] = []
    private var gathering = PostgresGathering()
    /// Each statement's SQL numbered once per transaction: a change to 10,000 orders runs the same few.
    private var numbered: [String: String] = [:]
    /// Statements in flight at most: a large change is waited for as it goes, not held whole.
    private static let inFlight = 256

    var dialect: SQLDialect { .postgresql }

    init(_ query: PostgresSession.Transaction, readOnly: Bool = false) {
        self.query = query
        self.readOnly = readOnly
    }

    func run(_ sql: String, _ values: [StoredValue]) throws {
        try refuseInSnapshot()
        try sendGathered()
        sent.append(query.send(statement(sql, values)))
        if sent.count >= Self.inFlight { try settle() }
    }

    func forEachRow(_ sql: String, _ values: [StoredValue], _ body: (any StoredRowReading) throws -> Void) throws {
        try sendGathered()
        try settle()
        for row in try query(statement(sql, values)) { try body(row.makeRandomAccess()) }
    }

    /// A statement per ``PostgresStore/importRows`` orders, as the import sends them.
    func storeNewOrders(
        _ incoming: [OrderStore.Incoming], batchID: String, action: JournalKind, operatorName: String, at date: Date
    ) throws -> Set<OrderNumber> {
        guard !incoming.isEmpty else { return [] }
        try refuseInSnapshot()
        try sendGathered()
        try settle()
        // A number twice is stored once, as SQLite's statement stores it (its second row would
        // join both copies of the content and the arrival).
        var seen: Set<String> = []
        let orders = incoming.filter { seen.insert($0.order.number.rawValue).inserted }
        let statuses = Dictionary(orders.map { ($0.order.number.rawValue, $0.order.localStatus) }, uniquingKeysWith: { first, _ in first })
        var stored: Set<OrderNumber> = []
        for start in stride(from: 0, to: orders.count, by: PostgresStore.importRows) {
            let part = orders[start..<min(orders.count, start + PostgresStore.importRows)]
            for row in try query(PostgresStore.insert(part, batchID: batchID, action: action, operatorName: operatorName, at: date)) {
                let number = try row.decode(String.self)
                guard let status = statuses[number] else { continue }
                stored.insert(OrderNumber(number))
                effects.inserted(status, count: 1)
            }
        }
        return stored
    }

    func noteUpdated(from before: LocalStatus, to after: LocalStatus) {
        effects.updated(from: before, to: after)
    }

    func insert(_ row: RowInsert, _ values: [StoredValue]) throws {
        try refuseInSnapshot()
        if !gathering.accepts(row) { try sendGathered() }
        gathering.add(row, values)
        if gathering.isFull { try sendGathered() }
    }

    func update(_ row: RowUpdate, _ values: [StoredValue], key: StoredValue) throws {
        try refuseInSnapshot()
        if !gathering.accepts(row, key: key) { try sendGathered() }
        gathering.add(row, values, key: key)
        if gathering.isFull { try sendGathered() }
    }

    /// A write asked of a snapshot read is this code's fault: said at once, never left unsent.
    private func refuseInSnapshot() throws {
        guard readOnly else { return }
        throw StoreError("読み取りの中で書き込もうとしました（プログラムの誤りです）")
    }

    /// Sends what was gathered, not waiting for it.
    private func sendGathered() throws {
        guard !gathering.isEmpty else { return }
        for statement in try gathering.take() { sent.append(query.send(statement)) }
        if sent.count >= Self.inFlight { try settle() }
    }

    /// Waits for every statement sent; throws the first one's error.
    func settle() throws {
        let waiting = sent
        sent = []
        var first: (any Error)?
        for pending in waiting {
            do {
                _ = try pending.rows()
            } catch {
                // The statements after a failed one fail too (the transaction is aborted): the first says why.
                if first == nil { first = error }
            }
        }
        if let first { throw first }
    }

    /// Writes the effects (the counts per status; the notification desks on every host listen
    /// for), after everything sent has been run.
    func finish() throws {
        try sendGathered()
        try settle()
        try effects.writeCounts(in: self)
        if effects.changed { sent.append(query.send(PostgresChangeWatch.notify)) }
        try settle()
    }

    private func statement(_ sql: String, _ values: [StoredValue]) -> PostgresQuery {
        let text: String
        if let known = numbered[sql] {
            text = known
        } else {
            text = PostgresStore.numbered(sql)
            numbered[sql] = text
        }
        return PostgresQuery(sql: text, stored: values)
    }
}

extension PostgresStore {
    /// Runs `body` as the store's one writer: in a transaction that holds the writers' advisory
    /// lock (``PostgresSchema/writerLockKey``) until it ends, so that what it reads stays as read
    /// on every host until it commits — SQLite's IMMEDIATE transaction, across hosts. Its
    /// effects are written before the commit.
    func write<T>(_ doing: String, _ body: (PostgresStatements) throws -> T) throws -> T {
        try session.transaction(doing) { query in
            try query("SELECT pg_advisory_xact_lock(\(PostgresSchema.writerLockKey))")
            let statements = PostgresStatements(query)
            let result = try body(statements)
            try statements.finish()
            return result
        }
    }
}
