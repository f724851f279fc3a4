import Foundation
import OrderEngine
import Testing
import TestSupport

@Suite("Writes to RMS: one command type — what a result does to the order, how an unclear write is settled")
struct OutboundWriteRuleTests {
    @Test("every write's kind is the id of the action that records it, and its result has its own journal name")
    func kindsAreActions() {
        let actions: [any BulkAction] = [
            ConfirmAction(), try! CancelAction(reasonCode: 1), PushEditAction(),
            ShipReportAction(today: CalendarDate(year: 2026, month: 12, day: 4)!), ShipCorrectionAction(),
            MailAction(template: "thanks", templateTitle: "サンクスメール", now: Date()),
        ]
        #expect(Set(actions.compactMap { $0.write?.kind }) == Set(OutboundWrite.Kind.allCases))
        for action in actions {
            let kind = try! #require(action.write?.kind)
            #expect(kind.rawValue == action.id.rawValue)
            #expect(kind.action == action.id)
            #expect(kind.resultAction.rawValue != kind.action.rawValue)
            #expect(action.leavesMachine)
        }
        #expect(!ChangeStatusAction(to: .shipped).leavesMachine)
        #expect(OutboundWrite.Kind.confirm.ordersPerCall == 100)
        #expect(OutboundWrite.Kind.cancel.ordersPerCall == 1)
    }

    @Test("a confirmation's answer: accepted → 楽天処理中 (or 楽天処理済 from 300), refused → the error, unknown → still 確認送信中")
    func confirmResult() throws {
        let sending = OrderFixtures.order(sync: .confirmSending)
        let kind = OutboundWrite.Kind.confirm
        #expect(try kind.recording(.accepted(nil), on: sending, before: [:]).sync == .rakutenProcessing)
        let done = try kind.recording(.accepted(.awaitingShipment), on: sending, before: [:])
        #expect(done.sync == .rakutenDone && done.rmsProgress == .awaitingShipment)
        #expect(try kind.recording(.failed(.notConfirmable, detail: "ERROR_103"), on: sending, before: [:]).sync
            == .failed(.notConfirmable, detail: "ERROR_103"))
        #expect(try kind.recording(.unknown(detail: "timeout"), on: sending, before: [:]).sync == .confirmSending)
    }

    @Test("a cancellation RMS refused puts the status it had back and shows why; an accepted one is キャンセル確定待ち")
    func cancelResult() throws {
        var cancelled = OrderFixtures.order(progress: .awaitingShipment, sync: .rakutenDone)
        cancelled.localStatus = .cancelled
        let before: [OrderField: FieldValue] = [.localStatus: .text(LocalStatus.newOrder.name)]
        let refused = try OutboundWrite.Kind.cancel.recording(.failed(.rejected, detail: "ERROR_102"), on: cancelled, before: before)
        #expect(refused.localStatus == .newOrder)
        #expect(refused.sync == .failed(.rejected, detail: "ERROR_102"))
        let accepted = try OutboundWrite.Kind.cancel.recording(.accepted(nil), on: cancelled, before: before)
        #expect(accepted.localStatus == .cancelled && accepted.rmsProgress == .awaitingCancellation)
        #expect(try OutboundWrite.Kind.cancel.recording(.unknown(detail: "cut"), on: cancelled, before: before) == cancelled)
    }

    @Test("an edit RMS did not take is pending again; one whose fate is unknown is not (RMS may hold it) until RMS's copy says; a journalled value of another kind is an error")
    func pushResult() throws {
        let pushed = OrderFixtures.order(sync: .rakutenDone)
        let edit = PendingEdit(reductionReason: 8)
        let before: [OrderField: FieldValue] = [.pendingEdit: .text(edit.text)]
        #expect(try OutboundWrite.Kind.pushEdit.recording(.failed(.rejected, detail: "400"), on: pushed, before: before).pendingEdit == edit)
        #expect(try OutboundWrite.Kind.pushEdit.recording(.unknown(detail: "cut"), on: pushed, before: before).pendingEdit == nil)
        #expect(try OutboundWrite.Kind.pushEdit.recording(.accepted(nil), on: pushed, before: before).pendingEdit == nil)
        #expect(throws: FieldValueMismatch.self) {
            try OutboundWrite.Kind.pushEdit.recording(.failed(.rejected, detail: "400"), on: pushed, before: [.pendingEdit: .money(.yen(1))])
        }
    }

    @Test("an unclear write is settled by what RMS holds, each kind by its own rule")
    func settle() {
        let local = OrderFixtures.order(sync: .confirmSending)
        var confirmed = OrderFixtures.order(progress: .rakutenProcessing)
        confirmed.confirmedAt = local.orderedAt
        #expect(OutboundWrite.Kind.confirm.settle(local: local, rms: confirmed) == .applied(.rakutenProcessing))
        guard case .notApplied = OutboundWrite.Kind.confirm.settle(local: local, rms: OrderFixtures.order()) else {
            Issue.record("an unconfirmed order in RMS is not applied")
            return
        }
        #expect(OutboundWrite.Kind.cancel.settle(local: local, rms: OrderFixtures.order(progress: .awaitingCancellation))
            == .applied(.awaitingCancellation))
        #expect(OutboundWrite.Kind.cancel.settle(local: local, rms: OrderFixtures.order(progress: .awaitingShipment)).outcome.isAccepted == false)
        var edited = local
        edited.fees.shipping = .yen(1200)
        #expect(OutboundWrite.Kind.pushEdit.settle(local: edited, rms: OrderFixtures.order()).outcome.isAccepted == false)
        #expect(OutboundWrite.Kind.pushEdit.settle(local: local, rms: OrderFixtures.order()) == .applied(.awaitingConfirmation))
    }

    @Test("every operator action and journal event names itself in the journal (actions in the panel too), and reads back from what the journal stored")
    func registry() {
        for id in ActionID.allCases {
            #expect(!id.title.isEmpty && !id.journalLabel.isEmpty)
            #expect(JournalKind.label(for: id.rawValue) == id.journalLabel)
        }
        for event in JournalEvent.allCases {
            #expect(!event.label.isEmpty)
            #expect(JournalKind.label(for: event.rawValue) == event.label)
        }
        // One id space in the journal: no event shares an operator action's id.
        let ids = ActionID.allCases.map(\.rawValue) + JournalEvent.allCases.map(\.rawValue)
        #expect(Set(ids).count == ids.count)
        #expect(JournalKind.label(for: "written-by-a-newer-version") == "written-by-a-newer-version")
    }
}

