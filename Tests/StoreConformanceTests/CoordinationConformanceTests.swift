import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// The coordination role (the worker's lease) on each backend: the same answers to the same asks.
@Suite("Conformance: the worker's lease on each backend", .serialized)
struct CoordinationConformanceTests {
    /// This process, and another process of this host that is alive (the test runner's parent).
    let me = OperatorIdentity.process
    let neighbour = "\(OperatorIdentity.current)@\(OperatorIdentity.host):\(getppid())"
    /// A process of this host that has ended (a pid far above any in use).
    let gone = "\(OperatorIdentity.current)@\(OperatorIdentity.host):4194303"

    @Test("one holder at a time; renewed by its holder; given up, taken at once; the problem said and cleared", arguments: StoreBackend.available)
    func holders(_ backend: StoreBackend) throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let (a, b) = (try scratch.coordination(), try scratch.coordination())
        #expect(try a.workerLease() == nil)
        #expect(try a.acquireWorkerLease(holder: me, seconds: 30))
        #expect(try !b.acquireWorkerLease(holder: neighbour, seconds: 30))
        #expect(try a.acquireWorkerLease(holder: me, seconds: 30), "the holder renews")
        try a.setWorkerProblem("licenceKey の期限切れ", holder: me)
        #expect(try b.workerLease()?.problem == "licenceKey の期限切れ" && b.workerLease()?.holder == me)
        try a.setWorkerProblem(nil, holder: me)
        #expect(try b.workerLease()?.problem == nil)
        try a.releaseWorkerLease(holder: me)
        #expect(try b.workerLease() == nil)
        #expect(try b.acquireWorkerLease(holder: neighbour, seconds: 30), "given up: taken at once")
        let lease = try #require(try a.workerLease())
        #expect(lease.holder == neighbour && lease.host == OperatorIdentity.host && lease.pid == getppid())
        #expect(lease.expiresAt > Date().addingTimeInterval(20) && lease.expiresAt < Date().addingTimeInterval(40))
    }

    @Test("a lease runs out; a holder of this host whose process is gone is replaced at once; one of another host only when its lease runs out", arguments: StoreBackend.available)
    func takeovers(_ backend: StoreBackend) async throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let (a, b) = (try scratch.coordination(), try scratch.coordination())
        #expect(try a.acquireWorkerLease(holder: gone, seconds: 600))
        // Two seconds: SQLite keeps whole seconds, so a one-second lease may end at once.
        #expect(try b.acquireWorkerLease(holder: me, seconds: 2), "its process on this host is gone")
        #expect(try !a.acquireWorkerLease(holder: neighbour, seconds: 30))
        try await Task.sleep(for: .milliseconds(2_300))
        #expect(try a.acquireWorkerLease(holder: neighbour, seconds: 30), "run out")
        try a.releaseWorkerLease(holder: neighbour)

        // Another host: its process cannot be looked at from here.
        let far = "sync@another-host:4194303"
        #expect(try a.acquireWorkerLease(holder: far, seconds: 3))
        #expect(try !b.acquireWorkerLease(holder: me, seconds: 30), "not taken from another host before it runs out")
        try await Task.sleep(for: .milliseconds(3_300))
        #expect(try b.acquireWorkerLease(holder: me, seconds: 30))
    }

    @Test("a write claimed by a process of another host: on PostgreSQL abandoned once its heartbeat has stopped (at once when it never beat), never while it beats; on SQLite only past the cutoff", arguments: StoreBackend.available)
    func abandonedElsewhere(_ backend: StoreBackend) throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try scratch.open()
        try store.importOrders((1...3).map { OrderStore.Incoming(order: OrderFixtures.order($0), rawJSON: nil) })
        let numbers = try store.page(GridFilter(), limit: 10).map(\.number).sorted()
        // A desk of another host that is running (its store open, beating), and one that is not.
        let beating = "hanako@site-b:200"
        let silent = "jiro@site-c:300"
        let other = try scratch.open(deskID: beating)
        _ = try store.apply(try CancelAction(reasonCode: 1), to: [numbers[0]], claimedBy: beating)
        _ = try store.apply(try CancelAction(reasonCode: 1), to: [numbers[1]], claimedBy: silent)
        let unresolved = try store.unresolvedIntents().map(\.number)
        let pastCutoff = try store.unresolvedIntents(claimedBefore: Date().addingTimeInterval(60)).map(\.number)
        switch backend {
        case .sqlite:
            #expect(try store.reading { try store.liveProcessesElsewhere(in: $0) } == nil)
            #expect(unresolved.isEmpty)
        case .postgresql:
            #expect(try store.reading { try store.liveProcessesElsewhere(in: $0) }?.isSuperset(of: [beating, OperatorIdentity.process]) == true)
            #expect(unresolved == [numbers[1]], "the silent desk's write only")
        }
        #expect(pastCutoff == [numbers[0], numbers[1]], "past the cutoff, both")
        withExtendedLifetime(other) {}
    }

    @Test("eight processes asking at once: exactly one is granted", arguments: StoreBackend.available)
    func race(_ backend: StoreBackend) async throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let stores = try (0..<8).map { _ in try scratch.coordination() }
        // Each on a thread of its own (not the tests' shared pool), each a process of another host:
        // nobody may take over anybody.
        let answers = try await withThrowingTaskGroup(of: Bool.self) { group in
            for (index, store) in stores.enumerated() {
                group.addTask { try await offPool { try store.acquireWorkerLease(holder: "sync@host-\(index):\(index + 1)", seconds: 30) } }
            }
            var answers: [Bool] = []
            for try await answer in group { answers.append(answer) }
            return answers
        }
        #expect(answers.count == 8)
        #expect(answers.filter { $0 }.count == 1)
    }
}
