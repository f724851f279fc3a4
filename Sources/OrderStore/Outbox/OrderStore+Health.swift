import Foundation
import OrderEngine

extension OrderStore {
    /// What `juchu status` and the status bar report beyond the counts per status.
    public struct Health: Sendable {
        /// Outbox intents by state: pending, sending, unknown (not yet resolved), failed, done.
        /// A failure is counted only while it is the last word on its order and kind: one that a
        /// later send of the same write made good is not a failure any more.
        public var outbox: [String: Int] = [:]
        /// Mails whose fate is unknown (handed to the relay without an answer) and not sent again since.
        public var unclearMails = 0
        /// Mails that did not go (the relay refused them, or it could not be reached) and were not
        /// sent since, with the newest one's cause.
        public var failedMails = 0
        public var lastMailFailure: String?
        /// Orders still at RMS 注文確認待ち, not sent, placed before the cutoff.
        public var unconfirmedBeforeCutoff = 0
        /// The oldest of them.
        public var oldestUnconfirmed: Date?
        /// When an order was last taken in by a fetch.
        public var lastImport: Date?
    }
}

extension StoreSyncRecords {
    /// The outbox's state and the orders that RMS will cancel by itself if they stay unconfirmed
    /// (14 days after the order): those placed before `cutoff`.
    public func health(unconfirmedBefore cutoff: Date) throws -> OrderStore.Health {
        try reading { db in
            var health = OrderStore.Health()
            try db.forEachRow("""
                SELECT state, COUNT(*) AS n FROM outbox AS intent
                WHERE kind != 'send-mail' AND (state != 'failed' OR NOT EXISTS (
                    SELECT 1 FROM outbox AS later
                    WHERE later.order_number = intent.order_number AND later.kind = intent.kind AND later.id > intent.id))
                GROUP BY state
                """, []) { row in
                health.outbox[try row.requiredText("state")] = Int(try row.requiredInteger("n"))
            }
            health.unclearMails = try db.firstRow("""
                SELECT COUNT(*) AS n FROM outbox AS intent WHERE kind = 'send-mail' AND state = 'unknown' AND NOT EXISTS (
                    SELECT 1 FROM outbox AS later WHERE later.kind = 'send-mail' AND later.order_number = intent.order_number
                    AND later.detail = intent.detail AND later.id > intent.id AND later.state = 'done')
                """) { Int(try $0.requiredInteger("n")) } ?? 0
            let failed = try db.firstRow("""
                WITH failed AS (
                    SELECT id, result FROM outbox AS intent
                    WHERE kind = 'send-mail' AND state = 'failed' AND NOT EXISTS (
                        SELECT 1 FROM outbox AS later WHERE later.kind = 'send-mail' AND later.order_number = intent.order_number
                        AND later.detail = intent.detail AND later.id > intent.id))
                SELECT COUNT(*) AS n, (SELECT result FROM failed ORDER BY id DESC LIMIT 1) AS last FROM failed
                """) { (count: Int(try $0.requiredInteger("n")), last: try $0.text("last")) }
            health.failedMails = failed?.count ?? 0
            // The result as recorded: the error class's key, then the relay's words.
            health.lastMailFailure = failed?.last.map { $0.split(separator: ":", maxSplits: 1).last.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? $0 }
            let unconfirmed = try db.firstRow("""
                SELECT COUNT(*) AS n, MIN(ordered_at) AS oldest FROM orders
                WHERE rms_progress = 100 AND sync_state = 'notSent' AND origin = 'rakutenAPI' AND ordered_at < ?
                """, [.integer(Int64(cutoff.timeIntervalSince1970))]) { (count: Int(try $0.requiredInteger("n")), oldest: try $0.integer("oldest")) }
            health.unconfirmedBeforeCutoff = unconfirmed?.count ?? 0
            health.oldestUnconfirmed = unconfirmed?.oldest.map { Date(timeIntervalSince1970: TimeInterval($0)) }
            health.lastImport = try OrderStore.lastImport(in: db)
            return health
        }
    }

    /// When an order was last taken in: the newest row's (rows are numbered as they come in), so
    /// that a desk opening on a million orders does not read them all to say it.
    public func lastImport() throws -> Date? {
        try reading { db in try OrderStore.lastImport(in: db) }
    }

    /// Orders at RMS 発送待ち not reported by their ship-by day, and reported ones RMS has not moved
    /// to 発送済 two days after the ship date (``ShippingWatch``), oldest first.
    public func shippingWatch(today: CalendarDate, leadDays: Int) throws -> (late: [OrderNumber], stuck: [OrderNumber]) {
        // The orders and their state read on one snapshot.
        let orders = try reading { db in try OrderStore.load(try OrderStore.awaitingShipment(in: db), content: false, in: db) }
        return (orders.filter { ShippingWatch.isLate($0, today: today, leadDays: leadDays) }.map(\.number),
                orders.filter { ShippingWatch.isStuck($0, today: today) }.map(\.number))
    }

    /// Rakuten orders RMS holds at 発送待ち (300), oldest first: the ones parcels are for.
    public func ordersAwaitingShipment() throws -> [OrderNumber] {
        try reading { db in try OrderStore.awaitingShipment(in: db) }
    }
}

extension OrderStore {
    static func awaitingShipment(in db: any StoreStatements) throws -> [OrderNumber] {
        try db.rows("SELECT order_number FROM orders WHERE rms_progress = 300 AND origin = 'rakutenAPI' ORDER BY ordered_at, order_number") {
            OrderNumber(try $0.requiredText("order_number"))
        }
    }

    static func lastImport(in db: any StoreStatements) throws -> Date? {
        try db.firstRow("SELECT imported_at FROM orders WHERE origin = 'rakutenAPI' ORDER BY id DESC LIMIT 1") {
            Date(timeIntervalSince1970: TimeInterval(try $0.requiredInteger("imported_at")))
        }
    }
}