@Suite("Shipping deadlines: late reports and reports RMS did not move to 発送済")
struct ShippingWatchTests {
    let today = CalendarDate(year: 2026, month: 12, day: 10)!

    func confirmed(on day: Int) -> Order {
        var order = OrderFixtures.confirmed(day)
        order.confirmedAt = Date(timeIntervalSince1970: TimeInterval(CalendarDate(year: 2026, month: 12, day: day)!.startInJapan + 3_600))
        return order
    }

    @Test("not reported by 出荷予定日, or by the lead time after confirmation: late; reported, or not yet due: not")
    func late() {
        #expect(ShippingWatch.isLate(confirmed(on: 6), today: today, leadDays: 3))
        #expect(!ShippingWatch.isLate(confirmed(on: 7), today: today, leadDays: 3), "due on the 10th: not late yet")
        var planned = confirmed(on: 1)
        planned.dates[.plannedShipmentDate] = CalendarDate(year: 2026, month: 12, day: 11)
        #expect(!ShippingWatch.isLate(planned, today: today, leadDays: 3), "its 出荷予定日 is later")
        var reported = confirmed(on: 1)
        reported.parcels = [Parcel(basketID: reported.packages[0].basketID, carrier: Carrier(code: "1001"), trackingNumber: "1",
                                   shippedOn: CalendarDate(year: 2026, month: 12, day: 9), report: .reported)]
        #expect(!ShippingWatch.isLate(reported, today: today, leadDays: 3))
        #expect(!ShippingWatch.isStuck(reported, today: today), "shipped on the 9th: RMS has until the 11th")
        reported.parcels[0].shippedOn = CalendarDate(year: 2026, month: 12, day: 8)
        #expect(ShippingWatch.isStuck(reported, today: today))
        reported.rmsProgress = .shipped
        #expect(!ShippingWatch.isStuck(reported, today: today))
        #expect(CalendarDate(year: 2026, month: 12, day: 31)!.adding(days: 1) == CalendarDate(year: 2027, month: 1, day: 1))
    }
}
