import Foundation
import OrderEngine

extension StoreOutbox {
    /// Records the requestId RMS gave the async write of `intents` when it accepted it, before its
    /// result is asked for (StoreSchemaV22).
    public func noteRequestID(_ requestID: String, for intents: [Int64]) throws {
        try writing("受付番号の記録") { db in
            for id in intents {
                try db.run("UPDATE outbox SET request_id = ? WHERE id = ?", [.text(requestID), .integer(id)])
            }
        }
    }

    /// Marks intents as being sent, just before the request leaves, and gives those it moved: an
    /// intent no longer pending was settled meanwhile by another process that took its sender
    /// for gone, and is not sent. Throws ``ClaimsLapsed``, moving none, when this process can no
    /// longer be sure its claims are its own (``StoreTransactions/holdsItsClaims(in:)``).
    public func markSending(_ intents: [Int64]) throws -> Set<Int64> {
        try writingAsClaimer("送信開始の記録") { db in
            let seconds = Int64(now().timeIntervalSince1970)
            var moved: Set<Int64> = []
            for chunk in intents.chunked(into: 500) {
                try db.forEachRow(
                    "UPDATE outbox SET state = 'sending', sent_at = ? WHERE state = 'pending' AND id IN (\(OrderStore.marks(chunk.count))) RETURNING id",
                    [.integer(seconds)] + chunk.map { .integer($0) }) { moved.insert(try $0.requiredInteger("id")) }
            }
            return moved
        }
    }

}

extension OrderStore {
    /// A state of an outbox row whose outcome is not yet recorded.
    public enum OpenState: String, Sendable {
        case pending, sending, unknown
    }

    /// What RMS said about one intent of the outbox.
    public struct OutboxResult: Sendable {
        public let intent: Int64
        public let number: OrderNumber
        public let outcome: WriteOutcome
        /// The state the recorder saw the row in (nil: any not yet finished). Another process
        /// that moved or finished the row since — a sender, a settler — keeps its own record.
        public let from: OpenState?

        public init(intent: Int64, number: OrderNumber, outcome: WriteOutcome, from: OpenState? = nil) {
            self.intent = intent
            self.number = number
            self.from = from
            self.outcome = outcome
        }
    }

}

extension StoreOutbox {
    /// Records what RMS said about writes of `kind`, on each outbox row and on its order, in one
    /// transaction: what the answer does to the order is the write's own rule
    /// (``OutboundWrite/Kind/recording(_:on:before:)``), with the values it puts back read from the journal.
    /// A row no longer in the state the result was made from (``OrderStore/OutboxResult/from``) is
    /// left as another process recorded it, and its order untouched. Returns the intents recorded.
    @discardableResult
    public func recordOutcomes(_ kind: OutboundWrite.Kind, _ results: [OrderStore.OutboxResult]) throws -> Set<Int64> {
        guard !results.isEmpty else { return [] }
        return try writing("「\(kind.action.journalLabel)」の結果の記録") { db in
            let date = now()
            let seconds = Int64(date.timeIntervalSince1970)
            var recorded: Set<Int64> = []
            for result in results {
                guard try OrderStore.finishIntent(result.intent, result.outcome, from: result.from, at: seconds, in: db) else { continue }
                recorded.insert(result.intent)
                var before: [OrderField: FieldValue] = [:]
                if !result.outcome.isAccepted {
                    // The values this intent's action changed: journalled with the intent, not before it.
                    guard let claimed = try db.firstRow("SELECT created_at FROM outbox WHERE id = ?", [.integer(result.intent)], {
                        try $0.requiredInteger("created_at")
                    }) else {
                        throw StoreError("送信記録 \(result.intent)（注文 \(result.number)）がありません")
                    }
                    for field in kind.restoredUnlessAccepted {
                        before[field] = try OrderStore.valueBefore(.action(kind.action), changed: field, of: result.number, since: claimed, in: db)
                    }
                }
                _ = try OrderStore.mutate([result.number], action: .event(kind.resultAction), undoable: false, operatorName: operatorName,
                                    at: date, in: db) { order in
                    try kind.recording(result.outcome, on: order, before: before)
                }
            }
            return recorded
        }
    }

}

extension OrderStore {
    /// Closes an outbox row with what RMS said, if it is still in state `from` (nil: any not yet
    /// finished); false, changing nothing, when another process moved or finished it since.
    static func finishIntent(_ intent: Int64, _ outcome: WriteOutcome, from: OpenState?, at seconds: Int64, in db: any StoreStatements) throws -> Bool {
        let (state, result): (String, String) =
            switch outcome {
            case .accepted: ("done", "accepted")
            case .failed(let errorClass, let detail): ("failed", "\(errorClass.rawValue): \(detail)")
            case .unknown(let detail): ("unknown", detail)
            }
        let open = from.map { [$0] } ?? [.pending, .sending, .unknown]
        return try db.firstRow(
            "UPDATE outbox SET state = ?, finished_at = ?, result = ? WHERE id = ? AND state IN (\(OrderStore.marks(open.count))) RETURNING id",
            [.text(state), .integer(seconds), .text(result), .integer(intent)] + open.map { .text($0.rawValue) }) { _ in true } ?? false
    }

