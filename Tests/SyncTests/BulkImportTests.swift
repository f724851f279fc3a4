import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("Bulk import of getOrder answers: decoded on two threads ahead of the writer")
struct BulkImportTests {
    let directory = TemporaryDirectory()

    private func emptyStore() throws -> OrderStore { try OrderStore(path: directory.file("bulk.sqlite")) }

    /// `count` generated orders, 100 to an answer as RMS sends them.
    private func answers(count: Int, seed: UInt64) throws -> (orders: [OrderModel], bodies: [Data]) {
        var generator = OrderGenerator(seed: seed, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: count, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        let bodies = try orders.chunked(into: 100).map { try JSONEncoder().encode(GetOrderResponse(messages: [], orders: $0, version: 10)) }
        return (orders, bodies)
    }

    @Test("an answer that is not JSON stops the import with a DecodingError; the chunks before it are whole")
    func brokenAnswer() throws {
        defer { directory.remove() }
        let store = try emptyStore()
        var (_, bodies) = try answers(count: 1_000, seed: 4)
        bodies[6] = Data(#"{"MessageModelList":[],"OrderModelList":[{"orderNumber":"#.utf8)
        #expect(throws: DecodingError.self) {
            try OrderImport.importBodies(bodies, into: store, perTransaction: 2, decodingAhead: 3)
        }
        // Chunks 0–2 (answers 0–5) were written, each in its own transaction; nothing of chunk 3.
        #expect(try store.countsByStatus()[.newOrder] == 600)
    }

    @Test("during a bulk import the log is copied back beside the writer and stays bounded; after it, the file alone holds every order")
    func logCopiedBack() throws {
        defer { directory.remove() }
        let store = try emptyStore()
        let (_, bodies) = try answers(count: 3_000, seed: 5)
        let incoming = try bodies.map { OrderImport.incoming(try RakutenPayClient.fetchedOrders(fromBody: $0), localStatus: .newOrder) }
        let log = directory.file("bulk.sqlite-wal")
        func logSize() -> Int { ((try? FileManager.default.attributesOfItem(atPath: log)[.size]) as? Int) ?? 0 }
        let limit = 1 << 20
        var largestLog = 0
        var largestTransaction = 0
        try store.withBulkImport(logLimit: limit) {
            for part in incoming {
                let before = logSize()
                try store.importOrders(part)
                largestTransaction = max(largestTransaction, logSize() - before)
                largestLog = max(largestLog, logSize())
            }
        }
        // Unbounded, the log would hold all 30 transactions (a checkpoint that chases a busy writer
        // never lets it start again from its beginning).
        #expect(largestTransaction > 0)
        #expect(largestLog <= limit + 2 * largestTransaction)
        #expect(largestLog * 3 < 30 * largestTransaction)

        // The database file without its log: every order is in it.
        let copy = directory.file("copy.sqlite")
        try FileManager.default.copyItem(atPath: directory.file("bulk.sqlite"), toPath: copy)
        #expect(try OrderStore(path: copy).countsByStatus()[.newOrder] == 3_000)
        // SQLite's own checkpoints are back: later writes go on as usual.
        let (_, more) = try answers(count: 100, seed: 6)
        #expect(try OrderImport.importBodies(more, into: store).inserted == 100)
    }
}
