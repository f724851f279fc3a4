import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport
@testable import OrderStore

/// One language, two readers: the store's SQL and the rules' in-memory decision must find the same
/// orders for the same search line — or a rule would act on orders the desk's search does not show.
@Suite("The search line's language: the store's SQL and the rules' decision in memory find the same orders")
struct QueryConformanceTests {
    let directory = TemporaryDirectory()

    @Test("every filter, alone and combined, over generated orders: the same orders from SQL as in memory")
    func sameOrders() throws {
        var generator = OrderGenerator(seed: 28, settings: .init(shopID: "398211"))
        let models = generator.orders(count: 400, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        let store = try OrderStore(path: directory.file("conformance.sqlite"))
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
        try store.pool.write { db in
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
        let stored = try store.orders(orders.map(\.number))
        let context = OrderQuery.Context(
            bundleCandidates: try store.bundleCandidates(among: stored.map(\.number)),
            earlierOrders: try store.earlierOrderCounts(among: stored.map(\.number)),
            records: try store.queryRecords(among: stored.map(\.number), mailTemplates: Self.templates))
        // The generator's buyers come back too: the third counts one more than the second, not the
        // cancelled one between them.
        let second = context.earlierOrders[again.number] ?? 0
        #expect(context.earlierOrders[thrice.number] == second + 1, "a cancelled order is not counted")
        #expect(context.bundleCandidates.contains(twin.number) && context.bundleCandidates.contains(orders[3].number))
        #expect(!context.bundleCandidates.contains(shipped.number), "a shipped order is not a candidate")

        let item = try #require(stored.flatMap(\.packages).flatMap(\.items).first)
        let lines = [
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
        for line in lines {
            let query = OrderQuery(parsing: line)
            #expect(query.problems.isEmpty, "\(line): \(query.problems)")
            let bySQL = Set(try store.page(GridFilter(search: line, mailTemplates: Self.templates), limit: 10_000).map(\.number))
            let inMemory = Set(stored.filter { query.matches($0, in: context) }.map(\.number))
            if line.contains("連携:") || line.contains("帳票:") || line.contains("メール:") || line.contains("荷物:") {
                #expect(!bySQL.isEmpty && bySQL.count < stored.count, "\(line) finds some orders, not all: \(bySQL.count)")
            }
            #expect(bySQL == inMemory, "\(line): SQL only \(bySQL.subtracting(inMemory).sorted()), memory only \(inMemory.subtracting(bySQL).sorted())")
        }
    }

    /// The shop's mail templates, 名前 → file name (the outbox records the file name).
    static let templates = ["お礼のメール": "お礼"]

    @Test("a search line that cannot be read finds nothing, never a wider list")
    func unreadableFindsNothing() throws {
        var generator = OrderGenerator(seed: 29, settings: .init(shopID: "398211"))
        let store = try OrderStore(path: directory.file("unreadable.sqlite"))
        try store.importOrders(generator.orders(count: 20, now: RakutenDateTime(epochSeconds: 1_795_000_000)).map {
            OrderStore.Incoming(order: Order(rakuten: $0, localStatus: .newOrder), rawJSON: nil)
        })
        for line in ["連携:たぶん", "状態:発送待ち", "支払:代引 RMS:どこか", "金額:たくさん"] {
            #expect(!GridFilter(search: line).problems.isEmpty, "\(line)")
            #expect(try store.page(GridFilter(search: line), limit: 100).isEmpty, "\(line)")
            #expect(try store.count(GridFilter(localStatus: .newOrder, search: line)) == 0, "\(line)")
        }
        #expect(try store.count(GridFilter(localStatus: .newOrder)) == 20)
    }

    @Test("the new terms decided for one order say what they found")
    func explained() {
        var order = OrderFixtures.order(1)
        order.remarks = "のしをお願いします"
        #expect(OrderQuery(parsing: "商品:yumepirika").explain(order).map(\.text) == ["商品=yumepirika-5kg"])
        #expect(OrderQuery(parsing: "備考:なし").explain(order).map(\.text) == ["備考: あり（なしではない）"])
        #expect(OrderQuery(parsing: "送料:未設定").explain(order).map(\.text) == ["送料: 800円（未設定ではない）"])
        #expect(OrderQuery(parsing: "同梱:候補").explain(order, in: .init(bundleCandidates: [order.number])).map(\.text) == ["同梱=候補"])
        #expect(OrderQuery(parsing: "リピート:あり").explain(order, in: .init(earlierOrders: [order.number: 3])).map(\.text) == ["リピート=これまで3件"])
        #expect(OrderQuery(parsing: "リピート:>=2").explain(order).map(\.text) == ["リピート: なし（2件〜ではない）"])
        #expect(OrderQuery(parsing: "リピート:たまに").problems.first?.hasPrefix("リピート「たまに」が読めません") == true)
        #expect(OrderQuery(parsing: "RMS:発送待ち 連携:楽天処理済").explain(order).map(\.text) == ["RMS: 注文確認待ち（発送待ちではない）", "連携: 未送信（楽天処理済ではない）"])
        #expect(OrderQuery(parsing: "帳票:納品書なし").explain(order, in: .init(records: [order.number: .init(printed: [.deliveryNote])])).map(\.text)
            == ["帳票: 納品書（納品書なしではない）"])
        #expect(OrderQuery(parsing: "状態:発送待ち").problems.first?.hasPrefix("「状態:」という絞り込みはありません。使えるのは 支払: チェック:") == true)
        #expect(OrderQuery(parsing: "10:30 連携:たぶん").problems == ["連携「たぶん」: 書けるのは 未送信・送信中・楽天処理中・楽天処理済・失敗・結果不明 です"])
        #expect(OrderQuery(parsing: "10:30").words == "10:30")
        #expect(OrderQuery(parsing: "備考:たぶん").problems == ["備考「たぶん」は あり か なし で書いてください（例: 備考:あり）"])
    }
}