    /// Records that `write` is to be sent for `number` and returns its id; nil when another claim
    /// of the same once-only write holds it (the outbox's unique indexes: one confirmation, one
    /// cancellation, one report in flight…). A mail sent again is the next try of its template;
    /// otherwise the first.
    static func recordIntent(
        _ write: OutboundWrite, for number: OrderNumber, by operatorName: String, claimedBy process: String, at date: Date,
        in db: any StoreStatements
    ) throws -> Int64? {
        var attempt: Int64 = 0
        if case .mail(let template, resend: true) = write {
            attempt = try db.firstRow(
                "SELECT COALESCE(MAX(attempt), -1) + 1 AS next FROM outbox WHERE kind = 'send-mail' AND order_number = ? AND detail = ?",
                [.text(number.rawValue), .text(template)]) { try $0.requiredInteger("next") } ?? 0
        }
        return try db.firstRow("""
            INSERT INTO outbox (kind, order_number, state, operator, claimed_by, created_at, detail, attempt) VALUES (?, ?, 'pending', ?, ?, ?, ?, ?)
            ON CONFLICT DO NOTHING RETURNING id
            """, [.text(write.kind.rawValue), .text(number.rawValue), .text(operatorName), .text(process),
                  .integer(Int64(date.timeIntervalSince1970)), .textOrNull(write.detail), .integer(attempt)]) { try $0.requiredInteger("id") }
    }

}

extension StoreOutbox {
    /// Rakuten orders of the last `days` that RMS has not shipped or cancelled: the ones RMS may
    /// still change on its own (a cancellation, a recalculation), read again on a slow schedule;
    /// and every order taken from RMS's order CSV, which the read fills with what the CSV lacks.
    public func openRakutenOrders(since date: Date) throws -> [OrderNumber] {
        try reading { db in
            try db.rows("""
                SELECT order_number FROM orders
                WHERE ordered_at >= ? AND ((origin = 'rakutenAPI' AND rms_progress < 500) OR origin = 'csvImport')
                ORDER BY ordered_at DESC
                """, [.integer(Int64(date.timeIntervalSince1970))]) { OrderNumber(try $0.requiredText("order_number")) }
        }
    }

    /// Orders whose confirmation RMS accepted but has not finished: the ones to poll.
    public func ordersAwaitingRakuten() throws -> [OrderNumber] {
        try reading { db in
            try db.rows("SELECT order_number FROM orders WHERE sync_state = 'rakutenProcessing' ORDER BY ordered_at") {
                OrderNumber(try $0.requiredText("order_number"))
            }
        }
    }
}

extension OrderStore {
    /// A write of the outbox whose outcome nobody knows.
    public struct UnresolvedWrite: Sendable, Equatable {
        public let intent: Int64
        public let number: OrderNumber
        public let kind: OutboundWrite.Kind
        /// Left 'sending' by a sender that is gone: its request may still be on its way at RMS.
        public var abandonedWhileSending = false
        /// Recorded 結果不明 by a sender that heard no clear answer.
        public var isUnknown = false
        /// When its request left (nil: it never did).
        public var sentAt: Date?
        /// The requestId RMS gave it, for an async write RMS accepted.
        public var requestID: String?

        /// The state it was found in: what settling it is recorded from.
        public var state: OrderStore.OpenState { isUnknown ? .unknown : abandonedWhileSending ? .sending : .pending }
    }

}

extension StoreOutbox {
    /// Writes to RMS whose outcome nobody knows, of every kind but mail (``settleAbandonedMails(claimedBefore:)``): sent (or maybe sent) when the sender
    /// failed or died. They are resolved by reading the order from RMS before anything is sent
    /// again. An intent left pending or sending counts once its process is gone (on this host: at
    /// once; on another host: once its heartbeat stops, or after `cutoff`). A kind this version
    /// does not know (recorded by a newer one) is an error, not passed over.
    public func unresolvedIntents(claimedBefore cutoff: Date? = nil) throws -> [OrderStore.UnresolvedWrite] {
        let host = OperatorIdentity.host
        return try reading { db in
            // Read on the same snapshot as the claims: a claim seen is never judged by an older beat.
            let alive = try liveProcessesElsewhere(in: db)
            return try db.rows("""
                SELECT id, kind, order_number, state, claimed_by, created_at, sent_at, request_id FROM outbox
                WHERE state IN ('unknown', 'pending', 'sending') AND kind != 'send-mail' ORDER BY id
                """) { row -> OrderStore.UnresolvedWrite? in
                let (id, state, kindName) = (try row.requiredInteger("id"), try row.requiredText("state"), try row.requiredText("kind"))
                let (claimedBy, createdAt) = (try row.requiredText("claimed_by"), try row.requiredInteger("created_at"))
                guard state == "unknown" || OrderStore.isAbandoned(claimedBy: claimedBy, at: createdAt, host: host, cutoff: cutoff, alive: alive) else { return nil }
                guard let kind = OutboundWrite.Kind(rawValue: kindName) else {
                    throw StoreError("送信記録 \(id) の種類「\(kindName)」はこの版のjuchuでは扱えません（新しい版で記録されました）")
                }
                return OrderStore.UnresolvedWrite(
                    intent: id, number: OrderNumber(try row.requiredText("order_number")), kind: kind,
                    abandonedWhileSending: state == "sending", isUnknown: state == "unknown",
                    sentAt: try row.integer("sent_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }, requestID: try row.text("request_id"))
            }.compactMap { $0 }
        }
    }
}

extension OrderStore {

    /// Whether an intent still pending or sending was left by a sender that is gone: on this host,
    /// its process has ended; on another, its heartbeat has stopped (`alive`: the processes
    /// beating, where the store knows them) or it was claimed before `cutoff` (nil: never assumed).
    static func isAbandoned(claimedBy: String, at created: Int64, host: String, cutoff: Date?, alive: Set<String>?) -> Bool {
        if let claimer = OperatorIdentity.hostAndPID(of: claimedBy), claimer.host == host { return !processIsAlive(claimer.pid) }
        if let alive, !alive.contains(claimedBy) { return true }
        return cutoff.map { created < Int64($0.timeIntervalSince1970) } ?? false
    }
}
