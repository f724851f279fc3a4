import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// A batch of changes that can still be taken back.
    public struct UndoableBatch: Sendable, Hashable {
        public let batchID: String
        public let action: String
        public let operatorName: String
        public let at: Date
        public let orderCount: Int
    }

    /// What an undo did.
    public struct UndoResult: Sendable {
        public let batchID: String
        public var restored: [OrderNumber] = []
        /// Fields changed again since (by someone else or later work): left as they are.
        public var conflicts: [(number: OrderNumber, field: String)] = []
    }

    /// The most recent batches with local changes not yet undone, newest first.
    public func undoableBatches(limit: Int = 20) throws -> [UndoableBatch] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT batch_id, action, operator, MAX(at) AS at, COUNT(DISTINCT order_number) AS n FROM journal
                WHERE undoable = 1 AND undone_by_batch IS NULL
                GROUP BY batch_id ORDER BY MAX(id) DESC LIMIT ?
                """, arguments: [limit]).map {
                UndoableBatch(
                    batchID: $0["batch_id"], action: $0["action"], operatorName: $0["operator"],
                    at: Date(timeIntervalSince1970: Double($0["at"] as Int64) / 1000), orderCount: $0["n"])
            }
        }
    }

    /// Takes back a batch's local changes by replaying the journal backwards. A field changed again
    /// since is left alone and reported; changes that went to RMS are never in a batch's undoable rows.
    @discardableResult
    public func undo(batch: String) throws -> UndoResult {
        try writeTransaction("取り消し") { db in
            let date = now()
            var result = UndoResult(batchID: UUID().uuidString.lowercased())
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, order_number, field, before_value, after_value FROM journal
                WHERE batch_id = ? AND undoable = 1 AND undone_by_batch IS NULL ORDER BY id DESC
                """, arguments: [batch])
            let numbers = Array(Set(rows.map { OrderNumber($0["order_number"]) }))
            // A batch holds only state fields: the orders' content is needed only for a new total.
            let content = rows.contains { OrderField(rawValue: $0["field"])?.changesTotal ?? true }
            var orders = Dictionary(uniqueKeysWithValues: try Self.load(numbers, content: content, in: db).map { ($0.number, $0) })
            let originals = orders
            for row in rows {
                let number = OrderNumber(row["order_number"])
                guard var order = orders[number], let field = OrderField(rawValue: row["field"]),
                    let before = FieldValue(journalText: row["before_value"]), let after = FieldValue(journalText: row["after_value"])
                else { continue }
                guard field.value(in: order) == after else {
                    result.conflicts.append((number, field.label))
                    continue
                }
                try field.set(before, in: &order)
                orders[number] = order
                try db.cachedStatement(sql: "UPDATE journal SET undone_by_batch = ? WHERE id = ?")
                    .execute(arguments: [result.batchID, row["id"] as Int64])
            }
            for number in numbers {
                guard let original = originals[number], let order = orders[number], original != order else { continue }
                try Self.write(order, from: original, in: db, at: date)
                try Self.journal(original.changes(to: order), of: number, batchID: result.batchID, action: "undo",
                                 undoable: false, operatorName: operatorName, at: date, in: db)
                result.restored.append(number)
            }
            return result
        }
    }
}
