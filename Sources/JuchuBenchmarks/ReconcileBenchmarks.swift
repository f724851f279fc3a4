import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox

/// Issue 32's reconcile target: 取りこぼしの確認 over RMS's whole reach (730 days) against the
/// sandbox at RMS's 1 request a second, from a store that lacks every order: within the request
/// budget, reported in requests and seconds.
enum ReconcileBenchmarks {
    static func run(runs: Int) throws -> BenchTable.Row {
        var seconds: [Double] = []
        var requests: [Int] = []
        var listed = 0
        for run in 0..<max(1, min(runs, 3)) {
            let report = try runBlocking { try await reconcileReach(seed: UInt64(320 + run)) }
            seconds.append(report.seconds)
            requests.append(report.requests)
            listed = report.listedByRMS
        }
        let median = BenchTable.median(seconds)
        let medianRequests = BenchTable.median(requests.map(Double.init))
        // The budget is 1 request a second, the first at once: n requests take at least n − 1 seconds.
        return BenchTable.Row(
            name: "取りこぼしの確認 730日（RMS \(listed)件、ここ0件、1リクエスト/秒）",
            median: String(format: "%.1f 秒・%.0f回", median, medianRequests), target: "≤ 1リクエスト/秒",
            ratio: max(medianRequests - 1, 0) / max(median, 0.001),
            samples: zip(seconds, requests).map { String(format: "%.1f秒/%d回", $0, $1) }.joined(separator: ", "), higherIsBetter: false)
    }

    /// A sandbox at 1 request/s holding orders placed over the last two years, an empty store.
    private static func reconcileReach(seed: UInt64) async throws -> ReconcileReport {
        var generator = OrderGenerator(seed: seed, settings: OrderGenerator.Settings(shopID: "398211"))
        let now = RakutenDateTime(Date())
        var orders: [OrderModel] = []
        // 12 orders a month for 24 months, none younger than a day (so that no window is at the edge of now).
        for month in 0..<24 { orders += generator.orders(count: 12, now: now.adding(seconds: -Int64(month * 30 + 1) * 86_400)) }
        var configuration = SandboxConfiguration()
        configuration.licenseKey = "SL-bench-reconcile-\(seed)"
        configuration.requestsPerSecond = 1
        let server = SandboxServer(configuration: configuration, orders: orders)
        let url = try await server.start()
        let directory = BenchScratch.path("reconcile")
        defer { BenchScratch.remove(directory) }
        let store = try OrderStore(path: directory + "/bench.sqlite")
        let client = RakutenPayClient(configuration: configuration.clientConfiguration(baseURL: url, requestsPerSecond: 1))
        let service = SyncService(client: client, store: store)
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let report = try await service.reconcile(
            from: today.adding(days: -(SyncService.reconcileReachDays - 1)), through: today, fetch: false, settings: FetchSettings())
        await server.stop()
        guard report.missingCount + report.tooYoung == report.listedByRMS, report.listedByRMS > 0 else {
            throw BenchError("取りこぼしの確認: RMS \(report.listedByRMS)件のうち \(report.missingCount)件しか見つかりません")
        }
        return report
    }
}
