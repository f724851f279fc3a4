import Foundation
import GRDB
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

    /// Records orders read again from RMS. Their RMS status and confirmation follow RMS. What
    /// else RMS changed is compared with the order here: where it differs (差分あり), the
    /// difference is kept field by field with RMS's copy beside the one in use, until the operator
    /// accepts it; where nothing differs, RMS's copy replaces the one kept.
    @discardableResult
    public func recordRMSCopies(_ copies: [RMSCopy], action: ActionID) throws -> Mutation {
        try writeTransaction("RMSの注文の記録") { db in
            let date = now()
            var mutation = Mutation(batchID: UUID().uuidString.lowercased())
            let byNumber = Dictionary(copies.map { (OrderNumber($0.model.orderNumber), $0) }, uniquingKeysWith: { $1 })
            for ours in try Self.load(Array(byNumber.keys), in: db) {
                guard let copy = byNumber[ours.number] else { continue }
                let rms = Order(rakuten: copy.model, localStatus: ours.localStatus)
                if ours.readProblem != nil {
                    // Kept 要確認 because RMS's JSON could not be read: RMS now sends it whole, and it
                    // becomes an order like any other (the shop's own state kept).
                    try healUnreadable(ours, with: copy, mapped: rms, batchID: mutation.batchID, at: date, in: db)
                    mutation.changed.append(rms)
                    continue
                }
                var after = ours
                var adoptsRMSPackages = false
                after.rmsProgress = rms.rmsProgress
                // RMS's 発送明細ID of each parcel it now holds.
                after.parcels = ours.parcels.adoptingDetailIDs(from: rms.packages)
                after.confirmedAt = rms.confirmedAt ?? ours.confirmedAt
                if rms.confirmedAt != nil, ours.sync != .localOnly { after.sync = .afterConfirmation(rmsProgress: rms.rmsProgress) }
                if let kept = try Self.rawJSON(of: ours.number, in: db), kept != copy.rawJSON {
                    let previous = Order(rakuten: try JSONIndexDecoder().decode(OrderModel.self, from: kept), localStatus: ours.localStatus)
                    if let difference = RMSDifference(ours: ours, previous: previous, rms: rms) {
                        after.rmsDifference = difference
                        try db.execute(sql: "UPDATE order_content SET pending_raw_json = ? WHERE \(OrderRecord.contentOfOrder)",
                                       arguments: [Data(copy.rawJSON), ours.number.rawValue])
                    } else {
                        // Nothing RMS holds differs from the order here (any earlier difference is gone too):
                        // RMS's copy, and its totals, are the ones used from now on.
                        after.rmsDifference = nil
                        after.rmsAmounts = rms.rmsAmounts
                        after.delivery = rms.delivery
                        try db.execute(sql: """
                            UPDATE order_content SET raw_json = ?, pending_raw_json = NULL
                            WHERE \(OrderRecord.contentOfOrder)
                            """, arguments: [Data(copy.rawJSON), ours.number.rawValue])
                        if ours.pendingEdit == nil {
                            // No edit waits to be pushed: RMS's packages (where they go, how they are
                            // handled, the items as pushed) are the order's, not an edit's copy kept
                            // from before.
                            after.packages = rms.packages
                            after.goodsPrice = rms.goodsPrice
                            adoptsRMSPackages = true
                            try db.execute(sql: "UPDATE orders SET packages_override = NULL, goods_override = NULL WHERE order_number = ?",
                                           arguments: [ours.number.rawValue])
                        }
                    }
                }
                let changes = ours.changes(to: after)
                guard !changes.isEmpty || after != ours else { continue }
                try Self.write(after, from: ours, in: db, at: date, packagesAreRMSs: adoptsRMSPackages)
                try Self.journal(changes, of: ours.number, batchID: mutation.batchID, action: action, undoable: false,
                                 operatorName: operatorName, at: date, in: db)
                mutation.changed.append(after)
            }
            return mutation
        }
    }

    private func healUnreadable(_ ours: Order, with copy: RMSCopy, mapped rms: Order, batchID: String, at date: Date, in db: Database) throws {
        var after = rms
        after.flags = ours.flags
        after.dates = ours.dates
        after.carrier = ours.carrier
        after.bundleID = ours.bundleID
        try db.execute(sql: "UPDATE order_content SET document = NULL, raw_json = ?, pending_raw_json = NULL WHERE \(OrderRecord.contentOfOrder)",
                       arguments: [Data(copy.rawJSON), ours.number.rawValue])
        // The content is RMS's from now on: its packages and goods are not the shop's overrides.
        var before = ours
        before.packages = after.packages
        before.goodsPrice = after.goodsPrice
        try Self.write(after, from: before, in: db, at: date)
        try Self.journal(ours.changes(to: after), of: ours.number, batchID: batchID, action: .rmsReadable, undoable: false,
                         operatorName: operatorName, at: date, in: db)
    }
}
