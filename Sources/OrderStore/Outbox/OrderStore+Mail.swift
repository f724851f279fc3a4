import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// One mail of an order, as the outbox and the message kept for it say.
    public struct MailRecord: Sendable, Equatable {
        public enum State: String, Sendable {
            case pending, sending, done, failed, unknown
        }

        public let intent: Int64
        public let number: OrderNumber
        public let template: String
        /// 0 for the first; more for each time the operator chose to send it again.
        public let attempt: Int
        public let state: State
        public let operatorName: String
        public let createdAt: Date
        public let finishedAt: Date?
        /// What the relay or the sender said (a refusal, why it is unclear).
        public let result: String?
        public let recipient: String?
        public let subject: String?

        /// Sent, or may have been: what makes sending it again an explicit choice.
        public var counts: Bool { state != .failed }
    }

    /// Keeps the mail exactly as it is handed to the relay, before its bytes leave: what the
    /// history opens, and what tells a mail that may have gone from one that never did.
    public func recordMailMessage(intent: Int64, recipient: String, subject: String, message: [UInt8]) throws {
        try writeTransaction("メールの記録") { db in
            try db.execute(sql: "INSERT INTO mail_messages (intent, recipient, subject, message, recorded_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [intent, recipient, subject, Data(message), Int64(now().timeIntervalSince1970)])
        }
    }

    /// Every mail of `numbers`, oldest first.
    public func mailHistory(_ numbers: [OrderNumber]) throws -> [OrderNumber: [MailRecord]] {
        try pool.read { db in
            var history: [OrderNumber: [MailRecord]] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Array(repeating: "?", count: chunk.count).joined(separator: ",")
                for row in try Row.fetchAll(db, sql: """
                    SELECT o.id, o.order_number, o.detail, o.attempt, o.state, o.operator, o.created_at, o.finished_at, o.result,
                           m.recipient, m.subject
                    FROM outbox o LEFT JOIN mail_messages m ON m.intent = o.id
                    WHERE o.kind = 'send-mail' AND o.order_number IN (\(marks)) ORDER BY o.id
                    """, arguments: StatementArguments(chunk)) {
                    let record = MailRecord(
                        intent: row["id"], number: OrderNumber(row["order_number"]), template: row["detail"] ?? "", attempt: row["attempt"],
                        state: MailRecord.State(rawValue: row["state"]) ?? .unknown, operatorName: row["operator"],
                        createdAt: Date(timeIntervalSince1970: TimeInterval(row["created_at"] as Int64)),
                        finishedAt: (row["finished_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) },
                        result: row["result"], recipient: row["recipient"], subject: row["subject"])
                    history[record.number, default: []].append(record)
                }
            }
            return history
        }
    }

    /// Each order's latest mail of `template` that was sent or may have been: what makes sending it
    /// again an explicit choice.
    public func previousMails(_ numbers: [OrderNumber], template: String) throws -> [OrderNumber: MailAction.Previous] {
        try mailHistory(numbers).compactMapValues { records in
            records.last { $0.template == template && $0.counts }.map {
                MailAction.Previous(at: $0.finishedAt ?? $0.createdAt, operatorName: $0.operatorName, unclear: $0.state != .done)
            }
        }
    }

    /// The mail as it was handed to the relay (RFC 5322 bytes), or nil when it never got that far.
    public func mailMessage(intent: Int64) throws -> [UInt8]? {
        try pool.read { db in
            (try Data.fetchOne(db, sql: "SELECT message FROM mail_messages WHERE intent = ?", arguments: [intent])).map { Array($0) }
        }
    }

    /// Mails whose sender is gone (on this host: its process ended; elsewhere: claimed before
    /// `cutoff`) before it heard the relay: one whose message was never recorded never left (failed:
    /// may be sent); one recorded may have gone, and stays 結果不明 — nothing sends it again on its own.
    public func settleAbandonedMails(claimedBefore cutoff: Date? = nil) throws {
        let host = OperatorIdentity.host
        try writeTransaction("送信が途中で終わったメールの記録") { db in
            let seconds = Int64(now().timeIntervalSince1970)
            for row in try Row.fetchAll(db, sql: """
                SELECT o.id, o.claimed_by, o.created_at, m.intent IS NOT NULL AS recorded FROM outbox o
                LEFT JOIN mail_messages m ON m.intent = o.id
                WHERE o.kind = 'send-mail' AND o.state IN ('pending', 'sending')
                """) {
                guard Self.isAbandoned(claimedBy: row["claimed_by"], at: row["created_at"], host: host, cutoff: cutoff) else { continue }
                let outcome: WriteOutcome = (row["recorded"] as Bool)
                    ? .unknown(detail: "送信中に送信した端末が終了しました。受け付けられたか分かりません")
                    : .failed(.temporary, detail: "送信前に送信した端末が終了しました（送信していません）")
                try Self.finishIntent(row["id"], outcome, at: seconds, in: db)
            }
        }
    }
}
