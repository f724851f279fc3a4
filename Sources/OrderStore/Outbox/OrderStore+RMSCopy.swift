import Foundation
import OrderEngine
import RakutenPay

extension OrderStore {
    /// An order as RMS sent it when read again (getOrder).
    public struct RMSCopy: Sendable {
        public let model: OrderModel
        public let rawJSON: [UInt8]

        public init(model: OrderModel, rawJSON: [UInt8]) {
            self.model = model
            self.rawJSON = rawJSON
        }
    }
}

extension StoreApplying {
    /// Records orders read again from RMS. Their RMS status and confirmation follow RMS. What
    /// else RMS changed is compared with the order here: where it differs (差分あり), the
    /// difference is kept field by field with RMS's copy beside the one in use, until the operator
    /// accepts it; where nothing differs, RMS's copy replaces the one kept.
    @discardableResult
    public func recordRMSCopies(_ copies: [OrderStore.RMSCopy], action: JournalKind) throws -> OrderStore.Mutation {
        try writing("RMSの注文の記録") { db in
            let date = now()
            var mutation = OrderStore.Mutation(batchID: UUID().uuidString.lowercased())
            let byNumber = Dictionary(copies.map { (OrderNumber($0.model.orderNumber), $0) }, uniquingKeysWith: { $1 })
            let numbers = byNumber.keys.sorted()
            let pushing = try OrderStore.pushesUnresolved(among: numbers, in: db)
            for ours in try OrderStore.load(numbers, in: db) {
                guard let copy = byNumber[ours.number] else { continue }
                let rms = Order(rakuten: copy.model, localStatus: ours.localStatus)
                // RMS's copy as kept here, when RMS sent another (an unreadable order's is never read).
                // While a push of the order's changes is unresolved (a sender died in it), RMS may
                // hold part of it: its copy is not taken in until the push is settled.
                let kept = ours.readProblem == nil && !pushing.contains(ours.number) ? try OrderStore.rawJSON(of: ours.number, in: db) : nil
                let previous = try kept.flatMap { kept in
                    kept == copy.rawJSON ? nil : Order(rakuten: try JSONIndexDecoder().decode(OrderModel.self, from: kept), localStatus: ours.localStatus)
                }
                let merged = RMSCopyMerge.merge(ours: ours, rms: rms, previous: previous)
                var adoptsRMSPackages = false
                switch merged {
                case .healed(let after):
                    try healUnreadable(ours, into: after, with: copy, batchID: mutation.batchID, at: date, in: db)
                    mutation.changed.append(after)
                    continue
                case .sameCopy:
                    break
                case .differs:
                    try db.run("UPDATE order_content SET pending_raw_json = ? WHERE \(OrderRecord.contentOfOrder)",
                               [.blob(Data(copy.rawJSON)), .text(ours.number.rawValue)])
                case .adopted(_, let packages):
                    try db.run("UPDATE order_content SET raw_json = ?, pending_raw_json = NULL WHERE \(OrderRecord.contentOfOrder)",
                               [.blob(Data(copy.rawJSON)), .text(ours.number.rawValue)])
                    if packages {
                        adoptsRMSPackages = true
                        try db.run("UPDATE orders SET packages_override = NULL, goods_override = NULL WHERE order_number = ?",
                                   [.text(ours.number.rawValue)])
                    }
                }
                let after = merged.order
                let changes = ours.changes(to: after)
                guard !changes.isEmpty || after != ours else { continue }
                try OrderStore.write(after, from: ours, in: db, at: date, packagesAreRMSs: adoptsRMSPackages)
                try OrderStore.journal(changes, of: ours.number, batchID: mutation.batchID, action: action, undoable: false,
                                 operatorName: operatorName, at: date, in: db)
                mutation.changed.append(after)
            }
            return mutation
        }
    }

    /// An order kept 要確認 (its JSON could not be read) that RMS now sends whole: RMS's copy with
    /// the shop's own state (``RMSCopyMerge``), an order like any other.
    private func healUnreadable(
        _ ours: Order, into after: Order, with copy: OrderStore.RMSCopy, batchID: String, at date: Date, in db: any StoreStatements
    ) throws {
        try db.run("UPDATE order_content SET document = NULL, raw_json = ?, pending_raw_json = NULL WHERE \(OrderRecord.contentOfOrder)",
                   [.blob(Data(copy.rawJSON)), .text(ours.number.rawValue)])
        // The content is RMS's from now on: its packages and goods are not the shop's overrides.
        var before = ours
        before.packages = after.packages
        before.goodsPrice = after.goodsPrice
        try OrderStore.write(after, from: before, in: db, at: date)
        try OrderStore.journal(ours.changes(to: after), of: ours.number, batchID: batchID, action: .event(.rmsReadable), undoable: false,
                         operatorName: operatorName, at: date, in: db)
    }
}

extension OrderStore {
    /// Of `numbers`, the orders with a push (入力内容を反映する) not yet settled.
    static func pushesUnresolved(among numbers: [OrderNumber], in db: any StoreStatements) throws -> Set<OrderNumber> {
        var found: Set<OrderNumber> = []
        for chunk in numbers.chunked(into: 500) {
            try db.forEachRow("""
                SELECT DISTINCT order_number FROM outbox
                WHERE kind = ? AND state IN ('pending', 'sending', 'unknown') AND order_number IN (\(marks(chunk.count)))
                """, [.text(OutboundWrite.Kind.pushEdit.rawValue)] + chunk.map { .text($0.rawValue) }) { row in
                found.insert(OrderNumber(try row.requiredText("order_number")))
            }
        }
        return found
    }
}
