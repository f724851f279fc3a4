import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// 発送完了報告 through the outbox against the sandbox over HTTP: parcels entered per basket,
/// reported with updateOrderShippingAsync and its polled result, each once; RMS reaches 発送済
/// the day after the ship date.
@Suite("発送完了報告: parcels per basket to RMS, exactly once, 発送済 the next day")
struct ShippingReportTests {
    let today = CalendarDate(japanDayOf: JapanTime(Date()))

    func start(orders: Int = 30, shippingResultsAfter seconds: Double = 0) async throws -> FetchedSandbox {
        try await FetchedSandbox.start(orders: orders) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
            $0.secondsUntilShippingResults = seconds
        }
    }

    /// Confirms `count` orders and reads them back at RMS 発送待ち (300).
    func awaitingShipment(_ fetched: FetchedSandbox, count: Int) async throws -> [Order] {
        let numbers = Array(try fetched.editableRows().prefix(count).map(\.number))
        let confirmed = try await fetched.service.run(.confirm, on: numbers)
        #expect(confirmed.succeeded == numbers.count, "\(confirmed.lines.map(\.message))")
        try await fetched.service.refreshRMSStatus(numbers)
        let orders = try fetched.store.orders(numbers)
        #expect(orders.allSatisfy { $0.rmsProgress == .awaitingShipment })
        return orders
    }

    /// One parcel per basket, by hand.
    func addParcels(_ orders: [Order], in fetched: FetchedSandbox, from serial: Int = 0) throws {
        var serial = serial
        for order in orders {
            for package in order.packages {
                serial += 1
                _ = try fetched.store.addParcel(
                    to: order.number, basketID: package.basketID, carrier: Carrier(code: "1001"),
                    trackingNumber: ShippingNumbers.valid(serial), shippedOn: today)
            }
        }
    }

    @Test("each basket's parcel reaches RMS once; the order is 報告済 at 300, 出荷済み here, and 発送済 the next RMS day")
    func roundTrip() async throws {
        let fetched = try await start()
        let orders = try await awaitingShipment(fetched, count: 6)
        try addParcels(orders, in: fetched)
        let report = try await fetched.service.run(ShipReportAction(today: today), on: orders.map(\.number))
        #expect(report.succeeded == orders.count, "\(report.lines.map(\.message)) \(report.skipped)")
        #expect(report.lines.allSatisfy { $0.message == "報告済（発送済は翌日）" })
        let reported = try fetched.store.orders(orders.map(\.number))
        for order in reported {
            #expect(order.localStatus == .shipped)
            #expect(order.isReportedAwaitingShipped)
            #expect(order.parcels.allSatisfy { ($0.shippingDetailID ?? 0) >= 100_000_000_000 }, "RMS's 12-digit 発送明細ID read back")
            let held = try #require(await fetched.sandbox.server.order(order.number.rawValue))
            #expect(held.orderProgress == 300, "発送済 only the day after the ship date")
            for package in held.packageModelList {
                let rows = package.shippingModelList ?? []
                let parcel = try #require(order.parcels.first { $0.basketID == package.basketId })
                #expect(rows.count == 1)
                #expect(rows.first?.shippingNumber == parcel.trackingNumber && rows.first?.deliveryCompany == "1001")
                #expect(rows.first?.shippingDate == RakutenDate(parsing: today.description))
            }
        }
        let writes = await fetched.sandbox.server.acceptedWrites(.updateOrderShippingAsync)
        #expect(orders.allSatisfy { writes[$0.number.rawValue] == 1 }, "\(writes)")

        let again = try await fetched.service.run(ShipReportAction(today: today), on: orders.map(\.number))
        #expect(again.lines.isEmpty && again.skipped.allSatisfy { $0.reason == .alreadyReported })

        let (status, _) = try await fetched.sandbox.admin("clock", json: #"{"advanceSeconds": 86400}"#)
        #expect(status == 200)
        try await fetched.service.refreshRMSStatus(orders.map(\.number))
        #expect(try fetched.store.orders(orders.map(\.number)).allSatisfy { $0.rmsProgress == .shipped && !$0.isReportedAwaitingShipped })
        await fetched.stop()
    }

    @Test("refused here with the reason, nothing sent: a basket without a parcel, a parcel without its date, an order not at 発送待ち")
    func refusals() async throws {
        let fetched = try await start()
        let orders = try await awaitingShipment(fetched, count: 2)
        let unconfirmed = try #require(try fetched.editableRows().first { row in !orders.contains { $0.number == row.number } })
        let plan = ShipReportAction(today: today).plan(try fetched.store.orders(orders.map(\.number) + [unconfirmed.number]))
        #expect(plan.changes.isEmpty)
        #expect(plan.skips.map(\.reason).contains(.rmsProgressNot(expected: .awaitingShipment, actual: .awaitingConfirmation)))
        #expect(plan.skips.filter { if case .parcelMissing = $0.reason { true } else { false } }.count == 2)

        var undated = try #require(try fetched.store.order(orders[0].number))
        undated.parcels = [Parcel(basketID: undated.packages[0].basketID, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(1), shippedOn: nil)]
        undated.packages = [undated.packages[0]]
        #expect(ShipReportAction(today: today).plan([undated]).skips.first?.reason == .parcelIncomplete(["発送日"]))
        var future = undated
        future.parcels[0].shippedOn = CalendarDate(year: today.year + 1, month: 1, day: 1)
        #expect(ShipReportAction(today: today).plan([future]).skips.first?.reason == .shipDateInFuture(future.parcels[0].shippedOn!))

        #expect(throws: (any Error).self) {
            _ = try fetched.store.addParcel(to: orders[0].number, basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: "400000000001", shippedOn: today)
        }
        let report = try await fetched.service.run(ShipReportAction(today: today), on: orders.map(\.number))
        #expect(report.lines.isEmpty)
        #expect(await fetched.sandbox.server.acceptedWrites(.updateOrderShippingAsync).isEmpty)
        await fetched.stop()
    }

    @Test("a report left unclear by a dead process is settled by RMS's shipping rows: reported once in all, whether it reached RMS or not", arguments: [true, false])
    func abandoned(reached: Bool) async throws {
        let fetched = try await start()
        let orders = try await awaitingShipment(fetched, count: 3)
        try addParcels(orders, in: fetched)
        let dead = try AbandonedWriteTests().deadProcess()
        let applied = try fetched.store.apply(ShipReportAction(today: today), to: orders.map(\.number), claimedBy: dead)
        #expect(applied.intents.count == 3)
        try AbandonedWriteTests.sentLongAgo(Array(applied.intents.values), in: fetched)
        if reached {
            let sent = try fetched.store.orders(orders.map(\.number)).map(SyncService.shippingRequest)
            _ = try await fetched.sandbox.client.updateOrderShippingAsync(UpdateOrderShippingAsyncRequest(orderShippingModelList: sent))
        }
        let report = try await fetched.service.run(ShipReportAction(today: today), on: orders.map(\.number))
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        #expect(report.succeeded == (reached ? 0 : 3), "\(report.lines.map(\.message)) \(report.skipped)")
        let after = try fetched.store.orders(orders.map(\.number))
        #expect(after.allSatisfy { $0.parcels.allSatisfy { $0.report == .reported } })
        let writes = await fetched.sandbox.server.acceptedWrites(.updateOrderShippingAsync)
        #expect(orders.allSatisfy { writes[$0.number.rawValue] == 1 }, "once in all: \(writes)")
        for order in orders {
            let held = try #require(await fetched.sandbox.server.order(order.number.rawValue))
            #expect(held.packageModelList.allSatisfy { ($0.shippingModelList ?? []).count == 1 })
        }
        await fetched.stop()
    }

    @Test("a report RMS accepted (its requestId recorded) whose sender died is settled by RMS's result for that request, not by the orders: while RMS has no result it stays unsettled and nothing is sent again")
    func abandonedWithRequestID() async throws {
        let fetched = try await start(shippingResultsAfter: 3_600)
        let orders = try await awaitingShipment(fetched, count: 2)
        try addParcels(orders, in: fetched)
        let applied = try fetched.store.apply(ShipReportAction(today: today), to: orders.map(\.number), claimedBy: try AbandonedWriteTests().deadProcess())
        let intents = Array(applied.intents.values)
        _ = try fetched.store.markSending(intents)
        let sent = try fetched.store.orders(orders.map(\.number)).map(SyncService.shippingRequest)
        let answer = try await fetched.sandbox.client.updateOrderShippingAsync(UpdateOrderShippingAsyncRequest(orderShippingModelList: sent))
        let requestID = try #require(answer.messages.lazy.compactMap(\.requestId).first)
        try fetched.store.noteRequestID(requestID, for: intents)
        // RMS is still at it: no result yet, so it stays unsettled and is not reported again.
        try await fetched.service.settleUnclearWrites()
        #expect(try fetched.store.unresolvedIntents().count == 2)
        let again = try await fetched.service.run(ShipReportAction(today: today), on: orders.map(\.number))
        #expect(again.lines.isEmpty)
        // RMS has the result now: settled by it.
        await fetched.sandbox.server.advanceClock(seconds: 3_601)
        try await fetched.service.settleUnclearWrites()
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        #expect(try fetched.store.orders(orders.map(\.number)).allSatisfy { $0.parcels.allSatisfy { $0.report == .reported } })
        let writes = await fetched.sandbox.server.acceptedWrites(.updateOrderShippingAsync)
        #expect(orders.allSatisfy { writes[$0.number.rawValue] == 1 }, "once in all: \(writes)")
        await fetched.stop()
    }

    @Test("tracking numbers applied from a file leave out an order whose parcels another desk changed after the preview, and say so")
    func importAfterAnotherDesk() async throws {
        let fetched = try await start(orders: 10)
        let orders = try fetched.store.orders(try fetched.editableRows().prefix(2).map(\.number)).filter { $0.packages.count == 1 }
        let previewed = Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0.parcels) })
        let additions = orders.enumerated().map { index, order in
            (order: order.number, parcel: Parcel(basketID: order.packages[0].basketID, carrier: Carrier(code: "1001"),
                                                  trackingNumber: ShippingNumbers.valid(index + 1), shippedOn: today))
        }
        // Another desk enters a number on the first order meanwhile.
        _ = try fetched.store.addParcel(to: orders[0].number, basketID: nil, carrier: Carrier(code: "1001"),
                                        trackingNumber: ShippingNumbers.valid(99), shippedOn: today)
        let (_, leftOut) = try fetched.store.addParcels(additions, previewed: previewed)
        #expect(leftOut.map(\.0) == [orders[0].number] && leftOut[0].1.contains("照合の後に"))
        let after = try fetched.store.orders(orders.map(\.number))
        #expect(after[0].parcels.map(\.trackingNumber) == [ShippingNumbers.valid(99)])
        #expect(after[1].parcels.map(\.trackingNumber) == [ShippingNumbers.valid(2)])
        await fetched.stop()
    }

    @Test("the desk's 荷物番号の入力 saves its edits in one batch: two parcels to one basket reported to RMS; a form opened before another desk's change saves nothing; the correction it makes is sent by 発送明細ID")
    func handEntry() async throws {
        let fetched = try await start()
        let order = try #require(try await awaitingShipment(fetched, count: 3).first { $0.packages.count == 1 })
        let basket = order.packages[0].basketID
        let edits: [ParcelEdit] = [1, 2].map {
            .add(Parcel(basketID: basket, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(700 + $0), shippedOn: today))
        }
        let saved = try fetched.store.saveParcelEdits(edits, of: order.number, expected: order.parcels)
        #expect(saved.parcels.map(\.trackingNumber) == [ShippingNumbers.valid(701), ShippingNumbers.valid(702)])
        // A form opened on the order as it was: another desk saved meanwhile, so nothing is saved.
        #expect(throws: (any Error).self) {
            _ = try fetched.store.saveParcelEdits([.delete(trackingNumber: ShippingNumbers.valid(701))], of: order.number, expected: order.parcels)
        }
        #expect(try fetched.store.order(order.number)?.parcels.count == 2)
        let reported = try await fetched.service.run(ShipReportAction(today: today), on: [order.number])
        #expect(reported.succeeded == 1, "\(reported.lines.map(\.message))")
        var held = try #require(await fetched.sandbox.server.order(order.number.rawValue))
        #expect(held.packageModelList[0].shippingModelList?.map(\.shippingNumber) == [ShippingNumbers.valid(701), ShippingNumbers.valid(702)])

        let before = try #require(try fetched.store.order(order.number))
        let amended = try fetched.store.saveParcelEdits(
            [.amend(trackingNumber: ShippingNumbers.valid(702), carrier: nil, newNumber: ShippingNumbers.valid(703), shippedOn: nil)],
            of: order.number, expected: before.parcels)
        #expect(amended.parcels.map(\.report) == [.reported, .amended])
        let corrected = try await fetched.service.run(.shipCorrection, on: [order.number])
        #expect(corrected.succeeded == 1, "\(corrected.lines.map(\.message))")
        held = try #require(await fetched.sandbox.server.order(order.number.rawValue))
        #expect(held.packageModelList[0].shippingModelList?.map(\.shippingNumber) == [ShippingNumbers.valid(701), ShippingNumbers.valid(703)])
        #expect(held.packageModelList[0].shippingModelList?.map(\.shippingDetailId) == before.parcels.map(\.shippingDetailID))
        await fetched.stop()
    }

    @Test("a reported number corrected and another deleted, sent by their 発送明細ID as their own action: RMS holds the new number in the same row, the deleted one is gone; an unclear correction is settled by RMS's rows")
    func corrections() async throws {
        let fetched = try await start()
        let orders = try await awaitingShipment(fetched, count: 3).filter { $0.packages.count == 1 }
        try #require(orders.count >= 2)
        try addParcels(orders, in: fetched)
        let reported = try await fetched.service.run(ShipReportAction(today: today), on: orders.map(\.number))
        #expect(reported.succeeded == orders.count)
        let (a, b) = (orders[0].number, orders[1].number)
        let first = try #require(try fetched.store.order(a)?.parcels.first)
        let detailID = try #require(first.shippingDetailID)

        // A: the number was typed wrong. B: a second parcel is reported, then the first taken back.
        let corrected = ShippingNumbers.valid(500)
        let amended = try fetched.store.changeParcel(of: a, trackingNumber: first.trackingNumber!, newNumber: corrected)
        #expect(amended.parcels.map(\.report) == [.amended])
        let old = try #require(try fetched.store.order(b)?.parcels.first?.trackingNumber)
        _ = try fetched.store.addParcel(to: b, basketID: nil, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(501), shippedOn: today)
        #expect(try await fetched.service.run(ShipReportAction(today: today), on: [b]).succeeded == 1)
        _ = try fetched.store.changeParcel(of: b, trackingNumber: old, delete: true)
        #expect(ShipReportAction(today: today).plan(try fetched.store.orders([a])).skips.first?.reason == .alreadyReported)

        let sent = try await fetched.service.run(.shipCorrection, on: orders.map(\.number))
        #expect(sent.succeeded == 2, "\(sent.lines.map(\.message)) \(sent.skipped)")
        #expect(sent.skipped.map(\.reason) == Array(repeating: .noShippingCorrection, count: orders.count - 2))
        let heldA = try #require(await fetched.sandbox.server.order(a.rawValue))
        #expect(heldA.packageModelList[0].shippingModelList?.map(\.shippingDetailId) == [detailID])
        #expect(heldA.packageModelList[0].shippingModelList?.map(\.shippingNumber) == [corrected])
        let heldB = try #require(await fetched.sandbox.server.order(b.rawValue))
        #expect(heldB.packageModelList[0].shippingModelList?.map(\.shippingNumber) == [ShippingNumbers.valid(501)])
        #expect(try fetched.store.order(a)?.parcels.map(\.report) == [.reported])
        #expect(try fetched.store.order(b)?.parcels.map(\.trackingNumber) == [ShippingNumbers.valid(501)])

        // A correction whose process died after RMS took it: settled done, not sent again.
        let again = ShippingNumbers.valid(502)
        _ = try fetched.store.changeParcel(of: a, trackingNumber: corrected, newNumber: again)
        let applied = try fetched.store.apply(ShipCorrectionAction(), to: [a], claimedBy: try AbandonedWriteTests().deadProcess())
        try AbandonedWriteTests.sentLongAgo(Array(applied.intents.values), in: fetched)
        let request = SyncService.shippingRequest(try #require(try fetched.store.order(a)))
        #expect(request.basketidModelList[0].shippingModelList[0].shippingDetailId == detailID)
        _ = try await fetched.sandbox.client.updateOrderShippingAsync(UpdateOrderShippingAsyncRequest(orderShippingModelList: [request]))
        try await fetched.service.settleUnclearWrites()
        #expect(try fetched.store.unresolvedIntents().isEmpty)
        #expect(try fetched.store.order(a)?.parcels.map(\.report) == [.reported])
        #expect(await fetched.sandbox.server.order(a.rawValue)?.packageModelList[0].shippingModelList?.map(\.shippingNumber) == [again])
        await fetched.stop()
    }
}
