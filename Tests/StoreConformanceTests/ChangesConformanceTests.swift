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

    @Test("orders another process imports move the count within moments; nothing changed moves nothing (orders met again, no writes)", arguments: StoreBackend.available)
    func seenElsewhere(_ backend: StoreBackend) async throws {
        try await offPool {
            let scratch = try ScratchStore(backend)
            defer { #expect(throws: Never.self) { try scratch.remove() } }
            let desk = try scratch.open(operatorName: "desk-a")
            let worker = try scratch.open(operatorName: "worker-b")
            let start = try desk.changeCount()
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

    @Test("PostgreSQL: the listening connection cut by the server moves the count (what was said meanwhile is unknown), and the watch listens again", .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
    func listenerLost() async throws {
        try await offPool {
            let scratch = try ScratchStore(.postgresql)
            defer { #expect(throws: Never.self) { try scratch.remove() } }
            let desk = try PostgresStore(location: scratch.location!)
            let worker = try PostgresStore(location: scratch.location!)
            let start = try desk.changeCount()
            let cut = try worker.session.query("""
                SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                WHERE datname = current_database() AND query = 'LISTEN juchu_changes'
                """)
            #expect(cut.count == 1)
            let lost = try Self.moved(desk, from: start)
            #expect(lost != start, "a lost listener moves the count")
            // Listening again within moments; then a change is heard as before.
            let deadline = Date().addingTimeInterval(5)
            var listeners = 0
            repeat {
                Thread.sleep(forTimeInterval: 0.1)
                listeners = try worker.session.query("""
                    SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() AND query = 'LISTEN juchu_changes'
                    """).first!.decode(Int64.self) == 1 ? 1 : 0
            } while listeners == 0 && Date() < deadline
            #expect(listeners == 1, "listening again")
            let settled = try desk.changeCount()
            try worker.importOrders(Self.orders(3, seed: 53))
            #expect(try Self.moved(desk, from: settled) != settled, "heard after listening again")
        }
    }
}
