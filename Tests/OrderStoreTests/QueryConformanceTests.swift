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
        let store = try OrderStore(path: directory.file("conformance.sqlite"))
        let fixture = try QueryFixture.fill(store)
        let (orders, twin, shipped, again, thrice) = (fixture.orders, fixture.twin, fixture.shipped, fixture.again, fixture.thrice)
        let stored = try store.orders(orders.map(\.number))
        let context = OrderQuery.Context(
            bundleCandidates: try store.bundleCandidates(among: stored.map(\.number)),
            earlierOrders: try store.earlierOrderCounts(among: stored.map(\.number)),
            records: try store.queryRecords(among: stored.map(\.number), mailTemplates: QueryFixture.templates))
        // The generator's buyers come back too: the third counts one more than the second, not the
        // cancelled one between them.
        let second = context.earlierOrders[again.number] ?? 0
        #expect(context.earlierOrders[thrice.number] == second + 1, "a cancelled order is not counted")
        #expect(context.bundleCandidates.contains(twin.number) && context.bundleCandidates.contains(orders[3].number))
        #expect(!context.bundleCandidates.contains(shipped.number), "a shipped order is not a candidate")

        let lines = QueryFixture.lines(stored)
        #expect(lines.count > 50)
        for line in lines {
            let query = OrderQuery(parsing: line)
            #expect(query.problems.isEmpty, "\(line): \(query.problems)")
            let bySQL = Set(try store.page(GridFilter(search: line, mailTemplates: QueryFixture.templates), limit: 10_000).map(\.number))
            let inMemory = Set(stored.filter { query.matches($0, in: context) }.map(\.number))
            if line.contains("連携:") || line.contains("帳票:") || line.contains("メール:") || line.contains("荷物:") {
                #expect(!bySQL.isEmpty && bySQL.count < stored.count, "\(line) finds some orders, not all: \(bySQL.count)")
            }
            #expect(bySQL == inMemory, "\(line): SQL only \(bySQL.subtracting(inMemory).sorted()), memory only \(inMemory.subtracting(bySQL).sorted())")
        }
    }

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
