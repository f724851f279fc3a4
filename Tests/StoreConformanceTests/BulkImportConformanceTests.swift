import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// Whole getOrder answers imported on each backend as the benchmarks' stores and a fetch bring
/// them in: decoded on other threads, written in parts.
@Suite("Conformance: bulk import of getOrder answers on each backend", .serialized)
struct BulkImportConformanceTests {
    /// `count` generated orders, 100 to an answer as RMS sends them.
    private func answers(count: Int, seed: UInt64) throws -> (orders: [OrderModel], bodies: [Data]) {
        var generator = OrderGenerator(seed: seed, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: count, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        let bodies = try orders.chunked(into: 100).map { try JSONEncoder().encode(GetOrderResponse(messages: [], orders: $0, version: 10)) }
        return (orders, bodies)
    }

    @Test("every order arrives once, in order of the answers, with RMS's exact bytes; a second import adds nothing", arguments: StoreBackend.available)
    func everyOrderOnce(_ backend: StoreBackend) throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try scratch.open()
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
            #expect(try store.orders([OrderNumber(model.orderNumber)], content: true).first?.number.rawValue == model.orderNumber)
        }
        let again = try OrderImport.importBodies(bodies, into: store, perTransaction: 5)
        #expect(again == OrderStore.ImportSummary(inserted: 0, alreadyPresent: 2_350))
    }

    @Test("values of every size are stored exactly: an order of 80,000 bytes of item name, empty names; found by its words", arguments: StoreBackend.available)
    func everySize(_ backend: StoreBackend) throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let store = try scratch.open()
        var generator = OrderGenerator(seed: 8, settings: .init(shopID: "398211"))
        var orders = generator.orders(count: 300, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        // 80,000 bytes of item name: the order's JSON and its search document outgrow SQLite's
        // arena for bound values, and PostgreSQL keeps them out of line.
        orders[10].packageModelList[0].itemModelList[0].itemName = "特大" + String(repeating: "あいう", count: 8_900) + "末尾の商品"
        orders[11].ordererModel.firstName = ""
        orders[11].ordererModel.familyNameKana = ""
        let bodies = try orders.chunked(into: 100).map { try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: $0, version: 10)) }
        try OrderImport.importBodies(bodies, into: store, perTransaction: 1)
        for index in [9, 10, 11, 12] {
            let number = OrderNumber(orders[index].orderNumber)
            let raw = try #require(try store.rawJSON(of: number))
            #expect(String(decoding: bodies[0], as: UTF8.self).contains(String(decoding: raw, as: UTF8.self)))
            #expect(try store.orders([number], content: true).first == Order(rakuten: orders[index], localStatus: .newOrder))
            #expect(try store.journal(of: number).map(\.action) == ["fetch"])
        }
        #expect(try store.page(GridFilter(search: "末尾の商品"), after: nil, limit: 10).map(\.number) == [OrderNumber(orders[10].orderNumber)])
        #expect(try store.page(GridFilter(search: orders[12].ordererModel.familyName + (orders[12].ordererModel.firstName ?? "")), after: nil, limit: 300)
            .contains { $0.number == OrderNumber(orders[12].orderNumber) })
    }
}
