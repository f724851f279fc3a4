import Foundation
import OrderEngine
import RakutenPay

extension OrderStore {
    /// An order of RMS's order CSV, mapped as an API order (origin CSV), and what the file does
    /// not hold, by key (never a difference: ``RMSDifference/init(ours:previous:csv:omitting:)``).
    public struct CSVOrder: Sendable {
        public let order: Order
        public let omitting: @Sendable (String) -> Bool
        /// What the order writes when it is new, worked out by whoever makes this (on every core)
        /// when it was not in the store a moment ago (`likelyNew`).
        let incoming: Incoming?

        public init(order: Order, omitting: @escaping @Sendable (String) -> Bool, likelyNew: Bool) {
            self.order = order
            self.omitting = omitting
            incoming = likelyNew ? Incoming(order: order, rawJSON: nil) : nil
        }
    }

    /// What an order of the CSV is to the store.
    public enum CSVOutcome: Sendable, Equatable {
        /// Not here: added (origin CSV).
        case new
        /// Here, and the CSV holds nothing else.
        case same
        /// Here, and the CSV differs: kept as 差分あり (`noted`: already so from this or an
        /// earlier import; `heldBack`: the order has a difference of RMS's own, accepted first).
        case differs([RMSDifference.Field], noted: Bool, heldBack: Bool)
    }
}

extension StoreApplying {
    /// RMS's order CSV against the store, in one transaction: an order not here is added (with
    /// the journal line of its arrival); one here is never duplicated or overwritten — what the
    /// CSV holds differently is kept as 差分あり (``RMSDifference/init(ours:previous:csv:omitting:)``),
    /// as RMS's own changes are. With `applying` false nothing is written: the preview.
    public func importCSV(_ orders: [OrderStore.CSVOrder], applying: Bool) throws -> [OrderNumber: OrderStore.CSVOutcome] {
        let body = { (db: any StoreStatements) throws -> [OrderNumber: OrderStore.CSVOutcome] in
            let date = now()
            let batchID = UUID().uuidString.lowercased()
            let present = Dictionary(
                try OrderStore.load(orders.map(\.order.number), in: db).map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
            var outcomes: [OrderNumber: OrderStore.CSVOutcome] = [:]
            var fresh: [OrderStore.Incoming] = []
            for csv in orders {
                guard let ours = present[csv.order.number] else {
                    guard outcomes[csv.order.number] == nil else { continue }
                    outcomes[csv.order.number] = .new
                    if applying { fresh.append(csv.incoming ?? OrderStore.Incoming(order: csv.order, rawJSON: nil)) }
                    continue
                }
                // RMS's copy as kept here (an unreadable order's is never read).
                let kept = ours.readProblem == nil ? try OrderStore.rawJSON(of: ours.number, in: db) : nil
                let previous = try kept.map { Order(rakuten: try JSONIndexDecoder().decode(OrderModel.self, from: $0), localStatus: ours.localStatus) }
                var rms = csv.order
                rms.localStatus = ours.localStatus
                guard let difference = RMSDifference(ours: ours, previous: previous ?? ours, csv: rms, omitting: csv.omitting) else {
                    outcomes[ours.number] = .same
                    continue
                }
                let noted = ours.rmsDifference == difference
                let heldBack = !noted && ours.rmsDifference != nil
                outcomes[ours.number] = .differs(difference.fields, noted: noted, heldBack: heldBack)
                guard applying, !noted, !heldBack else { continue }
                var after = ours
                after.rmsDifference = difference
                try OrderStore.write(after, from: ours, in: db, at: date)
            }
            // The new ones together, the writing statements made once (a preview writes nothing).
            guard applying, !fresh.isEmpty else { return outcomes }
            let stored = try db.storeNewOrders(fresh, batchID: batchID, action: .action(.importRMSCSV), operatorName: operatorName, at: date)
            if let taken = fresh.first(where: { !stored.contains($0.order.number) }) {
                throw StoreError("注文番号 \(taken.order.number.rawValue) は既にあります")
            }
            return outcomes
        }
        return applying ? try writing("RMSの受注CSVの取り込み", body) : try reading(body)
    }
}
