import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox

/// Issue 3's targets: getOrder decoding ≥ 20,000 orders/s on one core; 1,000 confirmations at
/// 1 request/s within 1.1× of the API's limit (10 calls of 100 → 10 s).
enum APIBenchmarks {
    static func decodeGetOrder(runs: Int) throws -> BenchTable.Row {
        var generator = OrderGenerator(seed: 42, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: 1000, now: RakutenDateTime(Date()))
        let bodies = try GeneratedAnswers.bodies(of: orders)
        var rates: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            var decoded = 0
            while ContinuousClock.now - start < .seconds(1) {
                for body in bodies { decoded += try JSONIndexDecoder().decode(GetOrderResponse.self, from: body).orders.count }
            }
            let elapsed = ContinuousClock.now - start
            rates.append(Double(decoded) / elapsed.seconds)
        }
        let median = BenchTable.median(rates)
        return BenchTable.Row(
            name: "getOrder のデコード（1コア）", median: "\(Int(median)) 件/秒", target: "≥ 20000 件/秒", ratio: median / 20_000,
            samples: rates.map { "\(Int($0))" }.joined(separator: ", "), higherIsBetter: true)
    }

    static func confirmThousand(runs: Int) throws -> BenchTable.Row {
        var times: [Double] = []
        for run in 0..<runs {
            times.append(try runBlocking { try await confirmOnce(seed: UInt64(100 + run)) })
        }
        let median = BenchTable.median(times)
        return BenchTable.Row(
            name: "注文確認 1000件（1リクエスト/秒）", median: String(format: "%.2f 秒", median), target: "≤ 11.0 秒（10 回 × 100 件）",
            ratio: median / 10, samples: times.map { String(format: "%.2f", $0) }.joined(separator: ", "), higherIsBetter: false)
    }

    /// Seconds to confirm 1,000 orders through the store's outbox and the client, sandbox enforcing 1 QPS.
    private static func confirmOnce(seed: UInt64) async throws -> Double {
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.awaitingConfirmationRate = 1
        settings.unsetPostageRate = 0
        var generator = OrderGenerator(seed: seed, settings: settings)
        let orders = generator.orders(count: 1000, now: RakutenDateTime(Date()))
        var configuration = SandboxConfiguration()
        configuration.licenseKey = "SL-bench-\(seed)"
        configuration.requestsPerSecond = 1
        let server = SandboxServer(configuration: configuration, orders: orders)
        let url = try await server.start()
        let directory = BenchScratch.path("run")
        defer { BenchScratch.remove(directory) }
        let store = try OrderStore(path: directory + "/bench.sqlite")
        try store.importOrders(orders.map { OrderStore.Incoming(order: Order(rakuten: $0, localStatus: .newOrder), rawJSON: nil) })
        let client = RakutenPayClient(configuration: configuration.clientConfiguration(baseURL: url, requestsPerSecond: 1))
        let service = SyncService(client: client, store: store)
        let start = ContinuousClock.now
        let report = try await service.run(.confirm, on: orders.map { OrderNumber($0.orderNumber) })
        let elapsed = (ContinuousClock.now - start).seconds
        await server.stop()
        guard report.succeeded == 1000 else {
            throw BenchError("注文確認のベンチマークで \(1000 - report.succeeded) 件が失敗しました")
        }
        return elapsed
    }
}

extension Duration {
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
