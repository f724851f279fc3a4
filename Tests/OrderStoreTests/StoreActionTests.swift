import Foundation
import GRDB
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore

@Suite("Actions through the store: applied, journalled, undone")
struct StoreActionTests {
    let directory = TemporaryDirectory()

    func store(_ orders: [Order]) throws -> OrderStore {
        let store = try OrderStore(path: directory.file("actions.sqlite"), operatorName: "suzuki")
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        return store
    }

    @Test("a status change is applied, journalled field by field, and undone exactly")
    func statusRoundTrip() throws {
        let orders = (1...3).map { OrderFixtures.order($0) }
        let store = try store(orders)
        let applied = try store.apply(ChangeStatusAction(to: .awaitingPayment), to: orders.map(\.number))
        #expect(applied.plan.changes.count == 3)
        #expect(try store.orders(orders.map(\.number)).allSatisfy { $0.localStatus == .awaitingPayment })
        #expect(try store.countsByStatus() == [.awaitingPayment: 3])
        let entries = try store.journal(of: orders[0].number).filter { $0.batchID == applied.batchID }
        #expect(entries.map { "\($0.field) \($0.before)→\($0.after)" } == ["受注ステータス 新規受付→入金待ち"])
        #expect(entries.allSatisfy { $0.undoable && $0.operatorName == "suzuki" })
        #expect(try store.undoableBatches().first?.batchID == applied.batchID)

        let undone = try store.undo(batch: applied.batchID)
        #expect(undone.restored.count == 3 && undone.conflicts.isEmpty)
        #expect(try store.orders(orders.map(\.number)) == orders)
        #expect(try store.countsByStatus() == [.newOrder: 3])
        #expect(try store.undo(batch: applied.batchID).restored.isEmpty, "a batch is undone once")
        directory.remove()
    }

    @Test("undo leaves a field changed again since, and says so")
    func undoConflict() throws {
        let orders = (1...2).map { OrderFixtures.order($0) }
        let store = try store(orders)
        let first = try store.apply(ChangeStatusAction(to: .awaitingPayment), to: orders.map(\.number))
        _ = try store.apply(ChangeStatusAction(to: .onHold), to: [orders[0].number])
        let undone = try store.undo(batch: first.batchID)
        #expect(undone.restored == [orders[1].number])
        #expect(undone.conflicts.map(\.number) == [orders[0].number])
        #expect(try store.order(orders[0].number)?.localStatus == .onHold)
        directory.remove()
    }

    @Test("dates, fees, flags and carrier are kept and read back; all undoable")
    func localFields() throws {
        let orders = (1...2).map { OrderFixtures.order($0) }
        let store = try store(orders)
        let numbers = orders.map(\.number)
        let batches = [
            try store.apply(try WriteDateAction(.shipmentDate, text: "2026-11-25", mode: .overwrite), to: numbers),
            try store.apply(try WriteFeeAction(.paymentCharge, text: "330"), to: numbers),
            try store.apply(try FlagAction(OrderFlag.mailDelivery, set: true), to: numbers),
            try store.apply(try SetCarrierAction(Carrier(code: "1002")), to: numbers),
        ]
        let read = try #require(try store.order(orders[0].number))
        #expect(read.dates[.shipmentDate]?.description == "2026-11-25")
        #expect(read.fees.paymentCharge == .yen(330))
        #expect(read.flags == ["メール便"])
        #expect(read.carrier?.name == "佐川急便")
        #expect(try store.page(GridFilter(), limit: 10).first?.grandTotal == .yen(3980 + 800 + 330))
        for batch in batches.reversed() { try store.undo(batch: batch.batchID) }
        #expect(try store.orders(numbers) == orders)
        directory.remove()
    }

