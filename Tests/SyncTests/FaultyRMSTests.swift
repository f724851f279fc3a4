import Foundation
import Synchronization
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("1,000 orders through a sandbox that limits QPS and fails one request in five")
struct FaultyRMSTests {
    @Test("fetch and confirm complete; every order is accounted for and confirmed at most once; every failure in the operator's words")
    func thousandOrders() async throws {
        let now = RakutenDateTime(Date())
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.awaitingConfirmationRate = 1
        var generator = OrderGenerator(seed: 21, settings: settings)
        let orders = generator.orders(count: 1000, now: now)
        var configuration = SandboxConfiguration()
        configuration.licenseKey = "SL-faults-\(UUID().uuidString)"
        configuration.requestsPerSecond = 5
        configuration.faultRate = 0.2
        configuration.secondsUntilProcessing = 1
        configuration.secondsUntilDone = 1
        let server = SandboxServer(configuration: configuration, orders: orders)
        let url = try await server.start()
        var clientConfiguration = configuration.clientConfiguration(baseURL: url, requestsPerSecond: 5)
        clientConfiguration.retryBackoffSeconds = 0.2
        let client = RakutenPayClient(configuration: clientConfiguration)
        let directory = TemporaryDirectory()
        let store = try OrderStore(path: directory.file("faults.sqlite"))
        // What the desk and `juchu sync` would show of each failure.
        let failures = Mutex<[(activity: String, errorClass: APIErrorClass?)]>([])
        let service = SyncService(client: client, store: store).reporting { event in
            if case .failed(let activity, let errorClass, _) = event { failures.withLock { $0.append((activity, errorClass)) } }
        }
        var lines: [WriteReport.Line] = []
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0

        var fetched = false
        for _ in 0..<10 where !fetched {
            fetched = (try? await service.fetch(fetch)) != nil
        }
        #expect(fetched)
        let rows = try store.page(GridFilter(localStatus: .newOrder), limit: 2000)
        #expect(rows.count == 1000, "every order fetched once")

        let confirmable = Set(orders.filter { $0.postagePrice != -9999 }.map(\.orderNumber))
        // Besides the random faults (reads are retried through them), the first confirm call meets
        // maintenance: its orders are not confirmed, say so in the manuals' words, and go next time.
        server.injectFault(.maintenance)
        for _ in 0..<30 {
            if let report = try? await service.run(.confirm, on: rows.map(\.number)) { lines += report.lines.filter { !$0.ok } }
            try? await service.pollConfirmations(staleIntentAge: 0)
            let states = try store.orders(rows.map(\.number))
            let settled = states.filter { confirmable.contains($0.number.rawValue) }
                .allSatisfy { $0.sync == .rakutenProcessing || $0.sync == .rakutenDone }
            if settled { break }
        }
        let final = try store.orders(rows.map(\.number))
        for order in final {
            if confirmable.contains(order.number.rawValue) {
                #expect(order.sync == .rakutenProcessing || order.sync == .rakutenDone, "\(order.number) ended \(order.sync)")
            } else {
                #expect(order.sync == .notSent, "an order with unset postage was sent: \(order.number)")
            }
        }
        let accepted = await server.acceptedConfirmations()
        #expect(Set(accepted.keys) == confirmable)
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice")
        // Faults of the sandbox are temporary errors, maintenance or the QPS limit: each is named as
        // the manuals name it, with what was being done; per-order failures carry the same words.
        let reported = failures.withLock { $0 }
        #expect(lines.contains { $0.message.hasPrefix(APIErrorClass.maintenance.message) }, "\(Set(lines.map(\.message)))")
        #expect(reported.allSatisfy { [.temporary, .maintenance, .qpsLimit].contains($0.errorClass) }, "\(reported.map(\.errorClass))")
        #expect(reported.allSatisfy { ["受注取得", "注文確認通知", "RMSステータスを取得", "送信結果の確認"].contains($0.activity) }, "\(reported.map(\.activity))")
        let words = APIErrorClass.allCases.map(\.message) + ["結果不明"]
        #expect(lines.allSatisfy { line in words.contains { line.message.hasPrefix($0) } }, "\(lines.map(\.message))")
        await server.stop()
        directory.remove()
    }
}
