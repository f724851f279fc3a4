import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// The checks both soaks make at the end, with the sandbox as the oracle: what RMS holds against
/// what the store holds. Each returns what is wrong (empty when all is well) and how much it
/// looked at, for the report.
public struct SoakOracle {
    /// The orders RMS holds now, by number.
    public let held: [String: OrderModel]
    /// The orders in the store, by number.
    public let stored: [String: Order]
    public let store: any ShopStore

    public init(sandbox: SandboxHarness, store: any ShopStore) async throws {
        var held: [String: OrderModel] = [:]
        for progress in [100, 200, 300, 400, 500, 600, 700, 800, 900] {
            for model in try await sandbox.orders(inProgress: progress) { held[model.orderNumber] = model }
        }
        self.held = held
        let everything = try store.page(GridFilter(), limit: 100_000).map(\.number)
        stored = Dictionary(uniqueKeysWithValues: try store.orders(everything).map { ($0.number.rawValue, $0) })
        self.store = store
    }

    /// Orders RMS holds awaiting confirmation, placed in the fetch window before `fetchedUntil`.
    public func awaitingConfirmation(fetchedUntil: RakutenDateTime, days: Int = 7) -> [OrderModel] {
        let windowStart = fetchedUntil.adding(seconds: -Int64(days) * 86_400)
        return held.values.filter { $0.orderProgress == 100 && $0.orderDatetime >= windowStart && $0.orderDatetime < fetchedUntil }
    }

    /// Those of them that never reached the store.
    public func missing(fetchedUntil: RakutenDateTime) -> [String] {
        awaitingConfirmation(fetchedUntil: fetchedUntil).filter { stored[$0.orderNumber] == nil }.map(\.orderNumber)
    }

    /// Orders whose 合計金額 or 請求金額 here is not RMS's, where the figures shown are RMS's own.
    public func totalsNotRMSs() -> (problems: [String], checked: Int) {
        var problems: [String] = []
        var checked = 0
        for order in stored.values where order.totalsAreRMSs && order.rmsDifference == nil && order.readProblem == nil {
            guard let model = held[order.number.rawValue] else { continue }
            if order.totalPrice != Money(rakuten: model.totalPrice) || order.requestPrice != Money(rakuten: model.requestPrice) {
                problems.append("\(order.number): \(order.totalPrice)/\(order.requestPrice) here, RMS \(model.totalPrice)/\(model.requestPrice)")
            }
            checked += 1
        }
        return (problems, checked)
    }

    /// Orders whose pushed edit (no edit waiting since) is not what RMS holds, with their history.
    public func pushesNotRMSs() throws -> (problems: [String], checked: Int) {
        var problems: [String] = []
        var checked = 0
        for order in stored.values where order.pendingEdit == nil && order.rmsDifference == nil {
            let journal = try store.journal(of: order.number)
            guard journal.contains(where: { $0.action == "push-edit" }), let model = held[order.number.rawValue],
                !RMSProgress(code: model.orderProgress).isCancelling
            else { continue }
            if order.fees.shipping != Money(rakuten: model.postagePrice) {
                let history = journal.map { "\($0.operatorName) \($0.action) \($0.field): \($0.before)→\($0.after)" }
                problems.append("\(order.number): pushed edit not RMS's\n\(history.joined(separator: "\n"))")
            }
            checked += 1
        }
        return (problems, checked)
    }

    /// What is left in the outbox unsettled (pending, sending, unknown), and failures still recorded.
    public func leftUnsettled() throws -> [String] {
        let outbox = try store.health(unconfirmedBefore: Date.distantPast).outbox
        var problems: [String] = []
        if outbox["pending", default: 0] + outbox["sending", default: 0] + outbox["unknown", default: 0] > 0 {
            problems.append("outbox left: \(outbox)")
        }
        let failures = try store.syncFailures()
        if !failures.isEmpty { problems.append("failures still recorded with the faults gone: \(failures)") }
        return problems
    }

    /// Orders whose parcels RMS does not hold exactly as reported here: each basket's reported
    /// parcels (訂正・削除 waiting aside) among RMS's shipping rows once each, by number and 発送明細ID,
    /// and no row of RMS's reported twice.
    public func parcelsNotRMSs() -> (problems: [String], checked: Int) {
        var problems: [String] = []
        var checked = 0
        for order in stored.values where order.parcels.contains(where: { $0.report == .reported }) {
            guard let model = held[order.number.rawValue] else { continue }
            for package in model.packageModelList {
                let rows = (package.shippingModelList ?? []).filter { $0.shippingNumber != nil }
                let numbers = rows.compactMap(\.shippingNumber)
                if Set(numbers).count != numbers.count {
                    problems.append("\(order.number) 送付先 \(package.basketId): RMS holds a number twice: \(numbers)")
                }
                for parcel in order.parcels where parcel.basketID == package.basketId && parcel.report == .reported {
                    guard let row = rows.first(where: { $0.shippingNumber == parcel.trackingNumber }) else {
                        problems.append("\(order.number) 送付先 \(package.basketId): \(parcel.summary) is not at RMS (\(numbers))")
                        continue
                    }
                    if let id = parcel.shippingDetailID, row.shippingDetailId != id {
                        problems.append("\(order.number): \(parcel.trackingNumber ?? "") has 発送明細ID \(id) here, \(row.shippingDetailId) at RMS")
                    }
                    checked += 1
                }
            }
        }
        return (problems, checked)
    }
}
