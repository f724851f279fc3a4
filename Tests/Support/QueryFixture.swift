import Foundation
import GRDB
import OrderEngine
import OrderStore
import RakutenPay
import RMSSandbox

/// Orders for the search line's every filter: 400 generated, and the exceptions each filter must
/// tell apart (a second order to a destination, a shipped one, a buyer again and once cancelled,
/// parcels, failed and unclear writes, mails, documents printed). One fixture for each reader of
/// the language: the store's SQL on each backend and the rules' decision in memory.
public struct QueryFixture: Sendable {
    public let orders: [Order]
    public let twin: Order
    public let shipped: Order
    public let again: Order
    public let thrice: Order

    /// The shop's mail templates, 名前 → file name (the outbox records the file name).
    public static let templates = ["お礼のメール": "お礼"]

    /// Imports the orders into `store` and records their writes, mails and documents.
    public static func fill(_ store: OrderStore) throws -> QueryFixture {
        var generator = OrderGenerator(seed: 28, settings: .init(shopID: "398211"))
        let models = generator.orders(count: 400, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var orders = models.map { Order(rakuten: $0, localStatus: .newOrder) }
        // A second order to an existing destination (同梱候補), and one that is shipped (not open).
        var twin = orders[3]
        twin.number = OrderNumber("398211-20261206-0000000001")
        var shipped = orders[5]
        shipped.number = OrderNumber("398211-20261206-0000000002")
        shipped.localStatus = .shipped
        // The same buyer again, later (リピート), with a phone written with other hyphens, and once cancelled.
        var again = orders[7]
        again.number = OrderNumber("398211-20261206-0000000003")
        again.orderedAt = orders[7].orderedAt.addingTimeInterval(86_400 * 365)
        again.orderer.phoneNumber = again.orderer.phoneNumber.filter(\.isNumber)
        again.rmsProgress = .awaitingConfirmation
        var thrice = again
        thrice.number = OrderNumber("398211-20261206-0000000004")
        thrice.orderedAt = again.orderedAt.addingTimeInterval(86_400)
        var cancelled = again
        cancelled.number = OrderNumber("398211-20261206-0000000005")
        cancelled.orderedAt = again.orderedAt.addingTimeInterval(3_600)
        cancelled.localStatus = .cancelled
        orders += [twin, shipped, again, thrice, cancelled]
        // Parcels: one reported, one not yet, one corrected since (荷物:).
        orders[10].parcels = [Parcel(basketID: 1, carrier: Carrier(code: "1001"), trackingNumber: "123456789012", shippedOn: nil, report: .reported)]
        orders[11].parcels = [Parcel(basketID: 1, carrier: nil, trackingNumber: "223456789012", shippedOn: nil)]
        orders[12].parcels = orders[10].parcels + [Parcel(basketID: 2, carrier: nil, trackingNumber: "323456789012", shippedOn: nil, report: .amended)]
        orders[13].sync = .failed(.temporary, detail: "503")
        orders[14].sync = .confirmSending
        orders[15].sync = .rakutenProcessing
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        // Writes and mails (連携:, メール:): a failed cancel later sent again, an unclear report, a
        // pending push, mails sent and one failed; documents printed (帳票:).
        let writes: [(Int, String, String, String?)] = [
            (20, "cancel", "failed", nil), (20, "cancel", "done", nil), (21, "cancel", "failed", nil), (22, "ship-report", "unknown", nil),
            (23, "push-edit", "pending", nil), (24, "send-mail", "done", "発送通知"), (25, "send-mail", "failed", "発送通知"),
            (25, "send-mail", "done", "お礼"),
        ]
        try DatabaseQueue(path: store.path).write { db in
            for (attempt, (index, kind, state, detail)) in writes.enumerated() {
                try db.execute(sql: """
                    INSERT INTO outbox (kind, order_number, state, operator, claimed_by, created_at, detail, attempt)
                    VALUES (?, ?, ?, 'test', 'test', 0, ?, ?)
                    """, arguments: [kind, orders[index].number.rawValue, state, detail, attempt])
            }
            for (index, kinds) in [(30, "delivery-note"), (31, "delivery-note\treceipt"), (32, "picking")] {
                try db.execute(sql: "UPDATE orders SET printed_slips = ? WHERE order_number = ?", arguments: [kinds, orders[index].number.rawValue])
            }
        }
        return QueryFixture(orders: orders, twin: twin, shipped: shipped, again: again, thrice: thrice)
    }

    /// Search lines for every filter, alone and combined, some taking their values from `stored`.
    public static func lines(_ stored: [Order]) -> [String] {
        guard let item = stored.flatMap(\.packages).flatMap(\.items).first else { return [] }
        return [
            "支払:代引", "支払:カード", "支払:振込", "特記:ギフト", "特記:のし", "特記:離島", "配送:メール便", "配送:ヤマト",
            "お届け:指定あり", "金額:>10000", "金額:<3000", "金額:5000..8000", "金額:=\(stored[0].requestPrice.yen ?? 0)",
            "商品:\(item.manageNumber)", "商品:コシヒカリ", "備考:あり", "備考:なし", "送料:未設定", "同梱:候補",
            "支払:代引 金額:>5000", "特記:ギフト 備考:あり", "同梱:候補 支払:カード", "チェック:要確認",
            "特記:要確認商品", "リピート:あり", "リピート:なし", "リピート:>=2", "リピート:1", "repeat:<1", "リピート:あり 支払:カード",
            "RMS:発送待ち", "RMS:300", "rms:発送", "RMS:注文確認待ち", "連携:未送信", "連携:送信中", "連携:楽天処理中", "連携:楽天処理済",
            "連携:失敗", "連携:結果不明", "sync:failed", "帳票:納品書", "帳票:納品書なし", "帳票:あり", "帳票:なし", "slip:領収書",
            "メール:発送通知", "メール:発送通知なし", "メール:お礼", "メール:あり", "メール:なし", "荷物:有", "荷物:無", "荷物:未報告",
            "parcel:unreported", "荷物:有 帳票:納品書なし", "メール:お礼のメール", "メール:お礼のメールなし",
        ]
    }
}