    @Test("duplicating a phone order makes a new order with its own number")
    func duplicate() throws {
        let phone = OrderFixtures.order(1, origin: .enteredByHand(.phone), sync: .localOnly)
        let store = try store([phone, OrderFixtures.order(2)])
        let applied = try store.apply(DuplicateAction(), to: [phone.number, OrderFixtures.order(2).number])
        #expect(applied.plan.skips.map(\.reason) == [.notEnteredByHand])
        let copy = try #require(applied.created.first)
        #expect(copy.number.rawValue.hasPrefix("398211-") && copy.number.rawValue.contains("-M000001"))
        #expect(try store.order(copy.number)?.packages == phone.packages)
        let second = try store.apply(DuplicateAction(), to: [phone.number])
        #expect(second.created.first?.number.rawValue.hasSuffix("M000002") == true)
        directory.remove()
    }

    @Test("unbundling one order of a bundle unbundles the whole bundle")
    func unbundleWidens() throws {
        let a = OrderFixtures.confirmed(1)
        let b = OrderFixtures.confirmed(2)
        let store = try store([a, b])
        let bundled = try store.apply(BundleAction(), to: [a.number, b.number])
        #expect(bundled.plan.changes.count == 2)
        let unbundled = try store.apply(UnbundleAction(), to: [a.number])
        #expect(Set(unbundled.plan.changes.map(\.number)) == [a.number, b.number])
        #expect(try store.orders([a.number, b.number]).allSatisfy { $0.bundleID == nil })
        directory.remove()
    }

    @Test("what went to RMS is journalled as not undoable")
    func confirmNotUndoable() throws {
        let order = OrderFixtures.order(1)
        let store = try store([order])
        let applied = try store.apply(ConfirmAction(), to: [order.number])
        #expect(applied.intents.count == 1)
        #expect(try store.journal(of: order.number).last?.undoable == false)
        #expect(try store.undoableBatches().isEmpty)
        #expect(try store.undo(batch: applied.batchID).restored.isEmpty)
        directory.remove()
    }

    @Test("a write that fails half-way leaves every order as it was and says what failed")
    func atomic() throws {
        let orders = (1...3).map { OrderFixtures.order($0) }
        let store = try store(orders)
        // Another tool's trigger refuses the change of one order.
        try DatabaseQueue(path: directory.file("actions.sqlite")).write { db in
            try db.execute(sql: """
                CREATE TRIGGER refuse_third BEFORE UPDATE ON orders WHEN NEW.order_number = '\(orders[2].number)'
                BEGIN SELECT RAISE(ABORT, 'この注文は変更できません'); END
                """)
        }
        #expect { try store.apply(ChangeStatusAction(to: .onHold), to: orders.map(\.number)) } throws: { error in
            "\(error)".contains("受注ステータスを「保留」に変更する") && "\(error)".contains("この注文は変更できません")
                && "\(error)".contains("変更は保存されていません")
        }
        #expect(try store.orders(orders.map(\.number)) == orders)
        #expect(try store.countsByStatus() == [.newOrder: 3])
        directory.remove()
    }
}

extension StoreActionTests {
    @Test("two desks: a bulk change on an order the other desk changed after the preview is refused for that order, with the reason; the rest are applied")
    func changedSincePreview() throws {
        let orders = (1...3).map { OrderFixtures.order($0) }
        let deskA = try store(orders)
        let deskB = try OrderStore(path: directory.file("actions.sqlite"), operatorName: "tanaka")
        // Desk A previews 入金待ち for all three, and writes a fee on them.
        let numbers = orders.map(\.number)
        let preview = PlanPreview(ChangeStatusAction(to: .awaitingPayment).plan(try deskA.orders(numbers)))
        let feePreview = PlanPreview(try WriteFeeAction(.shipping, text: "550").plan(try deskA.orders(numbers)))
        // Meanwhile desk B puts the second on hold and writes another fee on the third.
        _ = try deskB.apply(ChangeStatusAction(to: .onHold), to: [numbers[1]])
        _ = try deskB.apply(try WriteFeeAction(.shipping, text: "990"), to: [numbers[2]])
        let previewed = Dictionary(uniqueKeysWithValues: preview.changes.map { ($0.number, $0.fields) })
        let applied = try deskA.apply(ChangeStatusAction(to: .awaitingPayment), to: numbers, previewed: previewed)
        #expect(applied.plan.changes.map(\.number) == [numbers[0], numbers[2]])
        #expect(applied.plan.skips.map(\.number) == [numbers[1]])
        #expect(applied.plan.skips.first?.reason.text.contains("プレビューの後に他の操作・他の端末で変更されました（受注ステータス 現在 保留）") == true)
        #expect(try deskA.order(numbers[1])?.localStatus == .onHold, "desk B's change stands")
        let feesPreviewed = Dictionary(uniqueKeysWithValues: feePreview.changes.map { ($0.number, $0.fields) })
        let fees = try deskA.apply(try WriteFeeAction(.shipping, text: "550"), to: numbers, previewed: feesPreviewed)
        #expect(fees.plan.skips.map(\.number) == [numbers[2]])
        #expect(try deskA.order(numbers[2])?.fees.shipping == .yen(990))
        // Without a preview to hold to (a script), the change is decided on the order as it is.
        #expect(try deskA.apply(ChangeStatusAction(to: .awaitingPayment), to: [numbers[1]]).plan.changes.count == 1)
        directory.remove()
    }
}

