import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// A day of the shop's work made alike on a SQLite store and a PostgreSQL one, from the same
/// orders (``ImportingConformanceTests/incoming()``), by the same operator and desk, on the same clock.
enum ConformanceDay {
    static let operatorName = "受注 太郎"
    static let desk = "taro@desk-a:100"

    /// Runs `day` on each store and records each step that answered otherwise; expects each of
    /// `said` in SQLite's answers (the day did what it says); then compares the orders, the
    /// counts, the grid and every table (`nonEmpty` must hold rows). Returns SQLite's answers.
    @discardableResult
    static func compare(
        saying said: [String], nonEmpty: Set<String>, _ day: (any ShopStore, [OrderNumber]) throws -> [String]
    ) throws -> [String] {
        let incoming = try ImportingConformanceTests.incoming()
        let directory = TemporaryDirectory("juchu-day")
        defer { directory.remove() }
        let path = directory.file("shop.sqlite")
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        var sqlite: OrderStore? = try OrderStore(path: path, operatorName: operatorName, deskID: desk, now: ImportingConformanceTests.clock)
        let postgres = try PostgresStore(location: scratch.location!, operatorName: operatorName, deskID: desk, now: ImportingConformanceTests.clock)
        _ = try sqlite!.importOrders(incoming, action: .action(.fetch))
        _ = try postgres.importOrders(incoming, action: .action(.fetch))

        let numbers = incoming.map(\.order.number)
        let expected = try day(sqlite!, numbers)
        let found = try day(postgres, numbers)
        #expect(found.count == expected.count)
        for (index, (one, other)) in zip(found, expected).enumerated() where one != other {
            Issue.record("手順 \(index + 1) が違います:\nPostgreSQL: \(one)\nSQLite:     \(other)")
        }
        let joined = expected.joined(separator: "\n")
        for word in said {
            #expect(joined.contains(word), "「\(word)」:\n\(joined)")
        }
        #expect(try postgres.orders(numbers, content: true) == sqlite!.orders(numbers, content: true))
        #expect(try postgres.countsByStatus() == sqlite!.countsByStatus())
        #expect(try postgres.page(GridFilter(), after: nil, limit: 1_000) == sqlite!.page(GridFilter(), after: nil, limit: 1_000))
        sqlite = nil
        try StoredTablesComparison.expectSame(sqlite: path, postgres: postgres, nonEmpty: nonEmpty)
        return expected
    }
}
