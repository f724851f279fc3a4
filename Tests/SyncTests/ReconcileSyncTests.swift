import Foundation
import OrderEngine
import OrderStore
import Synchronization
import Testing
import TestSupport
@testable import OrderSync

/// The worker's daily 取りこぼしの確認 (`[fetch] reconcile_days`).
@Suite("Sync: the worker's daily reconcile", .serialized)
struct ReconcileSyncTests {
    @Test("with reconcile_days, the worker brings in once a day what the fetch of 注文確認待ち cannot see (orders RMS moved on), at a status fitting RMS's, and says so; without it, nothing of the kind")
    func workerReconciles() async throws {
        let fetched = try await FetchedSandbox.start(orders: 40)
        defer { Task { await fetched.stop() } }
        let before = try fetched.store.countsByStatus().values.reduce(0, +)
        #expect(before < 40, "the fetch took only 注文確認待ち")
        let said = Mutex<[ReconcileReport]>([])
        let service = fetched.service.reporting { event in
            if case .reconciled(let report) = event { said.withLock { $0.append(report) } }
        }
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 0
        for days in [0, 30] {
            settings.reconcileDays = days
            let worker = SyncWorker(service: service, fetchSettings: settings, pollInterval: .milliseconds(100), fetchInterval: nil, leaseSeconds: 30)
            let task = Task { await worker.run() }
            // Some rounds: the daily check runs in the first, never again the same day.
            try await Task.sleep(for: .milliseconds(800))
            for _ in 0..<50 where days > 0 && said.withLock({ $0.isEmpty }) { try await Task.sleep(for: .milliseconds(100)) }
            task.cancel()
            await task.value
            if days == 0 {
                let count = try fetched.store.countsByStatus().values.reduce(0, +)
                #expect(said.withLock { $0.isEmpty } && count == before)
            }
        }
        let reports = said.withLock { $0 }
        #expect(reports.count == 1, "once: \(reports.map(\.summary))")
        #expect(reports.first?.inserted == 40 - before && reports.first?.missingCount == 40 - before)
        let counts = try fetched.store.countsByStatus()
        #expect(counts.values.reduce(0, +) == 40)
        for (progress, numbers) in reports.first?.missing ?? [:] {
            for order in try fetched.store.orders(numbers) {
                #expect(order.rmsProgress == progress)
                #expect(order.localStatus == progress.localStatusWhenBroughtIn(new: .newOrder))
            }
        }
    }

    @Test("orders brought in already shipped or cancelled are not the rules' (no rule mails, holds or bundles them); those RMS has still open are; young ones are left, as the fetch leaves them")
    func broughtInForTheRules() async throws {
        let fetched = try await FetchedSandbox.start(orders: 40)
        defer { Task { await fetched.stop() } }
        _ = try await fetched.service.runRulesOnNewOrders(RuleSet([]))
        #expect(try fetched.store.ordersAwaitingRules().numbers.isEmpty)
        await fetched.sandbox.server.addNewOrders(2)
        // A period ends a second before now (searchOrder's end is whole seconds).
        try await Task.sleep(for: .seconds(2))
        var settings = FetchSettings()
        settings.skipYoungerThanMinutes = 30
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let report = try await fetched.service.reconcile(from: today.adding(days: -29), through: today, fetch: true, settings: settings)
        #expect(report.tooYoung == 2 && report.inserted == report.missingCount && report.agrees(fetched: true), "\(report.summary) young \(report.tooYoung) \(report.unreadable) \(report.notReturned) \(report.notAtRMS)")
        let brought = try fetched.store.orders(report.missing.values.flatMap { $0 })
        let done = brought.filter { [.shipped, .cancelled].contains($0.localStatus) }
        #expect(!done.isEmpty && done.count < brought.count, "RMS had some shipped or cancelled, some open")
        let awaiting = Set(try fetched.store.ordersAwaitingRules().numbers)
        #expect(awaiting == Set(brought.filter { ![.shipped, .cancelled].contains($0.localStatus) }.map(\.number)))
    }
}
