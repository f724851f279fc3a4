import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("Sync: the sandbox over HTTP into a SQLite file")
struct SyncServiceTests {
    @Test("fetch stores what RMS holds in 注文確認待ち as 新規受付, once")
    func fetchOnce() async throws {
        let sandbox = try await SandboxHarness.start(orders: 80)
        let directory = TemporaryDirectory()
        let store = try OrderStore(path: directory.file("sync.sqlite"))
        let service = SyncService(client: sandbox.client, store: store)
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        let first = try await service.fetch(settings)
        #expect(first.inserted > 50)
        #expect(first.inserted == first.found)
        #expect(try store.count(GridFilter(localStatus: .newOrder)) == first.inserted)
        let rows = try store.page(GridFilter(localStatus: .newOrder), limit: 500)
        #expect(rows.allSatisfy { $0.rmsProgress == .awaitingConfirmation && $0.sync == .notSent })
        #expect(rows.contains { $0.isShippingFeeUnset })
        let second = try await service.fetch(settings)
        #expect(second.inserted == 0)
        #expect(second.alreadyPresent == first.inserted)
        await sandbox.stop()
        directory.remove()
    }

    @Test("confirm sends each order once; polling shows 楽天処理中 then 楽天処理済")
    func confirmAndPoll() async throws {
        let fetched = try await FetchedSandbox.start(orders: 60) {
            $0.secondsUntilProcessing = 1
            $0.secondsUntilDone = 1
        }
        let (store, service) = (fetched.store, fetched.service)
        let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 500).map(\.number)

        let report = try await service.run(.confirm, on: numbers)
        #expect(report.succeeded > 0)
        #expect(report.skipped.allSatisfy { $0.reason == .shippingFeeUnset })
        #expect(report.succeeded + report.skipped.count == numbers.count)
        let sent = report.lines.filter(\.ok).map(\.number)
        #expect(try store.orders(sent).allSatisfy { $0.sync == .rakutenProcessing })

        let again = try await service.run(.confirm, on: numbers)
        #expect(again.lines.isEmpty, "nothing may be sent twice")

        try await Task.sleep(for: .milliseconds(2200))
        try await service.pollConfirmations()
        let after = try store.orders(sent)
        #expect(after.allSatisfy { $0.sync == .rakutenDone && $0.rmsProgress == .awaitingShipment && $0.confirmedAt != nil })
        let accepted = await fetched.sandbox.server.acceptedConfirmations()
        #expect(accepted.values.allSatisfy { $0 == 1 })
        #expect(Set(accepted.keys) == Set(sent.map(\.rawValue)))
        await fetched.stop()
    }
}
