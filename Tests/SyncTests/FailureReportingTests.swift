import Foundation
import GRDB
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Synchronization
import Testing
import TestSupport

/// No order is lost without a word: a fetch that fails, in RMS or in the file, is told to the
/// desk, recorded for `juchu status` and every other desk, and cleared by the next success.
@Suite("Failures of the background work are shown, recorded and cleared")
struct FailureReportingTests {
    @Test("a fetch that the file refuses is reported with SQLite's reason; the next fetch takes the orders in")
    func storeFailureDuringImport() async throws {
        let sandbox = try await SandboxHarness.start(orders: 30)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("sync.sqlite")
        let store = try OrderStore(path: path)
        let events = Mutex<[SyncEvent]>([])
        let service = SyncService(client: sandbox.client, store: store, events: { event in events.withLock { $0.append(event) } })
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0

        // Another process's connection makes every insert fail, as a full disk would.
        let other = try DatabaseQueue(path: path)
        try await other.write { try $0.execute(sql: "CREATE TRIGGER refuse BEFORE INSERT ON orders BEGIN SELECT RAISE(ABORT, 'disk full (test)'); END") }
        await #expect(throws: (any Error).self) { try await service.fetch(settings) }
        let failed = events.withLock { $0 }.compactMap { event -> (String, APIErrorClass?, String)? in
            if case .failed(let activity, let errorClass, let detail) = event { return (activity, errorClass, detail) }
            return nil
        }
        #expect(failed.count == 1)
        #expect(failed.first?.0 == SyncService.Activity.fetch)
        #expect(failed.first?.1 == nil, "a failure of the file is not RMS's")
        #expect(failed.first?.2.contains("disk full (test)") == true)
        let recorded = try store.syncFailures()
        #expect(recorded.map(\.activity) == [SyncService.Activity.fetch])
        #expect(recorded.first?.detail.contains("disk full (test)") == true)
        #expect(try store.countsByStatus().values.reduce(0, +) == 0)

        try await other.write { try $0.execute(sql: "DROP TRIGGER refuse") }
        let report = try await service.fetch(settings)
        #expect(report.inserted == report.found && report.found > 0)
        #expect(try store.syncFailures().isEmpty, "cleared by the success")
        await sandbox.stop()
    }

    @Test("RMS in maintenance: the fetch's failure carries RMS's class, is counted while it lasts, and goes with the next success")
    func maintenanceDuringFetch() async throws {
        let sandbox = try await SandboxHarness.start(orders: 10)
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let store = try OrderStore(path: directory.file("sync.sqlite"))
        let events = Mutex<[SyncEvent]>([])
        let service = SyncService(client: sandbox.client, store: store, events: { event in events.withLock { $0.append(event) } })
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        sandbox.server.setMaintenance(true)
        for _ in 0..<2 { await #expect(throws: RakutenPayError.self) { try await service.fetch(settings) } }
        let classes = events.withLock { $0 }.compactMap { event -> APIErrorClass?? in
            if case .failed(_, let errorClass, _) = event { return errorClass }
            return nil
        }
        #expect(classes == [.maintenance, .maintenance])
        #expect(try store.syncFailures().first?.count == 2)
        sandbox.server.setMaintenance(false)
        try await service.fetch(settings)
        #expect(try store.syncFailures().isEmpty)
        await sandbox.stop()
    }
}
