import Foundation
import OrderEngine
import OrderSync
import Testing
import TestSupport
@testable import TerminalUI

/// 取りこぼしを確認する at the desk: the panel row's period and choice, and RMS's report read as a
/// result (what RMS has that the store lacks, what the store has that RMS no longer lists).
@Suite("Desk: 取りこぼしを確認する — the panel row")
struct ReconcileRowTests {
    @Test("the row's 期間 and ない注文 make the reconcile asked; it plans with RMS's list, not the checks")
    func row() throws {
        var item = DeskFixtures.item(.reconcile)
        #expect(try item.action(statuses: LocalStatus.defaults) == .reconcile(days: 7, fetching: false))
        item.inputs[0].cycle(by: 2)
        item.inputs[1].cycle(by: 1)
        #expect(try item.action(statuses: LocalStatus.defaults) == .reconcile(days: 90, fetching: true))
        item.inputs[0].cycle(by: 1)
        #expect(item.inputs[0].display == "過去730日（RMSの上限）")
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        guard case .plan(let planned, let numbers, let scope, _, _)? = state.run(item).first else {
            Issue.record("not planned")
            return
        }
        #expect(planned.kind == .reconcile && numbers.isEmpty && scope == "RMS")
    }

    @Test("the report as a result: each order that differs with its status; opened only when no form is being typed into")
    func report() throws {
        var report = ReconcileReport(from: CalendarDate(year: 2026, month: 9, day: 8)!, through: CalendarDate(year: 2026, month: 12, day: 6)!)
        report.listedByRMS = 60
        report.heldHere = 47
        report.missing = [.awaitingShipment: [OrderNumber("398211-20261001-0000000001")], .shipped: [OrderNumber("398211-20261002-0000000002")]]
        report.notAtRMS = [.awaitingConfirmation: [OrderNumber("398211-20261003-0000000003")]]
        report.requests = 3
        report.seconds = 3.04
        let dialog = DeskController.reconcileDialog(DeskFixtures.item(.reconcile), report, fetched: false)
        let result = try #require(dialog.result)
        #expect(result.lines.count == 3)
        #expect(result.lines.contains { $0.number.rawValue.hasSuffix("0001") && $0.text == "RMSにあってここにない（RMS: 発送待ち）" })
        #expect(result.lines.contains { $0.number.rawValue.hasSuffix("0003") && $0.text.contains("RMSが期間内に挙げない") })
        #expect(result.note == "2026-09-08〜2026-12-06（注文日）: RMS 60件、ここ 47件（RMSへの問い合わせ 3回、3.0秒）", "\(result.note ?? "")")
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.reconciled(dialog))
        #expect(state.dialog != nil)
        var typing = HandOrderFormTests.opened()
        _ = typing.apply(.reconciled(dialog))
        #expect(typing.dialog == nil && typing.orderEntry != nil, "the form being typed into stays")
        #expect(typing.message?.text.contains("RMS 60件") == true)
    }
}
