import Foundation
import OrderEngine
import PostgresNIO
import RakutenPay
import RMSSandbox
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// The importing role on each backend: the same orders imported into SQLite and into PostgreSQL
/// leave the same rows in every table — the orders' columns, their content and RMS's exact bytes,
/// the journal's arrivals, the counts per status — and an order met again is never stored twice.
@Suite("Conformance: importing on each backend", .serialized, .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
struct ImportingConformanceTests {
    static let clock: @Sendable () -> Date = { Date(timeIntervalSince1970: 1_795_100_000.25) }

    /// 300 orders as a fetch brings them (RMS's exact JSON, one that cannot be read whole), and
    /// the exceptions a store holds: orders without JSON, typed by hand or from a CSV, in other
    /// statuses, with parcels, failed and in-flight writes.
    static func incoming() throws -> [OrderStore.Incoming] {
        var generator = OrderGenerator(seed: 41, settings: .init(shopID: "398211"))
        let models = generator.orders(count: 260, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var text = String(decoding: try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: models, version: 10)), as: UTF8.self)
        // The tenth order loses a field it must have: kept with RMS's bytes and what could be read.
        let tenth = try #require(text.range(of: "\"orderNumber\":\"\(models[9].orderNumber)\""))
        let field = try #require(text.range(of: "\"paymentCharge\":[^,}]*,?", options: .regularExpression, range: tenth.upperBound..<text.endIndex))
        text.replaceSubrange(field, with: "")
        let fetched = try RakutenPayClient.fetchedOrders(fromBody: Array(text.utf8))
        #expect(fetched.orders.count == 259 && fetched.failures.count == 1)
        var incoming = fetched.orders.map { OrderStore.Incoming(order: Order(rakuten: $0.model, localStatus: .newOrder), rawJSON: $0.rawJSON) }
        incoming += fetched.failures.compactMap { failure in
            failure.rawJSON.map {
                OrderStore.Incoming(order: Order(unreadable: failure, rawJSON: $0, localStatus: .newOrder, fetchedAt: clock()), rawJSON: $0)
            }
        }
        var others = generator.orders(count: 40, now: RakutenDateTime(epochSeconds: 1_795_050_000)).map { Order(rakuten: $0, localStatus: .newOrder) }
        for index in others.indices {
            switch index % 8 {
            case 0: others[index].origin = .enteredByHand(.phone)
            case 1: others[index].origin = .csvImport
            case 2: others[index].localStatus = .shipped
            case 3: others[index].parcels = [Parcel(basketID: 1, carrier: Carrier(code: "1001"), trackingNumber: "12345678\(index)", shippedOn: nil, report: .reported)]
            case 4: others[index].sync = .failed(.temporary, detail: "503 「混雑」")
            case 5: others[index].sync = .confirmSending
            case 6: others[index].remarks = "のし: 御歳暮\n名入れ \"山田\" 'quote' \\ {a,b} NULL"
            default: others[index].localStatus = .cancelled
            }
        }
        return incoming + others.map { OrderStore.Incoming(order: $0, rawJSON: nil) }
    }

    @Test("the same orders in three batches (overlapping, one met twice in a batch): the same summaries, and every table row for row the same on both; the grid, counts and RMS's bytes agree")
    func sameRows() throws {
        let incoming = try Self.incoming()
        #expect(incoming.count == 300)
        let directory = TemporaryDirectory("juchu-importing")
        defer { directory.remove() }
        let path = directory.file("shop.sqlite")
        var sqlite: OrderStore? = try OrderStore(path: path, operatorName: "受注 太郎", now: Self.clock)
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let postgres = try PostgresStore(location: scratch.location!, operatorName: "受注 太郎", now: Self.clock)

        let batches: [([OrderStore.Incoming], JournalKind)] = [
            (Array(incoming[0..<120]), .action(.fetch)),
            (Array(incoming[100..<260]) + [incoming[150], incoming[3]], .action(.fetch)),
            (Array(incoming[250...]), .event(.rmsWatch)),
        ]
        for (batch, action) in batches {
            let expected = try sqlite!.importOrders(batch, action: action)
            #expect(try postgres.importOrders(batch, action: action) == expected)
        }
        #expect(try sqlite!.importOrders(incoming, action: .action(.fetch)) == .init(inserted: 0, alreadyPresent: 300))
        #expect(try postgres.importOrders(incoming, action: .action(.fetch)) == .init(inserted: 0, alreadyPresent: 300))

        // What the desk reads.
        #expect(try postgres.page(GridFilter(), after: nil, limit: 1_000) == sqlite!.page(GridFilter(), after: nil, limit: 1_000))
        #expect(try postgres.countsByStatus() == sqlite!.countsByStatus())
        #expect(try postgres.countsByStatus().values.reduce(0, +) == 300)
        for item in [incoming[0], incoming[259], incoming[270]] {
            #expect(try postgres.rawJSON(of: item.order.number) == sqlite!.rawJSON(of: item.order.number))
        }
        #expect(try postgres.rawJSON(of: incoming[0].order.number) == incoming[0].values.rawJSON)
        #expect(try postgres.rawJSON(of: incoming[270].order.number) == nil)
        for word in ["御歳暮", String(incoming[30].order.orderer.familyName)] {
            let filter = GridFilter(search: word)
            #expect(try postgres.page(filter, after: nil, limit: 1_000) == sqlite!.page(filter, after: nil, limit: 1_000), "「\(word)」")
        }

        // Every table, row for row: what SQLite holds, read as a copy reads it, is what PostgreSQL holds.
        sqlite = nil
        let stored = try StoredTablesComparison.expectSame(
            sqlite: path, postgres: postgres, nonEmpty: ["orders", "order_content", "journal", "status_counts"])
        let documents = try StoreExport(path: path, access: .ownerOnly).read { reader in
            try reader.searchDocuments(of: (stored["orders"] ?? []).compactMap { if case .integer(let id) = $0[0] { id } else { nil } })
        }
        #expect(documents.count == 300)
        for row in try postgres.session.query("SELECT id, search_document, search_terms FROM orders") {
            let (id, document, terms) = try row.decode((Int64, String, [String]).self)
            #expect(document == documents[id], "order id \(id)")
            #expect(terms == SearchTerms.indexedTerms(document))
        }
    }

    @Test("two importers on PostgreSQL at once, meeting the same orders in opposite orders: no deadlock, each order stored once, the summaries add up, one arrival each")
    func concurrentImporters() async throws {
        let incoming = try Self.incoming()
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let location = try #require(scratch.location)
        _ = try PostgresStore(location: location)
        let summaries = try await withThrowingTaskGroup(of: OrderStore.ImportSummary.self) { group in
            // The second meets the orders in the other order: without the import lock, each would
            // wait on a row the other stored first (a deadlock, one import aborted).
            for (host, orders) in [("desk-a", incoming), ("desk-b", Array(incoming.reversed()))] {
                group.addTask {
                    try await offPool {
                        let store = try PostgresStore(location: location, operatorName: host)
                        var total = OrderStore.ImportSummary()
                        // Batches in turn, so that the two meet on the same orders.
                        for start in stride(from: 0, to: orders.count, by: 60) {
                            let part = try store.importOrders(Array(orders[start..<min(orders.count, start + 60)]), action: .action(.fetch))
                            total.inserted += part.inserted
                            total.alreadyPresent += part.alreadyPresent
                        }
                        return total
                    }
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(summaries.map(\.inserted).reduce(0, +) == 300)
        #expect(summaries.map(\.alreadyPresent).reduce(0, +) == 300)
        let postgres = try PostgresStore(location: location)
        #expect(try postgres.countsByStatus().values.reduce(0, +) == 300)
        let arrivals = try postgres.session.query("SELECT count(*), count(DISTINCT order_number) FROM journal").first!.decode((Int64, Int64).self)
        #expect(arrivals == (300, 300))
    }
}