extension StoreActionTests {
    @Test("直前の一括処理を取り消す offers a desk its own batches only: the same OS user's other desk is another desk")
    func ownBatches() throws {
        let orders = (1...2).map { OrderFixtures.order($0) }
        let deskA = try store(orders)
        let deskB = try OrderStore(path: directory.file("actions.sqlite"), operatorName: "suzuki", deskID: "suzuki@host:2")
        let byA = try deskA.apply(ChangeStatusAction(to: .awaitingPayment), to: [orders[0].number])
        let byB = try deskB.apply(ChangeStatusAction(to: .onHold), to: [orders[1].number])
        #expect(try deskA.undoableBatches(ofDesk: deskA.deskID).map(\.batchID) == [byA.batchID])
        #expect(try deskB.undoableBatches(ofDesk: deskB.deskID).map(\.batchID) == [byB.batchID])
        var edit = OrderEdit(of: try #require(try deskB.order(orders[0].number)))
        edit.fees.shipping = .yen(900)
        #expect(try deskB.save(edit, editing: try #require(try deskB.order(orders[0].number))).isEmpty)
        #expect(try deskB.undoableBatches(ofDesk: deskB.deskID).count == 2, "an edit is the desk's batch too")
        #expect(try deskA.undoableBatches(ofDesk: deskA.deskID).map(\.batchID) == [byA.batchID])
        directory.remove()
    }

    @Test("a write of a kind this version does not know, left unclear in the outbox, is an error that names it, not passed over")
    func unknownWriteKind() throws {
        let order = OrderFixtures.order(1)
        let store = try store([order])
        try DatabaseQueue(path: directory.file("actions.sqlite")).write { db in
            try db.execute(sql: """
                INSERT INTO outbox (kind, order_number, state, operator, claimed_by, created_at)
                VALUES ('fax', ?, 'unknown', 'suzuki', 'suzuki@elsewhere:1', 0)
                """, arguments: [order.number.rawValue])
        }
        #expect { try store.unresolvedIntents() } throws: { "\($0)".contains("「fax」はこの版のjuchuでは扱えません") }
    }

    @Test("an answer RMS gave is recorded by the write's own rule: a refused cancellation puts the status back from the journal")
    func refusedCancellationRestores() throws {
        let order = OrderFixtures.order(1, progress: .awaitingShipment, sync: .rakutenDone)
        let store = try store([order])
        let applied = try store.apply(try CancelAction(reasonCode: 8), to: [order.number])
        let intent = try #require(applied.intents[order.number])
        #expect(try store.order(order.number)?.localStatus == .cancelled)
        try store.recordOutcomes(.cancel, [.init(intent: intent, number: order.number, outcome: .failed(.rejected, detail: "ERROR_102"))])
        let after = try #require(try store.order(order.number))
        #expect(after.localStatus == .newOrder && after.sync == .failed(.rejected, detail: "ERROR_102"))
        #expect(try store.journal(of: order.number).last?.action == JournalEvent.cancelResult.rawValue)
        #expect(try store.unresolvedIntents().isEmpty)
    }
}
