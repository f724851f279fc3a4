import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore

@Suite("Printed documents: recorded per order and copy, journalled, shown on the grid's row")
struct PrintedSlipsTests {
    let directory = TemporaryDirectory()

    @Test("each print is a copy more of its kind; the journal says 再発行 from the second; the row lists each kind printed once, in the order first printed; an order never printed has none")
    func recordAndRow() throws {
        let orders = (1...3).map { OrderFixtures.order($0) }
        let store = try OrderStore(path: directory.file("slips.sqlite"), operatorName: "suzuki")
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        let (first, second) = (orders[0].number, orders[1].number)
        try store.recordPrintedSlips(.deliveryNote, copies: [first: 1, second: 1], destination: "/tmp/a.pdf")
        try store.recordPrintedSlips(.receipt, copies: [first: 1], destination: "/tmp/b.pdf", addressee: [first: "株式会社テスト"], purpose: "お品代として")
        try store.recordPrintedSlips(.deliveryNote, copies: [first: 2], destination: "/tmp/c.pdf")

        #expect(try store.printedCopies(.deliveryNote, of: orders.map(\.number)) == [first: 2, second: 1])
        #expect(try store.printedSlips(of: first).map { "\($0.kind.rawValue) \($0.copy) \($0.addressee ?? "-")" }
            == ["delivery-note 1 -", "receipt 1 株式会社テスト", "delivery-note 2 -"])
        #expect(try store.journal(of: first).filter { $0.action == ActionID.printSlips.rawValue }.map(\.after) == ["納品書", "納品書（再発行・2回目）"])
        let rows = Dictionary(uniqueKeysWithValues: try store.page(GridFilter(), limit: 10).map { ($0.number, $0.printedSlips) })
        #expect(rows[first] == [.deliveryNote, .receipt])
        #expect(rows[second] == [.deliveryNote])
        #expect(rows[orders[2].number] == [])
    }
}
