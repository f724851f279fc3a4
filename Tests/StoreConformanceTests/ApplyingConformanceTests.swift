import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import OrderStore
@testable import OrderStorePostgres

/// The applying role on each backend: one day of actions, changes and undo made alike on a
/// SQLite store and on a PostgreSQL one answers alike at every step — the plan as applied, its
/// skips and claims, the orders made, the batches offered for undo and what an undo puts back —
/// and leaves every table the same, row for row.
@Suite("Conformance: actions, changes and undo on each backend", .serialized, .enabled(if: StoreBackend.serverURL != nil, "needs JUCHU_TEST_POSTGRESQL_URL"))
struct ApplyingConformanceTests {
    @Test("a day of actions on both: statuses, flags, fees against a preview another desk overtook, confirmations and cancellations claimed once, mails sent again, duplicates, a bundle and its unbundling, details of RMS's and hand orders, undo with conflicts")
    func sameDay() throws {
        try ConformanceDay.compare(
            saying: ["changedSincePreview", "confirmInFlight", "intents 37", "created 2", "bundle changes 2", "unbundle changes 2", "conflicts 1",
                     "twice [300, 300]", "members ", "gathered まとめ2,まとめ2,まとめ2,まとめ1,まとめ1"],
            nonEmpty: ["orders", "order_content", "journal", "batch_desks", "outbox", "status_counts"]) { store, numbers in
            try Self.day(on: store, numbers: numbers)
        }
    }

