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

    @Test("every order arrives once, in order of the answers, with RMS's exact bytes; a second import adds nothing")
    func everyOrderOnce() throws {
        defer { directory.remove() }
        let store = try emptyStore()
        let (orders, bodies) = try answers(count: 2_350, seed: 3)
        // 24 answers, 3 to a transaction: 8 chunks, more than the decoders may hold ahead.
        let summary = try OrderImport.importBodies(bodies, into: store, perTransaction: 3, decodingAhead: 2)
        #expect(summary == OrderStore.ImportSummary(inserted: 2_350, alreadyPresent: 0))
        #expect(try store.countsByStatus()[.newOrder] == 2_350)
        for index in [0, 1_234, 2_349] {
            let model = orders[index]
            let raw = try #require(try store.rawJSON(of: OrderNumber(model.orderNumber)))
            #expect(try JSONDecoder().decode(OrderModel.self, from: Data(raw)) == model)
            #expect(raw.first == UInt8(ascii: "{") && raw.last == UInt8(ascii: "}"))
            #expect(String(decoding: bodies[index / 100], as: UTF8.self).contains(String(decoding: raw, as: UTF8.self)))
            #expect(try store.order(OrderNumber(model.orderNumber))?.number.rawValue == model.orderNumber)
        }
        let again = try OrderImport.importBodies(bodies, into: store, perTransaction: 5)
        #expect(again == OrderStore.ImportSummary(inserted: 0, alreadyPresent: 2_350))
    }

    @Test("values of every size are stored exactly: an order larger than the bound values' arena, empty names")
    func everySize() throws {
        defer { directory.remove() }
        let store = try emptyStore()
        var generator = OrderGenerator(seed: 8, settings: .init(shopID: "398211"))
        var orders = generator.orders(count: 300, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        // 80,000 bytes of item name: the order's JSON and its search document outgrow the arena.
        orders[10].packageModelList[0].itemModelList[0].itemName = "特大" + String(repeating: "あいう", count: 8_900) + "末尾の商品"
        orders[11].ordererModel.firstName = ""
        orders[11].ordererModel.familyNameKana = ""
        let bodies = try orders.chunked(into: 100).map { try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: $0, version: 10)) }
        try OrderImport.importBodies(bodies, into: store, perTransaction: 1)
        for index in [9, 10, 11, 12] {
            let number = OrderNumber(orders[index].orderNumber)
            let raw = try #require(try store.rawJSON(of: number))
            #expect(String(decoding: bodies[0], as: UTF8.self).contains(String(decoding: raw, as: UTF8.self)))
            #expect(try store.order(number) == Order(rakuten: orders[index], localStatus: .newOrder))
            #expect(try store.journal(of: number).map(\.action) == ["fetch"])
        }
        #expect(try store.page(GridFilter(search: "末尾の商品"), limit: 10).map(\.number) == [OrderNumber(orders[10].orderNumber)])
        #expect(try store.page(GridFilter(search: orders[12].ordererModel.familyName + (orders[12].ordererModel.firstName ?? "")), limit: 300)
            .contains { $0.number == OrderNumber(orders[12].orderNumber) })
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
