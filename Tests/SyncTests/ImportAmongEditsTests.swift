import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// The real workload of a desk's store: one long-lived process taking in fetched orders again and
/// again while its operator edits, changes statuses and undoes, and another process writes to
/// the same file. Every import must land whole, whatever ran on the connection before it.
@Suite("Imports among edits, undo and another process")
struct ImportAmongEditsTests {
    let directory = TemporaryDirectory()

    @Test("every fetched order arrives, with its exact JSON and its arrival journalled, whatever ran between imports")
    func importsAmongEdits() throws {
        defer { directory.remove() }
        let path = directory.file("desk.sqlite")
        let desk = try OrderStore(path: path, operatorName: "desk-a")
        // Another process on the same file: a connection pool of its own.
        let other = try OrderStore(path: path, operatorName: "desk-b")
        var generator = OrderGenerator(seed: 21, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: 600, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var imported: [OrderModel] = []
        for (round, part) in orders.chunked(into: 20).enumerated() {
            let body = try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: part, version: 10))
            let fetched = try RakutenPayClient.fetchedOrders(fromBody: body)
            // Half the rounds through the fetch's own import, half through the bulk import.
            if round.isMultiple(of: 2) {
                let summary = try desk.importOrders(OrderImport.incoming(fetched, localStatus: .newOrder))
                #expect(summary.inserted == part.count, "round \(round)")
            } else {
                let summary = try OrderImport.importBodies([body], into: desk, perTransaction: 1)
                #expect(summary.inserted == part.count, "round \(round)")
            }
            imported += part
            let numbers = part.map { OrderNumber($0.orderNumber) }
            // Between imports: a status change and its undo, an edit saved, a flag from the other process.
            let changed = try desk.apply(ChangeStatusAction(to: .onHold), to: Array(numbers.prefix(3)))
            if round % 3 == 0 { _ = try desk.undo(batch: changed.batchID) }
            if let editable = try desk.orders(numbers).first(where: { !$0.fees.shipping.isUnset && !$0.isBundled && $0.rmsProgress == .awaitingConfirmation }) {
                var edit = OrderEdit(of: editable)
                edit.fees.shipping = .yen((editable.fees.shipping.yen ?? 0) + 10)
                #expect(try desk.save(edit, editing: editable) == [], "round \(round)")
            }
            _ = try other.apply(try FlagAction("要確認", set: true), to: [numbers[5]])
            try other.mutate([numbers[6]], action: .action(.changeStatus), undoable: true) { order in
                var order = order
                order.memo = "ラウンド\(round)"
                return order
            }
        }
        #expect(try desk.countsByStatus().values.reduce(0, +) == imported.count)
        for model in imported {
            let number = OrderNumber(model.orderNumber)
            let raw = try #require(try desk.rawJSON(of: number), "\(number)")
            #expect(try JSONDecoder().decode(OrderModel.self, from: Data(raw)) == model)
            #expect(try desk.journal(of: number).contains { $0.action == "fetch" })
        }
    }
}