    @Test("two desks on two hosts at once, over the same orders in opposite orders and in parts, each setting its own flag and confirming: no change lost (every order has both flags), each order claimed once, its confirmation in the outbox once and journalled once")
    func concurrentDesks() async throws {
        let incoming = try ImportingConformanceTests.incoming()
        let scratch = try ScratchStore(.postgresql)
        defer { #expect(throws: Never.self) { try scratch.remove() } }
        let location = try #require(scratch.location)
        _ = try PostgresStore(location: location).importOrders(incoming, action: .action(.fetch))
        let numbers = incoming.map(\.order.number)
        let desks = [("taro@desk-a:100", "確認A", numbers), ("hanako@desk-b:200", "確認B", Array(numbers.reversed()))]
        let intents = try await withThrowingTaskGroup(of: Int.self) { group in
            for (desk, flag, chosen) in desks {
                group.addTask {
                    try await offPool {
                        let store = try PostgresStore(location: location, operatorName: desk, deskID: desk)
                        var claimed = 0
                        for start in stride(from: 0, to: chosen.count, by: 25) {
                            let part = Array(chosen[start..<min(chosen.count, start + 25)])
                            // Each reads the orders, then writes them: another desk's change in between must not be lost.
                            _ = try store.apply(try FlagAction(flag, set: true), to: part, claimedBy: desk)
                            claimed += try store.apply(ConfirmAction(), to: part, claimedBy: desk).intents.count
                        }
                        return claimed
                    }
                }
            }
            return try await group.reduce(0, +)
        }
        let postgres = try PostgresStore(location: location)
        let orders = try postgres.orders(numbers, content: false)
        #expect(orders.count == 300)
        let lost = orders.filter { !$0.flags.isSuperset(of: ["確認A", "確認B"]) }
        #expect(lost.isEmpty, "チェック項目が失われた注文: \(lost.prefix(5).map(\.number.rawValue))")
        let (rows, distinct) = try postgres.session.query("SELECT count(*), count(DISTINCT order_number) FROM outbox WHERE kind = 'confirm'").first!.decode((Int64, Int64).self)
        #expect(intents > 200 && Int64(intents) == rows && rows == distinct)
        let journalled = try postgres.session.query("""
            SELECT count(*), count(DISTINCT order_number) FROM journal WHERE action = 'confirm' AND field = 'sync'
            """).first!.decode((Int64, Int64).self)
        #expect(journalled == (rows, rows))
        #expect(try postgres.countsByStatus().values.reduce(0, +) == 300)
    }

    /// The day's steps on one store, each said as a line: what it applied, skipped, claimed and made.
    static func day(on store: some ShopStore, numbers: [OrderNumber]) throws -> [String] {
        var said: [String] = []
        func apply(_ action: some BulkAction, _ chosen: [OrderNumber], claimedBy process: String = "taro@desk-a:100",
                   previewed: [OrderNumber: [FieldChange]]? = nil) throws -> OrderStore.Applied {
            let applied = try store.apply(action, to: chosen, claimedBy: process, previewed: previewed)
            said.append(describe(applied, action.id.rawValue))
            return applied
        }
        let clock = ImportingConformanceTests.clock()

        // Statuses and flags, state only.
        let held = try apply(ChangeStatusAction(to: .awaitingPayment), Array(numbers[0..<40]))
        _ = try apply(try FlagAction(OrderFlag.mailDelivery, set: true), Array(numbers[20..<60]))
        // A fee against a preview: another desk changes two of the orders meanwhile.
        let feeAction = try WriteFeeAction(.shipping, text: "550")
        let preview = feeAction.plan(try store.orders(Array(numbers[60..<70]), content: true))
        let previewed = Dictionary(preview.changes.map { ($0.number, $0.fields) }, uniquingKeysWith: { first, _ in first })
        _ = try apply(ChangeStatusAction(to: .onHold), [numbers[61], numbers[62]])
        _ = try apply(try WriteFeeAction(.shipping, text: "660"), [numbers[63]])
        _ = try apply(feeAction, Array(numbers[60..<70]), previewed: previewed)
        // Confirmations: one claimed first by another desk's process, then all; again, none.
        let claimed = try store.writing("先取り") { db in
            try OrderStore.recordIntent(.confirm, for: numbers[105], by: "花子", claimedBy: "hanako@desk-b:200", at: clock, in: db)
        }
        said.append("claimed \(claimed.map { _ in "yes" } ?? "no")")
        _ = try apply(ConfirmAction(), Array(numbers[100..<141]))
        _ = try apply(ConfirmAction(), Array(numbers[130..<150]), claimedBy: "hanako@desk-b:200")
        _ = try apply(try CancelAction(reasonCode: CancelAction.reasons[0].code), Array(numbers[150..<155]))
        // Mails: sent, then sent again twice (each its own try).
        let mail = MailAction(template: "thanks", templateTitle: "サンクスメール", now: clock)
        _ = try apply(mail, Array(numbers[160..<170]))
        for _ in 0..<2 {
            _ = try apply(MailAction(template: "thanks", templateTitle: "サンクスメール", resend: true, now: clock), Array(numbers[160..<163]))
        }
        // Duplicates of a phone order: two numbers of the day, in turn.
        _ = try apply(DuplicateAction(), [numbers[260]])
        _ = try apply(DuplicateAction(), [numbers[260], numbers[268]])
        // Two hand orders made one recipient's, bundled, then unbundled by choosing one of them.
        let (first, second) = (numbers[276], numbers[284])
        let recipient = try #require(try store.orders([first], content: true).first)
        let moved = try store.mutate([second], action: .event(.edit), undoable: true) { order in
            var order = order
            order.orderer = recipient.orderer
            order.packages[0].destination = recipient.packages[0].destination
            order.fees = recipient.fees
            return order
        }
        said.append("mutate \(moved.changed.map(\.number.rawValue))")
        _ = try apply(BundleAction(), [first, second])
        if let bundle = try store.orders([first], content: false).first?.bundleID {
            said.append("members " + (try store.bundleMembers(bundle)).map { "\($0.number.rawValue)/\($0.requestPrice)" }.joined(separator: ","))
        }
        _ = try apply(UnbundleAction(), [second])
        // RMS's order's remarks and a flag changed by hand, in one change.
        let remarked = try store.mutate([numbers[200], numbers[201]], action: .event(.edit), undoable: true) { order in
            var order = order
            order.remarks = (order.remarks ?? "") + "\n電話あり: 12/8 午前指定"
            order.flags.insert("要確認")
            return order
        }
        said.append("mutate \(remarked.changed.map(\.number.rawValue))")

        // Every order changed twice in one transaction: the same rows updated again and more
        // journal lines than one of PostgreSQL's gathered statements holds.
        let twice = try store.writing("二度の変更") { db in
            try (1...2).map { round in
                try OrderStore.mutate(numbers, action: .event(.edit), undoable: false, operatorName: "受注 太郎", at: clock, in: db) { order in
                    var order = order
                    order.flags.insert("確認\(round)")
                    return order
                }.changed.count
            }
        }
        said.append("twice \(twice)")
        // Rows written without a read between them: more than one gathered statement holds, and
        // the same rows updated again (the later value stays).
        let flags = RowUpdate("orders", set: ["flags"], adding: ["revision"], where: "order_number")
        try store.writing("まとめた書き込み") { db in
            for number in numbers { try db.update(flags, [.text("\tまとめ1\t")], key: .text(number.rawValue)) }
            for number in numbers.prefix(3) { try db.update(flags, [.text("\tまとめ2\t")], key: .text(number.rawValue)) }
            for (index, number) in numbers.enumerated() {
                for round in 0..<2 {
                    try db.insert(OrderStore.journalLine, [
                        .text("gathered"), .integer(Int64(index)), .text("受注 太郎"), .text("edit"), .text(number.rawValue),
                        .text("flags"), .text("t:"), .text("t:\(round)"), .flag(false),
                    ])
                }
            }
        }
        said.append("gathered " + (try store.orders(Array(numbers.prefix(5)), content: false)).map { $0.flags.sorted().joined(separator: "+") }.joined(separator: ","))

        // Undo: the batches this desk may take back; the first status change, with one order moved since.
        let batches = try store.undoableBatches(ofDesk: "taro@desk-a:100")
        said.append("batches " + batches.map { "\($0.action)/\($0.operatorName)/\($0.orderCount)" }.joined(separator: ", "))
        _ = try apply(ChangeStatusAction(to: .shipped), [numbers[5]])
        let plan = try store.planUndo(batch: held.batchID, title: "取り消し")
        said.append("plan undo changes \(plan.changes.count) skips " + plan.skips.map { "\($0.number.rawValue):\($0.reason)" }.joined(separator: ","))
        let undone = try store.undo(batch: held.batchID)
        said.append("undo restored \(undone.restored.count) conflicts \(undone.conflicts.count) " + undone.keptBack.map { "\($0.number.rawValue):\($0.text)" }.joined(separator: ","))
        let again = try store.undo(batch: held.batchID)
        said.append("undo again restored \(again.restored.count) conflicts \(again.conflicts.count)")
        said.append("batches after " + (try store.undoableBatches(ofDesk: "taro@desk-a:100")).map { "\($0.action)/\($0.orderCount)" }.joined(separator: ", "))
        return said
    }

    /// An applied plan as one line: its changes field by field, its skips with their reasons, the
    /// orders claimed for RMS and those made.
    static func describe(_ applied: OrderStore.Applied, _ action: String) -> String {
        let changes = applied.plan.changes.map { change in
            change.number.rawValue + "[" + change.fields.map { "\($0.field.rawValue)=\($0.before.journalText)→\($0.after.journalText)" }.joined(separator: ";") + "]"
        }
        let skips = applied.plan.skips.map { "\($0.number.rawValue):\($0.reason)" }
        return "\(action) changes \(changes.count) \(changes.joined(separator: " ")) skips \(skips.joined(separator: " "))"
            + " intents \(applied.intents.count) \(applied.intents.keys.map(\.rawValue).sorted())"
            + " created \(applied.created.count) \(applied.created.map(\.number.rawValue))"
    }
}
