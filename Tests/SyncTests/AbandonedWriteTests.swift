import Foundation
import GRDB
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// A process that dies between recording a write and hearing RMS's answer leaves the intent
/// 'sending': whatever its kind, it is settled by reading the order from RMS before anything else
/// is sent for it, both when the request reached RMS and when it did not.
@Suite("Writes left unsettled by a dead process: confirm, cancel and edit push")
struct AbandonedWriteTests {
    /// `user@host:pid` of a process of this host that has ended.
    func deadProcess() throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/true")
        try process.run()
        process.waitUntilExit()
        return "\(OperatorIdentity.current)@\(OperatorIdentity.host):\(process.processIdentifier)"
    }

    /// Marks `intents` sent by their (dead) sender longer ago than any write may still arrive
    /// (``SyncService/inFlightGrace``, ``SyncService/asyncGrace``): a request no longer on its way.
    static func sentLongAgo(_ intents: [Int64], in fetched: FetchedSandbox) throws {
        _ = try fetched.store.markSending(intents)
        let earlier = Int64(max(fetched.service.inFlightGrace, fetched.service.asyncGrace)) + 1
        try DatabaseQueue(path: fetched.store.path).write { db in
            for id in intents { try db.execute(sql: "UPDATE outbox SET sent_at = sent_at - ? WHERE id = ?", arguments: [earlier, id]) }
        }
    }

    func start() async throws -> FetchedSandbox {
        try await FetchedSandbox.start(orders: 30) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
            $0.secondsUntilCancelled = 0
        }
    }

    /// Claims `action` for `number` as a process that then died, marked sending; `reached` says
    /// whether its request got to RMS before it died.
    func abandon(_ action: some BulkAction, _ number: OrderNumber, in fetched: FetchedSandbox, reached: () async throws -> Void) async throws {
        let applied = try fetched.store.apply(action, to: [number], claimedBy: try deadProcess())
        let intent = try #require(applied.intents[number])
        try Self.sentLongAgo([intent], in: fetched)
        try await reached()
        #expect(try fetched.store.unresolvedIntents().map(\.intent) == [intent])
    }

    func requests(to function: String, in fetched: FetchedSandbox) async throws -> Int {
        let (_, body) = try await fetched.sandbox.admin("stats", method: "GET")
        let stats = try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any]
        return (stats?["requests"] as? [String: Int])?[function] ?? 0
    }

    @Test("a cancellation: applied at RMS is settled done; not applied, the local status comes back and it can be sent again", arguments: [true, false])
    func cancel(reached: Bool) async throws {
        let fetched = try await start()
        let row = try #require(try fetched.store.page(GridFilter(localStatus: .newOrder), limit: 100).first)
        try await abandon(try CancelAction(reasonCode: 8), row.number, in: fetched) {
            if reached { _ = try await fetched.sandbox.client.cancelOrder(CancelOrderRequest(orderNumber: row.number.rawValue, changeReasonDetailApply: 8)) }
        }
        try await fetched.service.settleUnclearWrites()
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        let order = try #require(try fetched.store.order(row.number))
        if reached {
            #expect(order.rmsProgress.isCancelling && order.localStatus == .cancelled)
        } else {
            #expect(order.localStatus == .newOrder, "the cancellation did not happen")
            let again = try await fetched.service.run(.cancel(reasonCode: 8), on: [row.number])
            #expect(again.lines.map(\.ok) == [true], "no longer blocked by the outbox: \(again.lines.map(\.message)) \(again.skipped)")
        }
        #expect(try await requests(to: "cancelOrder", in: fetched) == 1, "sent once in all")
        await fetched.stop()
    }

    @Test("an edit push: applied at RMS is settled done; not applied, the edit is 未反映 again and is pushed once more", arguments: [true, false])
    func push(reached: Bool) async throws {
        let fetched = try await start()
        let row = try #require(try fetched.editableRows().first)
        let order = try #require(try fetched.store.order(row.number))
        var edit = OrderEdit(of: order)
        edit.fees.shipping = .yen((order.fees.shipping.yen ?? 0) + 250)
        #expect(try fetched.store.save(edit, editing: order).isEmpty)
        let saved = try #require(try fetched.store.order(row.number))
        try await abandon(PushEditAction(), row.number, in: fetched) {
            guard reached else { return }
            let model = try #require(await fetched.sandbox.server.order(row.number.rawValue))
            _ = try await fetched.sandbox.client.updateOrderSender(try UpdateOrderSenderRequest(pushing: saved, onto: model))
        }
        try await fetched.service.settleUnclearWrites()
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        let after = try #require(try fetched.store.order(row.number))
        if reached {
            #expect(after.pendingEdit == nil)
        } else {
            #expect(after.pendingEdit != nil, "RMS does not have it: to be pushed again")
            let again = try await fetched.service.run(.pushEdit, on: [row.number])
            #expect(again.lines.map(\.ok) == [true], "\(again.lines.map(\.message))")
        }
        let held = try #require(await fetched.sandbox.server.order(row.number.rawValue))
        #expect(held.postagePrice == (order.fees.shipping.yen ?? 0) + 250)
        #expect(try await requests(to: "updateOrderSender", in: fetched) == 1, "sent once in all")
        await fetched.stop()
    }

    @Test("a confirmation: applied at RMS is settled done, never sent twice; not applied, it is sent once", arguments: [true, false])
    func confirm(reached: Bool) async throws {
        let fetched = try await start()
        let row = try #require(try fetched.editableRows().first)
        try await abandon(ConfirmAction(), row.number, in: fetched) {
            if reached { _ = await fetched.sandbox.client.confirmOrder([row.number.rawValue]) }
        }
        let report = try await fetched.service.run(.confirm, on: [row.number])
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        #expect(report.lines.filter(\.ok).count == (reached ? 0 : 1), "\(report.lines.map(\.message)) \(report.skipped)")
        #expect(await fetched.sandbox.server.acceptedConfirmations()[row.number.rawValue] == 1)
        await fetched.stop()
    }

    @Test("a request a dead sender left on its way moments ago is not read back yet: RMS may still apply it; nothing is sent again, and a command waits, then settles it done (found killing juchu ship under load)")
    func requestStillOnItsWay() async throws {
        let fetched = try await start()
        var configuration = fetched.service.client.configuration
        configuration.requestTimeoutSeconds = 2
        let service = SyncService(client: RakutenPayClient(configuration: configuration), store: fetched.store)
        let row = try #require(try fetched.editableRows().first)
        let applied = try fetched.store.apply(ConfirmAction(), to: [row.number], claimedBy: try deadProcess())
        _ = try fetched.store.markSending(Array(applied.intents.values))
        // RMS has not applied it yet: read now, it would look not done and go out twice.
        let report = try await service.run(.confirm, on: [row.number])
        #expect(report.lines.isEmpty && report.skipped.map(\.number) == [row.number], "\(report.lines.map(\.message))")
        #expect(try fetched.store.unresolvedIntents().count == 1, "still unsettled")
        #expect(await fetched.sandbox.server.acceptedConfirmations()[row.number.rawValue] == nil, "not sent again")
        // RMS gets to it now; a command waits out the grace and finds it done.
        _ = await fetched.sandbox.client.confirmOrder([row.number.rawValue])
        let waited = ContinuousClock.now
        try await service.settleUnclearWrites(waitingForInFlight: true)
        #expect(ContinuousClock.now - waited > .milliseconds(500), "it waited for the request's time to arrive")
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        #expect(try fetched.store.order(row.number)?.sync != .notSent)
        #expect(await fetched.sandbox.server.acceptedConfirmations()[row.number.rawValue] == 1, "once in all")
        await fetched.stop()
    }

    @Test("a send stopped before its calls (the desk quits, Esc) records the orders not sent as not sent: nothing reaches RMS, nothing stays blocked")
    func stoppedBeforeSending() async throws {
        let fetched = try await start()
        let numbers = try fetched.store.page(GridFilter(localStatus: .newOrder), limit: 3).map(\.number)
        let applied = try fetched.store.apply(try CancelAction(reasonCode: 8), to: numbers)
        #expect(applied.intents.count == 3)
        let gate = AsyncStream<Void>.makeStream()
        let sending = Task {
            for await _ in gate.stream {}
            return try await fetched.service.send(applied)
        }
        sending.cancel()
        gate.continuation.finish()
        let report = try await sending.value
        #expect(report.lines.count == 3 && report.lines.allSatisfy { !$0.ok && $0.message.contains("送信前に中止しました") }, "\(report.lines.map(\.message))")
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        #expect(try fetched.store.orders(numbers).allSatisfy { $0.localStatus == .newOrder })
        #expect(try await requests(to: "cancelOrder", in: fetched) == 0)
        let again = try await fetched.service.run(.cancel(reasonCode: 8), on: numbers)
        #expect(again.lines.filter(\.ok).count == 3, "\(again.lines.map(\.message)) \(again.skipped)")
        await fetched.stop()
    }
}
