import Foundation
import OrderEngine

/// What the shop's rules did and have still to look at: each rule's act on each order (at most
/// one), and the newly imported orders not yet checked.
extension StoreApplying {
    /// Newly imported orders (from RMS or its CSV; not entered here) that the rules have not yet
    /// checked, oldest first, at most `limit`, and the position to record once they are checked
    /// (nil: nothing new). `orderedBefore`: only orders ordered before it, up to the first that
    /// is not — the rest wait, in order. An order shipped or cancelled by the time the rules look
    /// (one brought in late already so, 取りこぼし; one an operator cancelled while it waited) is
    /// not the routine's: no rule mails, holds or bundles it.
    public func ordersAwaitingRules(limit: Int = 1_000, orderedBefore: Date? = nil) throws -> (numbers: [OrderNumber], through: Int64?) {
        try reading { db in
            let from = try db.firstRow("SELECT checked_through FROM rule_progress WHERE id = 1") { try $0.requiredInteger("checked_through") } ?? 0
            var rows = try db.rows("SELECT id, order_number, origin, ordered_at, local_status FROM orders WHERE id > ? ORDER BY id LIMIT ?",
                                   [.integer(from), .integer(Int64(limit))]) { row in
                (id: try row.requiredInteger("id"), number: OrderNumber(try row.requiredText("order_number")),
                 origin: try row.requiredText("origin"), orderedAt: try row.requiredInteger("ordered_at"),
                 done: [LocalStatus.shipped.id, LocalStatus.cancelled.id].contains(try row.requiredText("local_status")))
            }
            if let orderedBefore, let young = rows.firstIndex(where: { $0.orderedAt >= Int64(orderedBefore.timeIntervalSince1970) }) {
                rows.removeSubrange(young...)
            }
            return (rows.filter { !$0.origin.hasPrefix("hand:") && !$0.done }.map(\.number), rows.last?.id)
        }
    }

    /// Records that the rules have checked every order up to `through` (``ordersAwaitingRules(limit:)``).
    public func markRulesChecked(through: Int64) throws {
        try writing("ルールの確認位置の記録") { db in
            // Never backwards: another process may have checked further meanwhile.
            try db.run("UPDATE rule_progress SET checked_through = ? WHERE id = 1 AND checked_through < ?", [.integer(through), .integer(through)])
        }
    }

    /// Records `rule`'s act on each of `matched` (order → what it matched) before the rule writes
    /// anything; the orders it had acted on already (here or in another process) are left out.
    /// Returns the orders it may now act on.
    public func recordRuleActs(_ rule: Rule, _ matched: [OrderNumber: String], batchID: String) throws -> [OrderNumber] {
        try writing("ルール「\(rule.name)」の記録") { db in
            let at = Int64(now().timeIntervalSince1970)
            var recorded: [OrderNumber] = []
            for (number, what) in matched.sorted(by: { $0.key < $1.key }) {
                let stored = try db.firstRow("""
                    INSERT INTO rule_acts (order_number, rule, matched, hold, stopped, batch_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT DO NOTHING RETURNING order_number
                    """, [.text(number.rawValue), .text(rule.name), .text(what), .textOrNull(rule.hold),
                          .flag(rule.stop), .text(batchID), .integer(at)]) { _ in true }
                if stored == true { recorded.append(number) }
            }
            return recorded
        }
    }

    /// Takes back `rule`'s acts of `batchID` on `numbers`, recorded before a first write that
    /// failed: the rule has done nothing to them, and acts on them again.
    public func forgetRuleActs(_ rule: Rule, _ numbers: [OrderNumber], batchID: String) throws {
        try writing("ルール「\(rule.name)」の記録の取り消し") { db in
            for number in numbers {
                try db.run("DELETE FROM rule_acts WHERE order_number = ? AND rule = ? AND batch_id = ?",
                           [.text(number.rawValue), .text(rule.name), .text(batchID)])
            }
        }
    }

    /// What the rules did to each of `numbers`, oldest first.
    public func ruleActs(of numbers: [OrderNumber]) throws -> [OrderNumber: [RuleAct]] {
        try reading { db in
            var acts: [OrderNumber: [RuleAct]] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT order_number, rule, matched, hold, stopped, batch_id, at, waits_to_bundle FROM rule_acts
                    WHERE order_number IN (\(OrderStore.marks(chunk.count))) ORDER BY at, batch_id, rule
                    """, chunk.map { .text($0) }) { row in
                    acts[OrderNumber(try row.requiredText("order_number")), default: []].append(RuleAct(
                        rule: try row.requiredText("rule"), matched: try row.requiredText("matched"), hold: try row.text("hold"),
                        stopped: try row.requiredInteger("stopped") != 0,
                        at: Date(timeIntervalSince1970: TimeInterval(try row.requiredInteger("at"))), batchID: try row.requiredText("batch_id"),
                        waitsToBundle: try row.requiredInteger("waits_to_bundle") != 0))
                }
            }
            return acts
        }
    }

    /// Records whether `rule`'s 同梱 of each of `numbers` still waits (StoreSchemaV21).
    public func setRuleBundleWaiting(_ rule: String, _ numbers: [OrderNumber], waiting: Bool) throws {
        guard !numbers.isEmpty else { return }
        try writing("ルール「\(rule)」の同梱待ちの記録") { db in
            for number in numbers {
                try db.run("UPDATE rule_acts SET waits_to_bundle = ? WHERE order_number = ? AND rule = ?",
                           [.flag(waiting), .text(number.rawValue), .text(rule)])
            }
        }
    }

    /// The rules' 同梱 still waiting: by rule, its orders and the batch of its act.
    public func ruleBundlesWaiting() throws -> [String: [(number: OrderNumber, batchID: String)]] {
        try reading { db in
            var waiting: [String: [(number: OrderNumber, batchID: String)]] = [:]
            try db.forEachRow("SELECT rule, order_number, batch_id FROM rule_acts WHERE waits_to_bundle = 1 ORDER BY order_number, rule", []) { row in
                waiting[try row.requiredText("rule"), default: []].append((OrderNumber(try row.requiredText("order_number")), try row.requiredText("batch_id")))
            }
            return waiting
        }
    }
}
