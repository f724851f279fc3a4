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
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        let stored = try store.orders(orders.map(\.number))
        let context = OrderQuery.Context(
            bundleCandidates: try store.bundleCandidates(among: stored.map(\.number)),
            earlierOrders: try store.earlierOrderCounts(among: stored.map(\.number)))
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
        ]
        for line in lines {
            let query = OrderQuery(parsing: line)
            #expect(query.problems.isEmpty, "\(line): \(query.problems)")
            let bySQL = Set(try store.page(GridFilter(search: line), limit: 10_000).map(\.number))
            let inMemory = Set(stored.filter { query.matches($0, in: context) }.map(\.number))
            #expect(bySQL == inMemory, "\(line): SQL only \(bySQL.subtracting(inMemory).sorted()), memory only \(inMemory.subtracting(bySQL).sorted())")
        }
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
        #expect(OrderQuery(parsing: "備考:たぶん").problems == ["備考「たぶん」は あり か なし で書いてください（例: 備考:あり）"])
    }
}
