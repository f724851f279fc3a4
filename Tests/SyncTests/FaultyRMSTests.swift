import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("1,000 orders through a sandbox that limits QPS and fails one request in five")
struct FaultyRMSTests {
    @Test("fetch and confirm complete; every order is accounted for and confirmed at most once")
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
        let service = SyncService(client: client, store: store)
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
        for _ in 0..<30 {
            _ = try? await service.confirm(rows.map(\.number))
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
        await server.stop()
        directory.remove()
    }
}
