import Foundation
import OrderEngine
import PostgresNIO
import RakutenPay
import RMSSandbox
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// The role a desk watches to show another desk's change at once: on SQLite the file's change
/// counter, on PostgreSQL the server's notifications, from every host.
@Suite("Conformance: changes made elsewhere are seen, on each backend", .serialized)
struct ChangesConformanceTests {
    static func orders(_ count: Int, seed: UInt64) -> [OrderStore.Incoming] {
        var generator = OrderGenerator(seed: seed, settings: .init(shopID: "398211"))
        return generator.orders(count: count, now: RakutenDateTime(epochSeconds: 1_795_000_000))
            .map { OrderStore.Incoming(order: Order(rakuten: $0, localStatus: .newOrder), rawJSON: nil) }
    }

    /// Waits up to `seconds` for the count to leave `from`; the count then.
    static func moved(_ store: any OpenedStore, from: Int64, within seconds: Double = 3) throws -> Int64 {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let count = try store.changeCount()
            if count != from { return count }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return try store.changeCount()
    }

    /// The count once the store watches for changes: at once on SQLite; on PostgreSQL once its
    /// watch listens (up to 5 s), after the move that starting to listen makes.
    static func watching(_ store: any OpenedStore) throws -> Int64 {
        _ = try store.changeCount()
        if let postgres = store as? PostgresStore {
            let deadline = Date().addingTimeInterval(5)
            while postgres.changes.withLock({ $0?.isListening }) != true, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            #expect(postgres.changes.withLock { $0?.isListening } == true, "listening")
        }
        return try store.changeCount()
    }

    @Test("orders another process imports move the count within moments; nothing changed moves nothing (orders met again, no writes)", arguments: StoreBackend.available)
    func seenElsewhere(_ backend: StoreBackend) async throws {
        try await offPool {
            let scratch = try ScratchStore(backend)
            defer { #expect(throws: Never.self) { try scratch.remove() } }
            let desk = try scratch.open(operatorName: "desk-a")
            let worker = try scratch.open(operatorName: "worker-b")
            let start = try Self.watching(desk)
            let batch = Self.orders(5, seed: 51)
            try worker.importOrders(batch)
            let after = try Self.moved(desk, from: start)
            #expect(after != start, "\(backend): the import is seen")
            // Nothing new: the same orders again, and a while of nothing.
            try worker.importOrders(batch)
            Thread.sleep(forTimeInterval: 0.5)
            #expect(try desk.changeCount() == after, "\(backend): nothing changed, nothing seen")
            try worker.importOrders(Self.orders(2, seed: 52))
            #expect(try Self.moved(desk, from: after) != after)
        }
    }

    @Test("PostgreSQL: the listening connection cut by the server is made again, the count moved once (what was said meanwhile is unknown), and changes are heard again", .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
    func listenerLost() async throws {
        try await offPool {
            let scratch = try ScratchStore(.postgresql)
            defer { #expect(throws: Never.self) { try scratch.remove() } }
            let desk = try PostgresStore(location: scratch.location!)
            let worker = try PostgresStore(location: scratch.location!)
            let start = try Self.watching(desk)
            let cut = try worker.session.query("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND query = 'LISTEN juchu_changes'
                """)
            #expect(cut.count == 1)
            // Listening again within moments, the count moved by it (what was said meanwhile is unknown).
            let lost = try Self.moved(desk, from: start, within: 5)
            #expect(lost != start, "listening again moves the count")
            let settled = try Self.watching(desk)
            #expect(settled == lost, "one move for listening again, no more")
            try worker.importOrders(Self.orders(3, seed: 53))
            #expect(try Self.moved(desk, from: settled) != settled, "heard after listening again")
        }
    }

    @Test("PostgreSQL: a server that cannot be reached is said after the first try, and asking the count never waits for it")
    func unreachable() throws {
        // A port nothing listens on.
        let location = try PostgresLocation(url: "postgresql://juchu@127.0.0.1:1/none?sslmode=disable")
        let started = Date()
        let watch = try PostgresChangeWatch(location: location)
        defer { watch.stop() }
        #expect(watch.changeCount == 0 && !watch.isListening)
        #expect(Date().timeIntervalSince(started) < 0.5, "made without waiting for the server")
        let deadline = Date().addingTimeInterval(5)
        while watch.problem == nil, Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
        #expect(watch.problem?.contains("変更を待ち受けられません") == true, "\(watch.problem ?? "nil")")
        #expect(watch.changeCount == 0 && !watch.isListening)
    }
}
