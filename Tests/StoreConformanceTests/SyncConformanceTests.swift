import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Testing
import TestSupport

/// The sync worker's services on each backend, against the sandbox over real HTTP: what reaches
/// RMS does not depend on where the shop's data is kept.
@Suite("Conformance: fetching and sending to RMS on each backend", .serialized)
struct SyncConformanceTests {
    @Test("fetch, confirm and settle: every order fetched once; each confirmation recorded, sent once and accepted; asked again, nothing is sent; nothing is left unresolved", arguments: StoreBackend.available)
    func fetchAndConfirm(_ backend: StoreBackend) async throws {
        let sandbox = try await SandboxHarness.start(orders: 30)
        let scratch = try ScratchStore(backend)
        defer {
            Task { await sandbox.stop() }
            #expect(throws: Never.self) { try scratch.remove() }
        }
        let store = try scratch.open(operatorName: "受注 太郎")
        let service = SyncService(client: sandbox.client, store: store)
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        let first = try await service.fetch(settings)
        let again = try await service.fetch(settings)
        #expect(first.inserted > 20 && again.inserted == 0 && again.alreadyPresent == first.inserted, "\(first) \(again)")

        let confirmable = try store.page(GridFilter(localStatus: .newOrder), limit: 1_000)
            .filter { $0.isRakutenAPI && !$0.isShippingFeeUnset && !$0.isBundled }.map(\.number)
        try #require(confirmable.count >= 10)
        let report = try await service.run(ConfirmAction(), on: confirmable)
        #expect(report.succeeded == confirmable.count, "\(report.lines.filter { !$0.ok }.map(\.message))")
        let repeated = try await service.run(ConfirmAction(), on: confirmable)
        #expect(repeated.lines.isEmpty && repeated.skipped.count == confirmable.count)
        try await service.settleUnclearWrites(waitingForInFlight: true)

        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(Set(accepted.keys) == Set(confirmable.map(\.rawValue)))
        #expect(accepted.values.allSatisfy { $0 == 1 }, "each confirmation once: \(accepted.filter { $0.value != 1 })")
        #expect(try store.unresolvedIntents(claimedBefore: Date().addingTimeInterval(3_600)).isEmpty)
        let health = try store.health(unconfirmedBefore: Date())
        #expect(health.outbox["pending"] == nil && health.outbox["sending"] == nil && health.outbox["done"] == confirmable.count, "\(health.outbox)")
        // Each confirmation journalled once, with the operator who sent it.
        for number in confirmable.prefix(5) {
            let sent = try store.journal(of: number).filter { $0.action == ActionID.confirm.rawValue }
            #expect(!sent.isEmpty && Set(sent.map(\.batchID)).count == 1 && sent.allSatisfy { $0.operatorName == "受注 太郎" }, "\(number): \(sent)")
        }
    }
}
