import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox

/// Issue 28's target: 20 rules over 10,000 newly imported orders ≤ 1 s — every rule decided for
/// every order, and each acting rule's steps planned in turn (what `juchu rules test` prints), on
/// the orders as read. Beside it, for reference, reading the orders from the store, and the whole
/// run on new orders: reading, deciding, each rule's act recorded, its writes applied and journalled.
enum RulesBenchmarks {
    /// Twenty rules of the kinds shops write: by payment, marks, amounts, delivery, dates, words.
    static let rules = RuleSet([
        Rule(name: "代引は保留", when: "支払:代引 特記:離島", actions: [.changeStatus(.onHold), .setFlag("要確認")], hold: "離島の代引は送料を確認"),
        Rule(name: "医薬品は確認", when: "特記:医薬品", actions: [.setFlag("要確認")], hold: "要確認商品"),
        Rule(name: "高額は確認", when: "金額:>50000", actions: [.setFlag("要確認")]),
        Rule(name: "ギフト", when: "特記:ギフト", actions: [.setFlag("ギフト")]),
        Rule(name: "のし", when: "特記:のし", actions: [.setFlag("ギフト")]),
        Rule(name: "ラッピング", when: "特記:ラッピング", actions: [.setFlag("ギフト")]),
        Rule(name: "あす楽", when: "特記:あす楽", actions: [.writeDate(.plannedShipmentDate, CalendarDate(year: 2026, month: 12, day: 7)!, .fillEmpty)]),
        Rule(name: "コンビニ受取", when: "特記:コンビニ", actions: [.setFlag("要確認")]),
        Rule(name: "置き配", when: "特記:置き配", actions: [.setFlag("要確認")]),
        Rule(name: "お届け指定", when: "お届け:指定あり", actions: [.setFlag("要確認")]),
        Rule(name: "メール便", when: "配送:メール便", actions: [.setFlag("メール便"), .setCarrier(Carrier(code: "1001"))]),
        Rule(name: "ヤマト", when: "配送:ヤマト", actions: [.setCarrier(Carrier(code: "1001"))]),
        Rule(name: "佐川", when: "配送:佐川", actions: [.setCarrier(Carrier(code: "1002"))]),
        Rule(name: "郵便", when: "配送:郵便", actions: [.setCarrier(Carrier(code: "1003"))]),
        Rule(name: "振込は入金待ち", when: "支払:振込", actions: [.changeStatus(.awaitingPayment)], stop: true),
        Rule(name: "コンビニ払い", when: "支払:コンビニ", actions: [.changeStatus(.awaitingPayment)], stop: true),
        Rule(name: "後払い", when: "支払:後払", actions: [.setFlag("要確認")]),
        Rule(name: "少額", when: "金額:<1000", actions: [.setFlag("要確認")]),
        Rule(name: "米", when: "コシヒカリ", actions: [.setFlag("メール便")]),
        Rule(name: "残りは出荷待ち", when: "金額:>=0", actions: [.changeStatus(.awaitingShipment)]),
    ])

    static func run(runs: Int) throws -> [BenchTable.Row] {
        var generator = OrderGenerator(seed: 28, settings: OrderGenerator.Settings(shopID: "398211"))
        let models = generator.orders(count: 10_000, now: RakutenDateTime(Date()))
        var decided: [Double] = []
        var loads: [Double] = []
        var whole: [Double] = []
        var acted = 0
        for _ in 0..<max(runs, 3) {
            let directory = BenchScratch.path("rules")
            defer { BenchScratch.remove(directory) }
            let store = try OrderStore(path: directory + "/bench.sqlite")
            let orders = models.map { Order(rakuten: $0, localStatus: .newOrder) }
            try store.importOrders(try zip(orders, models).map { OrderStore.Incoming(order: $0, rawJSON: Array(try OrderedJSONEncoder().encode($1))) })
            let numbers = orders.map(\.number)

            var start = ContinuousClock.now
            let read = try store.orders(numbers)
            loads.append((ContinuousClock.now - start).seconds)
            start = ContinuousClock.now
            let simulated = try SyncService.simulateRules(rules, on: read, store: store, mailer: nil)
            decided.append((ContinuousClock.now - start).seconds)
            guard simulated.count == numbers.count else { throw BenchError("ルールのベンチマーク: \(numbers.count)件中 \(simulated.count)件しか判定していません") }

            // Nothing here goes to RMS (no confirm, no mail): the client is never called.
            let client = RakutenPayClient(configuration: RakutenPayConfiguration(
                baseURL: "http://127.0.0.1:9", credentials: RakutenPayCredentials(serviceSecret: "bench", licenseKey: "bench")))
            start = ContinuousClock.now
            let report = try runBlocking { try await SyncService(client: client, store: store).applyRules(rules, to: numbers) }
            whole.append((ContinuousClock.now - start).seconds)
            acted = report.acted.reduce(0) { $0 + $1.numbers.count }
        }
        let median = BenchTable.median(decided)
        return [
            BenchTable.Row(
                name: "ルール20本 × 新しい注文10000件（判定と計画）", median: String(format: "%.3f 秒", median), target: "≤ 1 秒",
                ratio: median, samples: decided.map { String(format: "%.3f", $0) }.joined(separator: ", "), higherIsBetter: false),
            .reference(
                "その注文10000件の読み込み（RMSのJSONから）", median: String(format: "%.3f 秒", BenchTable.median(loads)),
                samples: loads.map { String(format: "%.3f", $0) }.joined(separator: ", ")),
            .reference(
                "ルール20本 × 10000件の適用（判定・記録・書き込み・履歴、\(acted)件のルール実行）", median: String(format: "%.2f 秒", BenchTable.median(whole)),
                samples: whole.map { String(format: "%.2f", $0) }.joined(separator: ", ")),
        ]
    }
}
