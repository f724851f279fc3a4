import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Plans 注文確認 for `numbers` and, in the same transaction, records an intent for each order
    /// that will be sent and marks it 確認送信中. An order another process has claimed is skipped
    /// with that reason; the unique index on the outbox makes a second claim impossible.
    public func claimConfirmations(_ numbers: [OrderNumber], claimedBy process: String = OperatorIdentity.process) throws -> Applied {
        try apply(ConfirmAction(), to: numbers, claimedBy: process)
    }

    /// Marks intents as being sent, just before the request leaves.
    public func markSending(_ intents: [Int64]) throws {
        try writeTransaction("送信開始の記録") { db in
            let seconds = Int64(now().timeIntervalSince1970)
            for id in intents {
                try db.execute(sql: "UPDATE outbox SET state = 'sending', sent_at = ? WHERE id = ? AND state = 'pending'",
                               arguments: [seconds, id])
            }
        }
    }

    /// What RMS said about one write sent from the outbox (a confirmation, a cancellation).
    public enum IntentOutcome: Sendable {
        /// Accepted; RMS shows `progress` if it was read back.
        case accepted(RMSProgress?)
        /// Refused or not applied: the order shows the error; a retry is possible when the class allows.
        case failed(APIErrorClass, detail: String)
        /// Nobody knows yet: the order stays in flight until RMS is read.
        case unknown(detail: String)
    }

    /// Closes an outbox row with what RMS said.
    static func finishIntent(_ intent: Int64, _ outcome: IntentOutcome, at seconds: Int64, in db: Database) throws {
        let (state, result): (String, String) =
            switch outcome {
            case .accepted: ("done", "accepted")
            case .failed(let errorClass, let detail): ("failed", "\(errorClass.rawValue): \(detail)")
            case .unknown(let detail): ("unknown", detail)
            }
        try db.execute(sql: "UPDATE outbox SET state = ?, finished_at = ?, result = ? WHERE id = ?",
                       arguments: [state, seconds, result, intent])
    }

    /// Records the outcome of each sent intent on the outbox row and on the order, in one transaction.
    public func recordConfirmations(_ outcomes: [(intent: Int64, number: OrderNumber, outcome: IntentOutcome)]) throws {
        try writeTransaction("注文確認結果の記録") { db in
            let date = now()
            let seconds = Int64(date.timeIntervalSince1970)
            for (intent, number, outcome) in outcomes {
                try Self.finishIntent(intent, outcome, at: seconds, in: db)
                _ = try Self.mutate([number], action: "confirm-result", undoable: false, operatorName: operatorName,
                                    at: date, in: db) { order in
                    var order = order
                    switch outcome {
                    case .accepted(let progress):
                        if let progress { order.rmsProgress = progress }
                        order.sync = .afterConfirmation(rmsProgress: order.rmsProgress)
                    case .failed(let errorClass, let detail):
                        order.sync = .failed(errorClass, detail: detail)
                    case .unknown:
                        order.sync = .confirmSending
                    }
                    return order
                }
            }
        }
    }

    /// Rakuten orders of the last `days` that RMS has not shipped or cancelled: the ones RMS may
    /// still change on its own (a cancellation, a recalculation), read again on a slow schedule.
    public func openRakutenOrders(since date: Date) throws -> [OrderNumber] {
        try pool.read { db in
            try String.fetchAll(db, sql: """
                SELECT order_number FROM orders WHERE ordered_at >= ? AND origin = 'rakutenAPI' AND rms_progress < 500
                ORDER BY ordered_at DESC
                """, arguments: [Int64(date.timeIntervalSince1970)]).map(OrderNumber.init)
        }
    }

    /// Orders whose confirmation RMS accepted but has not finished: the ones to poll.
    public func ordersAwaitingRakuten() throws -> [OrderNumber] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT order_number FROM orders WHERE sync_state = 'rakutenProcessing' ORDER BY ordered_at")
                .map(OrderNumber.init)
        }
    }
}

extension OrderStore {
    /// Intents whose outcome nobody knows: sent (or maybe sent) when the sender failed or died.
    /// They are resolved by reading the order from RMS before anything is sent again. An intent
    /// left pending or sending counts once its process is gone (on this host: at once; on another
    /// host: after `cutoff`).
    public func unresolvedConfirmations(claimedBefore cutoff: Date? = nil) throws -> [(intent: Int64, number: OrderNumber)] {
        try unresolvedIntents(claimedBefore: cutoff).filter { $0.kind == "confirm" }.map { ($0.intent, $0.number) }
    }

    /// ``unresolvedConfirmations(claimedBefore:)`` for every kind of write: confirmations,
    /// cancellations and edit pushes alike.
    public func unresolvedIntents(claimedBefore cutoff: Date? = nil) throws -> [(intent: Int64, number: OrderNumber, kind: String)] {
        let host = OperatorIdentity.host
        return try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT id, kind, order_number, state, claimed_by, created_at FROM outbox
                WHERE state IN ('unknown', 'pending', 'sending') ORDER BY id
                """).compactMap { row -> (Int64, OrderNumber, String)? in
                let abandoned: Bool
                if row["state"] as String == "unknown" {
                    abandoned = true
                } else if let claimer = Self.claimer(row["claimed_by"]), claimer.host == host {
                    abandoned = !Self.processIsAlive(claimer.pid)
                } else {
                    abandoned = cutoff.map { (row["created_at"] as Int64) < Int64($0.timeIntervalSince1970) } ?? false
                }
                return abandoned ? (row["id"], OrderNumber(row["order_number"]), row["kind"]) : nil
            }
        }
    }

    /// The host and pid of an intent's claimer (``OperatorIdentity/process``: `user@host:pid`).
    static func claimer(_ claimedBy: String) -> (host: String, pid: Int32)? {
        guard let at = claimedBy.lastIndex(of: "@"), let colon = claimedBy.lastIndex(of: ":"), at < colon,
            let pid = Int32(claimedBy[claimedBy.index(after: colon)...])
        else { return nil }
        return (String(claimedBy[claimedBy.index(after: at)..<colon]), pid)
    }
}

extension OrderStore {
    /// Records each sent cancellation on its outbox row and on the order. A refused one puts the
    /// order's local status back (the cancellation did not happen) and shows why.
    public func recordCancellations(_ outcomes: [(intent: Int64, number: OrderNumber, outcome: IntentOutcome)]) throws {
        try writeTransaction("キャンセル結果の記録") { db in
            let date = now()
            let seconds = Int64(date.timeIntervalSince1970)
            for (intent, number, outcome) in outcomes {
                try Self.finishIntent(intent, outcome, at: seconds, in: db)
                let previous = try Self.valueBefore("cancel", changed: .localStatus, of: number, in: db)
                _ = try Self.mutate([number], action: "cancel-result", undoable: false, operatorName: operatorName, at: date, in: db) { order in
                    var order = order
                    switch outcome {
                    case .accepted(let progress):
                        order.rmsProgress = progress ?? .awaitingCancellation
                    case .failed(let errorClass, let detail):
                        if case .text(let name?)? = previous { order.localStatus = LocalStatus(name) }
                        order.sync = .failed(errorClass, detail: detail)
                    case .unknown:
                        break
                    }
                    return order
                }
            }
        }
    }
}
