import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// The result of one change to many orders.
    public struct Mutation: Sendable {
        public let batchID: String
        public var changed: [Order] = []
    }
}

extension StoreApplying {
    /// Changes `numbers` with `transform` (nil leaves an order alone; an error it throws undoes the
    /// whole transaction) and journals every field that changed, all in one transaction.
    @discardableResult
    public func mutate(
        _ numbers: [OrderNumber], action: JournalKind, undoable: Bool, _ transform: @escaping (Order) -> Order?
    ) throws -> OrderStore.Mutation {
        try writing("「\(action.label)」の保存") { db in
            try OrderStore.mutate(numbers, action: action, undoable: undoable, operatorName: operatorName, at: now(), in: db, transform)
        }
    }
}

extension OrderStore {
    static func mutate(
        _ numbers: [OrderNumber], action: JournalKind, undoable: Bool, operatorName: String, at date: Date,
        in db: any StoreStatements, _ transform: (Order) throws -> Order?
    ) throws -> Mutation {
        var mutation = Mutation(batchID: UUID().uuidString.lowercased())
        for before in try load(numbers, in: db) {
            guard let after = try transform(before) else { continue }
            let changes = before.changes(to: after)
            guard !changes.isEmpty || before != after else { continue }
            try write(after, from: before, in: db, at: date)
            try journal(changes, of: after.number, batchID: mutation.batchID, action: action, undoable: undoable,
                        operatorName: operatorName, at: date, in: db)
            mutation.changed.append(after)
        }
        return mutation
    }

    /// Writes the state columns that changed (an index is touched only when its columns are).
    /// Content that changed too is kept beside the raw JSON (edited items of a Rakuten order), or
    /// in the document of an order without raw JSON (in order_content). `packagesAreRMSs`: the
    /// packages are RMS's own copy's (no edit's), kept in its raw JSON, not beside it.
    static func write(_ order: Order, from before: Order, in db: any StoreStatements, at date: Date, packagesAreRMSs: Bool = false) throws {
        // An unsent edit is JSON in its column: made only when it changed.
        let sameEdit = order.pendingEdit == before.pendingEdit
        let new = OrderColumns(order: order, leavesPendingEdit: sameEdit).state
        let old = OrderColumns(order: before, leavesPendingEdit: sameEdit).state
        var assignments: [String] = []
        var arguments: [StoredValue] = []
        for index in new.indices where new[index] != old[index] {
            assignments.append(OrderColumns.stateNames[index])
            arguments.append(StoredValue(made: new[index], column: OrderColumns.stateNames[index]))
        }
        var contentChanged = false
        if !order.origin.isRakutenAPI {
            contentChanged = true
            try db.run("UPDATE order_content SET document = ? WHERE \(OrderRecord.contentOfOrder)",
                       [.blob(try OrderDocument.encode(order)), .text(order.number.rawValue)])
        } else if !packagesAreRMSs, order.packages != before.packages || order.goodsPrice != before.goodsPrice {
            assignments += ["packages_override", "goods_override"]
            arguments += [.blob(try OrderDocument.encode(order.packages)), .yen(order.goodsPrice)]
        }
        let acceptsRMSCopy = before.rmsDifference != nil && order.rmsDifference == nil
        // The details the shop changed are kept beside RMS's copy (StoreSchemaV25).
        let detailsChanged = order.origin.isRakutenAPI
            && (order.orderer != before.orderer || order.delivery != before.delivery || order.memo != before.memo || order.remarks != before.remarks)
        guard !assignments.isEmpty || contentChanged || acceptsRMSCopy || detailsChanged else { return }
        assignments.append("updated_at")
        arguments.append(.integer(Int64(date.timeIntervalSince1970)))
        try db.update(RowUpdate("orders", set: assignments, adding: ["revision"], where: "order_number"), arguments, key: .text(order.number.rawValue))
        db.noteUpdated(from: before.localStatus, to: order.localStatus)
        if acceptsRMSCopy {
            // RMS's changes accepted: its copy of the order (goods, points, coupons) is the one used
            // from now on, and the total is made again from it.
            try db.run("""
                UPDATE order_content SET raw_json = COALESCE(pending_raw_json, raw_json), pending_raw_json = NULL
                WHERE \(OrderRecord.contentOfOrder)
                """, [.text(order.number.rawValue)])
            if let accepted = try load([order.number], in: db).first { try writeTotals(of: accepted, in: db) }
        }
        if detailsChanged || (acceptsRMSCopy && order.origin.isRakutenAPI) { try DetailsOverride.write(for: order, in: db) }
        // The orderer's name as the grid shows it, when the shop changed it. (The contentless name
        // index keeps the name RMS sent: a document can be taken out only by its exact tokens.)
        if order.orderer.fullName != before.orderer.fullName || order.orderer.fullNameKana != before.orderer.fullNameKana {
            try db.run("UPDATE orders SET orderer_name = ?, orderer_kana = ? WHERE order_number = ?",
                       [.text(order.orderer.fullName), .text(order.orderer.fullNameKana), .text(order.number.rawValue)])
        }
    }

    /// Writes the order's totals into its columns: after its content changed under it.
    static func writeTotals(of order: Order, in db: any StoreStatements) throws {
        try db.run("UPDATE orders SET grand_total = ?, total_price = ?, request_price = ? WHERE order_number = ?",
                   [.yen(order.grandTotal), .yen(order.totalPrice), .yen(order.requestPrice), .text(order.number.rawValue)])
    }

    /// A line of the journal.
    static let journalLine = RowInsert(
        into: "journal", ["batch_id", "at", "operator", "action", "order_number", "field", "before_value", "after_value", "undoable"])

    static func journal(
        _ changes: [FieldChange], of number: OrderNumber, batchID: String, action: JournalKind, undoable: Bool,
        operatorName: String, at date: Date, in db: any StoreStatements
    ) throws {
        for change in changes {
            try db.insert(journalLine, [
                .text(batchID), .integer(Int64(date.timeIntervalSince1970 * 1000)), .text(operatorName), .text(action.rawValue),
                .text(number.rawValue), .text(change.field.rawValue), .text(change.before.journalText),
                .text(change.after.journalText), .flag(undoable),
            ])
        }
    }

    /// What `field` of an order was before `action` last changed it, no earlier than `since`
    /// (seconds since 1970): what a write RMS refused puts back. Nil when the action did not change
    /// the field then (an older change by the same action is not this one's).
    static func valueBefore(
        _ action: JournalKind, changed field: OrderField, of number: OrderNumber, since seconds: Int64 = 0, in db: any StoreStatements
    ) throws -> FieldValue? {
        guard let text = try db.firstRow("""
            SELECT before_value FROM journal WHERE order_number = ? AND action = ? AND field = ? AND at >= ?
            ORDER BY id DESC LIMIT 1
            """, [.text(number.rawValue), .text(action.rawValue), .text(field.rawValue), .integer(seconds * 1000)], {
                try $0.requiredText("before_value")
            })
        else { return nil }
        guard let value = FieldValue(journalText: text) else {
            throw StoreError("注文 \(number) の履歴の\(field.label)「\(text)」を読めません（データベースが壊れている可能性があります）")
        }
        return value
    }

    /// The journal of one order, oldest first.
    public func journal(of number: OrderNumber) throws -> [JournalEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT \(JournalEntry.columns) FROM journal WHERE order_number = ? ORDER BY id", arguments: [number.rawValue])
                .map { try JournalEntry(reading: $0) }
        }
    }
}
