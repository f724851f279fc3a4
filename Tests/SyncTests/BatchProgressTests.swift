import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Synchronization
import Testing
import TestSupport

/// One kind of progress for a batch, whether it is applied here in parts or sent to RMS: what the
/// desk's dialog shows as 実行中 n/m.
@Suite("A batch's progress: a local change in parts and a write sent to RMS report orders done of all the same way")
struct BatchProgressTests {
    @Test("a confirmation reports as its calls go, from 0 to all; a local change in parts of 500 reports after each part, under one batch")
    func progressOfBoth() async throws {
        let fetched = try await FetchedSandbox.start(orders: 30)
        defer { Task { await fetched.stop() } }
        let confirmable = try fetched.editableRows().filter(\.isRakutenAPI).map(\.number)
        try #require(!confirmable.isEmpty)
        let sent = Mutex<[[Int]]>([])
        let report = try await fetched.service.run(ConfirmAction(), on: confirmable) { done, total in sent.withLock { $0.append([done, total]) } }
        let steps = sent.withLock { $0 }
        #expect(steps.first?.first == 0 && steps.last?.first == steps.last?.last, "\(steps)")
        #expect(steps.last?.last == report.lines.count, "every order sent is counted")

        let numbers = try fetched.store.page(GridFilter(), limit: 100).map(\.number)
        let local = Mutex<[[Int]]>([])
        let applied = try fetched.service.applyInParts(ChangeStatusAction(to: .onHold), to: numbers) { done, total in
            local.withLock { $0.append([done, total]) }
        }
        #expect(local.withLock { $0 } == [[numbers.count, numbers.count]], "\(numbers.count) orders are one part")
        #expect(applied.changes.count + applied.skips.count == numbers.count && !applied.stopped)
        #expect(try fetched.store.undoableBatches(limit: 1).first?.batchID == applied.batchID, "one batch")

        let big = (0..<1_200).map { OrderFixtures.order(10_000 + $0) }
        try fetched.store.importOrders(big.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        let parts = Mutex<[[Int]]>([])
        _ = try fetched.service.applyInParts(ChangeStatusAction(to: .awaitingShipment), to: big.map(\.number)) { done, total in
            parts.withLock { $0.append([done, total]) }
        }
        #expect(parts.withLock { $0 } == [[500, 1_200], [1_000, 1_200], [1_200, 1_200]])
    }
}
