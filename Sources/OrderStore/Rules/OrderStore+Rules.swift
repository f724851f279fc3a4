import Foundation
import GRDB
import OrderEngine

/// What the shop's rules did and have still to look at: each rule's act on each order (at most
/// one), and the newly imported orders not yet checked.
extension OrderStore {
    /// Newly imported orders (from RMS or its CSV; not entered here) that the rules have not yet
    /// checked, oldest first, at most `limit`, and the position to record once they are checked
    /// (nil: nothing new). `orderedBefore`: only orders ordered before it, up to the first that
    /// is not — the rest wait, in order.
    public func ordersAwaitingRules(limit: Int = 1_000, orderedBefore: Date? = nil) throws -> (numbers: [OrderNumber], through: Int64?) {
        try pool.read { db in
            let from = try Int64.fetchOne(db, sql: "SELECT checked_through FROM rule_progress WHERE id = 1") ?? 0
            var rows = try Row.fetchAll(db, sql: """
                SELECT id, order_number, origin, ordered_at FROM orders WHERE id > ? ORDER BY id LIMIT ?
                """, arguments: [from, limit])
            if let orderedBefore, let young = rows.firstIndex(where: { ($0["ordered_at"] as Int64) >= Int64(orderedBefore.timeIntervalSince1970) }) {
                rows.removeSubrange(young...)
            }
            let numbers = rows.filter { !($0["origin"] as String).hasPrefix("hand:") }.map { OrderNumber($0["order_number"] as String) }
            return (numbers, rows.last?["id"])
        }
    }

    /// Records that the rules have checked every order up to `through` (``ordersAwaitingRules(limit:)``).
    public func markRulesChecked(through: Int64) throws {
        try writeTransaction("ルールの確認位置の記録") { db in
            try db.execute(sql: "UPDATE rule_progress SET checked_through = MAX(checked_through, ?) WHERE id = 1", arguments: [through])
        }
    }

    /// Records `rule`'s act on each of `matched` (order → what it matched) before the rule writes
    /// anything; the orders it had acted on already (here or in another process) are left out.
    /// Returns the orders it may now act on.
    public func recordRuleActs(_ rule: Rule, _ matched: [OrderNumber: String], batchID: String) throws -> [OrderNumber] {
        try writeTransaction("ルール「\(rule.name)」の記録") { db in
            let at = Int64(now().timeIntervalSince1970)
            var recorded: [OrderNumber] = []
            for number in matched.keys.sorted() {
                try db.execute(sql: """
                    INSERT OR IGNORE INTO rule_acts (order_number, rule, matched, hold, stopped, batch_id, at) VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [number.rawValue, rule.name, matched[number], rule.hold, rule.stop, batchID, at])
                if db.changesCount > 0 { recorded.append(number) }
            }
            return recorded
        }
    }

    /// Takes back `rule`'s acts of `batchID` on `numbers`, recorded before a first write that
    /// failed: the rule has done nothing to them, and acts on them again.
    public func forgetRuleActs(_ rule: Rule, _ numbers: [OrderNumber], batchID: String) throws {
        try writeTransaction("ルール「\(rule.name)」の記録の取り消し") { db in
            for number in numbers {
                try db.execute(sql: "DELETE FROM rule_acts WHERE order_number = ? AND rule = ? AND batch_id = ?",
                               arguments: [number.rawValue, rule.name, batchID])
            }
        }
    }

    /// What the rules did to each of `numbers`, oldest first.
    public func ruleActs(of numbers: [OrderNumber]) throws -> [OrderNumber: [RuleAct]] {
        try pool.read { db in
            var acts: [OrderNumber: [RuleAct]] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT order_number, rule, matched, hold, stopped, batch_id, at, waits_to_bundle FROM rule_acts
                    WHERE order_number IN (\(marks)) ORDER BY at, batch_id
                    """, arguments: StatementArguments(chunk))
                for row in rows {
                    acts[OrderNumber(row["order_number"] as String), default: []].append(RuleAct(
                        rule: row["rule"], matched: row["matched"], hold: row["hold"], stopped: row["stopped"],
                        at: Date(timeIntervalSince1970: TimeInterval(row["at"] as Int64)), batchID: row["batch_id"],
                        waitsToBundle: row["waits_to_bundle"]))
                }
            }
            return acts
        }
    }

    /// Records whether `rule`'s 同梱 of each of `numbers` still waits (StoreSchemaV21).
    public func setRuleBundleWaiting(_ rule: String, _ numbers: [OrderNumber], waiting: Bool) throws {
        guard !numbers.isEmpty else { return }
        try writeTransaction("ルール「\(rule)」の同梱待ちの記録") { db in
            for number in numbers {
                try db.execute(sql: "UPDATE rule_acts SET waits_to_bundle = ? WHERE order_number = ? AND rule = ?",
                               arguments: [waiting, number.rawValue, rule])
            }
        }
    }

    /// The rules' 同梱 still waiting: by rule, its orders and the batch of its act.
    public func ruleBundlesWaiting() throws -> [String: [(number: OrderNumber, batchID: String)]] {
        try pool.read { db in
            var waiting: [String: [(number: OrderNumber, batchID: String)]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT rule, order_number, batch_id FROM rule_acts WHERE waits_to_bundle = 1 ORDER BY order_number") {
                waiting[row["rule"], default: []].append((OrderNumber(row["order_number"] as String), row["batch_id"]))
            }
            return waiting
        }
    }
}
