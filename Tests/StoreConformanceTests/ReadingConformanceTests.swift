import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// The reading role for whole orders on each backend: a store copied from SQLite to PostgreSQL
/// gives back every order as SQLite does — whole or by its state only — with its journal, after
/// the changes a shop's day makes (amounts, details, RMS's own changes, orders without RMS's JSON).
@Suite("Conformance: whole orders and their journal on each backend", .serialized, .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
struct ReadingConformanceTests {
    @Test("every order whole and by state only, and every order's journal, the same on both: after an amounts edit, a details edit, RMS's differing copy and an edit of a phone order")
    func sameOrders() throws {
        let directory = TemporaryDirectory("juchu-reading")
        defer { directory.remove() }
        let path = directory.file("shop.sqlite")
        var sqlite: OrderStore? = try OrderStore(path: path)
        let incoming = try ImportingConformanceTests.incoming()
        try sqlite!.importOrders(incoming, action: .action(.fetch))
        let numbers = incoming.map(\.order.number)

        // Items and fees changed here: kept beside RMS's JSON, pending for RMS.
        let first = try #require(try sqlite!.order(numbers[0]))
        var amounts = OrderEdit(of: first)
        amounts.fees.shipping = .yen((first.fees.shipping.yen ?? 0) + 300)
        amounts.lines[0][0].units += 1
        #expect(try sqlite!.save(amounts, editing: first).isEmpty)
        // The destination's address and 置き配 changed here: kept beside RMS's JSON.
        let second = try #require(try sqlite!.order(numbers[1]))
        let context = DetailEdit.Context(today: CalendarDate(year: 2026, month: 11, day: 20)!, deliveryMethods: [], subStatuses: [])
        _ = try sqlite!.save(DetailEdit([.sender(package: 0, .subAddress): "再配達先 2-2", .dropOffLocation(package: 0): "玄関前"]), editing: second, context: context).get()
        // RMS changed an order itself: its copy waits beside ours (差分あり).
        var model = try JSONIndexDecoder().decode(OrderModel.self, from: try #require(try sqlite!.rawJSON(of: numbers[2])))
        model.packageModelList[0].postagePrice = 1_234
        model.postagePrice = 1_234
        try sqlite!.recordRMSCopies([OrderStore.RMSCopy(model: model, rawJSON: Array(try OrderedJSONEncoder().encode(model)))], action: .action(.refreshRMSStatus))
        // A phone order's fees: its whole document changes.
        let phone = try #require(try sqlite!.order(numbers[260]))
        #expect(phone.origin == .enteredByHand(.phone))
        var phoneFees = OrderEdit(of: phone)
        phoneFees.fees.shipping = .yen(1_000)
        #expect(try sqlite!.save(phoneFees, editing: phone).isEmpty)
        sqlite = nil

        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let postgres = try PostgresStore(location: scratch.location!)
        _ = try postgres.copy(from: StoreExport(path: path, access: .ownerOnly))
        let store = try OrderStore(path: path)

        let asked = numbers.reversed() + [OrderNumber("398211-20990101-0000000000")]
        for content in [true, false] {
            let expected = try store.orders(asked, content: content)
            #expect(expected.count == 300)
            let found = try postgres.orders(asked, content: content)
            #expect(found.map(\.number) == expected.map(\.number), "content: \(content)")
            for (one, other) in zip(found, expected) where one != other {
                Issue.record("注文 \(other.number)（content: \(content)）が違います")
            }
        }
        // The changes are there to be read (the comparison is not of unchanged orders only).
        let read = try postgres.orders([numbers[0], numbers[1], numbers[2], numbers[260]], content: true)
        #expect(read[0].pendingEdit != nil && read[0].packages[0].items[0].units == first.packages[0].items[0].units + 1)
        #expect(read[1].packages[0].destination.subAddress == "再配達先 2-2")
        #expect(read[2].rmsDifference != nil)
        #expect(read[3].fees.shipping == .yen(1_000))
        var entries = 0
        for number in numbers {
            let journal = try store.journal(of: number)
            entries += journal.count
            #expect(try postgres.journal(of: number) == journal, "\(number)")
        }
        #expect(entries > 300)
    }
}
