import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore

/// 受注を登録 on each backend: numbers of its own, given once across desks and hosts.
@Suite("Conformance: orders entered by hand on each backend", .serialized)
struct HandOrderConformanceTests {
    @Test("two desks (on PostgreSQL, two hosts) entering 15 phone orders each at once: 30 numbers of the day, M000001 to M000030, none twice; each order read back as entered, its arrival journalled once; a Rakuten order is refused and nothing stored", arguments: StoreBackend.available)
    func numberedOnce(_ backend: StoreBackend) async throws {
        let scratch = try ScratchStore(backend)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let phoned = {
            var order = OrderFixtures.order(1, origin: .enteredByHand(.phone), sync: .localOnly)
            order.number = OrderNumber("")
            return order
        }()
        let desks = ["taro@desk-a:100", "hanako@desk-b:200"]
        let entered = try await withThrowingTaskGroup(of: [Order].self) { group in
            for desk in desks {
                group.addTask {
                    try await offPool {
                        let store = try scratch.open(operatorName: desk, deskID: desk)
                        return try (0..<15).map { _ in try store.enter(phoned, shopID: "398211") }
                    }
                }
            }
            return try await group.reduce([], +)
        }
        let store = try scratch.open()
        let day = CalendarDate(japanDayOf: JapanTime(Date())).description.replacingOccurrences(of: "-", with: "")
        #expect(entered.map(\.number.rawValue).sorted() == (1...30).map { String(format: "398211-\(day)-M%06d", $0) })
        for order in entered {
            #expect(try store.order(order.number) == order)
            let journal = try store.journal(of: order.number)
            #expect(journal.count == 1 && journal[0].action == "enter-order" && desks.contains(journal[0].operatorName))
        }
        #expect(try store.countsByStatus() == [.newOrder: 30])

        #expect(throws: StoreError.self) { try store.enter(OrderFixtures.order(2), shopID: "398211") }
        #expect(try store.countsByStatus() == [.newOrder: 30])
    }
}
