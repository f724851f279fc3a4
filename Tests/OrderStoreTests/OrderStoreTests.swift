import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

@Suite("The store: a real SQLite file")
struct OrderStoreTests {
    let directory = TemporaryDirectory()

    func makeStore(_ name: String = "orders.sqlite", operatorName: String = "tester") throws -> OrderStore {
        try OrderStore(path: directory.file(name), operatorName: operatorName)
    }

    /// Orders built by hand have no RMS JSON: the store keeps their whole content.
    func incoming(_ orders: [Order]) -> [OrderStore.Incoming] {
        orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) }
    }

    @Test("an order is imported once; a second fetch never overwrites local changes")
    func importOnce() throws {
        let store = try makeStore()
        let orders = (1...5).map { OrderFixtures.order($0) }
        #expect(try store.importOrders(incoming(orders)) == .init(inserted: 5, alreadyPresent: 0))
        try store.mutate([orders[0].number], action: .action(.changeStatus), undoable: true) { order in
            var order = order
            order.localStatus = .onHold
            return order
        }
        #expect(try store.importOrders(incoming(orders)) == .init(inserted: 0, alreadyPresent: 5))
        #expect(try store.order(orders[0].number)?.localStatus == .onHold)
        #expect(try store.order(orders[1].number) == orders[1])
        directory.remove()
    }

    @Test("pages come newest first, by keyset, without gaps or repeats")
    func keysetPages() throws {
        let store = try makeStore()
        let orders = (1...25).map { OrderFixtures.order($0) }
        try store.importOrders(incoming(orders))
        var seen: [OrderNumber] = []
        var key: GridKey?
        while true {
            let page = try store.page(GridFilter(localStatus: .newOrder), after: key, limit: 7)
            if page.isEmpty { break }
            seen += page.map(\.number)
            key = page.last?.key
        }
        #expect(seen == orders.reversed().map(\.number))
        #expect(try store.count(GridFilter(localStatus: .newOrder)) == 25)
        #expect(try store.page(GridFilter(localStatus: .onHold), limit: 10).isEmpty)
        directory.remove()
    }

    @Test("grid rows carry the unset fee and the bundle, read from columns")
    func rows() throws {
        let store = try makeStore()
        try store.importOrders(incoming([
            OrderFixtures.order(1, shipping: .unset), OrderFixtures.order(2, bundle: BundleID("B-1")),
        ]))
        let rows = try store.page(GridFilter(), limit: 10)
        #expect(rows.first { $0.number == OrderFixtures.order(1).number }?.isShippingFeeUnset == true)
        #expect(rows.first { $0.number == OrderFixtures.order(1).number }?.grandTotal == .unset)
        #expect(rows.first { $0.number == OrderFixtures.order(2).number }?.isBundled == true)
        directory.remove()
    }

    @Test("the journal holds exactly what changed: who, action, field, before, after")
    func journal() throws {
        let store = try makeStore(operatorName: "yamada")
        let order = OrderFixtures.order(1)
        try store.importOrders(incoming([order]))
        try store.mutate([order.number], action: .action(.changeStatus), undoable: true) { order in
            var order = order
            order.localStatus = .awaitingPayment
            order.fees.shipping = .yen(1200)
            return order
        }
        let entries = try store.journal(of: order.number)
        #expect(entries.map(\.action) == ["fetch", "change-status", "change-status"])
        #expect(entries.allSatisfy { $0.operatorName == "yamada" })
        #expect(entries[1].field == "受注ステータス" && entries[1].before == "新規受付" && entries[1].after == "入金待ち")
        #expect(entries[2].field == "送料" && entries[2].before == "800円" && entries[2].after == "1,200円")
        #expect(entries[1].batchID == entries[2].batchID)
        directory.remove()
    }

    @Test("a confirmation is claimed once: the outbox intent and 確認送信中 are written together")
    func claimOnce() throws {
        let store = try makeStore()
        let orders = [OrderFixtures.order(1), OrderFixtures.order(2, bundle: BundleID("B")), OrderFixtures.order(3, shipping: .unset)]
        try store.importOrders(incoming(orders))
        let first = try store.apply(ConfirmAction(), to: orders.map(\.number), claimedBy: "desk-1")
        #expect(first.plan.changes.map(\.number) == [orders[0].number])
        #expect(Set(first.plan.skips.map(\.reason)) == [.bundled, .shippingFeeUnset])
        #expect(first.intents.count == 1)
        #expect(try store.order(orders[0].number)?.sync == .confirmSending)
        let second = try store.apply(ConfirmAction(), to: [orders[0].number], claimedBy: "desk-2")
        #expect(second.plan.changes.isEmpty)
        #expect(second.plan.skips.map(\.reason) == [.confirmInFlight])
        directory.remove()
    }

    @Test("two stores on one file claiming overlapping selections at once: each order claimed exactly once")
    func concurrentClaims() async throws {
        let path = directory.file("shared.sqlite")
        let setup = try OrderStore(path: path, operatorName: "setup")
        let orders = (1...60).map { OrderFixtures.order($0) }
        try setup.importOrders(incoming(orders))
        let numbers = orders.map(\.number)
        let claims = try await withThrowingTaskGroup(of: [OrderNumber].self) { group in
            for desk in 0..<4 {
                group.addTask {
                    let store = try OrderStore(path: path, operatorName: "desk\(desk)")
                    var claimed: [OrderNumber] = []
                    // Overlapping halves, in different orders, claimed in small batches.
                    let mine = Array(numbers[(desk * 10)..<min(60, desk * 10 + 30)]).shuffled()
                    for batch in stride(from: 0, to: mine.count, by: 5) {
                        let claim = try store.apply(ConfirmAction(), to: Array(mine[batch..<min(mine.count, batch + 5)]), claimedBy: "desk\(desk)")
                        claimed += claim.plan.changes.map(\.number)
                    }
                    return claimed
                }
            }
            var all: [[OrderNumber]] = []
            for try await claimed in group { all.append(claimed) }
            return all
        }
        let flat = claims.flatMap { $0 }
        #expect(flat.count == Set(flat).count, "an order was claimed twice")
        #expect(Set(flat) == Set(numbers[0..<60]))
        directory.remove()
    }

    @Test("every desk on the file sees a change counter move when any order changes")
    func changeCounter() throws {
        let path = directory.file("counter.sqlite")
        let one = try OrderStore(path: path)
        let two = try OrderStore(path: path)
        let before = try two.changeCount()
        try one.importOrders(incoming([OrderFixtures.order(1)]))
        #expect(try two.changeCount() > before)
        directory.remove()
    }

    @Test("a file that is not a database is refused with its path, and left as it was")
    func notADatabase() throws {
        let path = directory.file("notes.sqlite")
        try Data("これはデータベースではありません".utf8).write(to: URL(fileURLWithPath: path))
        #expect { try OrderStore(path: path) } throws: { error in
            "\(error)".contains(path)
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == Data("これはデータベースではありません".utf8))
        directory.remove()
    }
}
