import Foundation
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
}

extension StoreOutbox {
    /// Keeps the mail exactly as it is handed to the relay, before its bytes leave: what the
    /// history opens, and what tells a mail that may have gone from one that never did. False,
    /// keeping nothing, when the mail is no longer this sender's to send — settled meanwhile as
    /// never sent by a process that took its sender for gone — and so must not go. Throws
    /// ``ClaimsLapsed`` when this process can no longer be sure its claims are its own.
    public func recordMailMessage(intent: Int64, recipient: String, subject: String, message: [UInt8]) throws -> Bool {
        try writingAsClaimer("メールの記録") { db in
            guard try db.firstRow("SELECT id FROM outbox WHERE id = ? AND state = 'sending'", [.integer(intent)], { _ in true }) == true else {
                return false
            }
            try db.run("INSERT INTO mail_messages (intent, recipient, subject, message, recorded_at) VALUES (?, ?, ?, ?, ?)",
                       [.integer(intent), .text(recipient), .text(subject), .blob(Data(message)), .integer(Int64(now().timeIntervalSince1970))])
            return true
        }
    }

    /// Every mail of `numbers`, oldest first.
    public func mailHistory(_ numbers: [OrderNumber]) throws -> [OrderNumber: [OrderStore.MailRecord]] {
        try reading { db in
            var history: [OrderNumber: [OrderStore.MailRecord]] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT o.id, o.order_number, o.detail, o.attempt, o.state, o.operator, o.created_at, o.finished_at, o.result,
                           m.recipient, m.subject
                    FROM outbox o LEFT JOIN mail_messages m ON m.intent = o.id
                    WHERE o.kind = 'send-mail' AND o.order_number IN (\(OrderStore.marks(chunk.count))) ORDER BY o.id
                    """, chunk.map { .text($0) }) { row in
                    let record = OrderStore.MailRecord(
                        intent: try row.requiredInteger("id"), number: OrderNumber(try row.requiredText("order_number")),
                        template: try row.text("detail") ?? "", attempt: Int(try row.requiredInteger("attempt")),
                        state: OrderStore.MailRecord.State(rawValue: try row.requiredText("state")) ?? .unknown,
                        operatorName: try row.requiredText("operator"),
                        createdAt: Date(timeIntervalSince1970: TimeInterval(try row.requiredInteger("created_at"))),
                        finishedAt: try row.integer("finished_at").map { Date(timeIntervalSince1970: TimeInterval($0)) },
                        result: try row.text("result"), recipient: try row.text("recipient"), subject: try row.text("subject"))
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
        try reading { db in
            try db.firstRow("SELECT message FROM mail_messages WHERE intent = ?", [.integer(intent)]) { try $0.bytes("message").map { Array($0) } } ?? nil
        }
    }

    /// Mails whose sender is gone (on this host: its process ended; elsewhere: its heartbeat
    /// stopped, or claimed before `cutoff`) before it heard the relay: one whose message was never recorded never left (failed:
    /// may be sent); one recorded may have gone, and stays 結果不明 — nothing sends it again on its own.
    public func settleAbandonedMails(claimedBefore cutoff: Date? = nil) throws {
        let host = OperatorIdentity.host
        try writing("送信が途中で終わったメールの記録") { db in
            let seconds = Int64(now().timeIntervalSince1970)
            let open = try db.rows("""
                SELECT o.id, o.claimed_by, o.created_at, m.intent IS NOT NULL AS recorded FROM outbox o
                LEFT JOIN mail_messages m ON m.intent = o.id
                WHERE o.kind = 'send-mail' AND o.state IN ('pending', 'sending') ORDER BY o.id
                """) { row in
                (id: try row.requiredInteger("id"), claimedBy: try row.requiredText("claimed_by"),
                 createdAt: try row.requiredInteger("created_at"), recorded: try row.bool("recorded"))
            }
            // After the claims, in the same transaction: a beat written before a claim is seen with it.
            let alive = try liveProcessesElsewhere(in: db)
            for mail in open where OrderStore.isAbandoned(claimedBy: mail.claimedBy, at: mail.createdAt, host: host, cutoff: cutoff, alive: alive) {
                let outcome: WriteOutcome = mail.recorded
                    ? .unknown(detail: "送信中に送信した端末が終了しました。受け付けられたか分かりません")
                    : .failed(.temporary, detail: "送信前に送信した端末が終了しました（送信していません）")
                _ = try OrderStore.finishIntent(mail.id, outcome, from: nil, at: seconds, in: db)
            }
        }
    }
}
