import Foundation
import OrderEngine
import OrderSync
import RakutenPay

/// 取りこぼしを確認する at the desk: `juchu reconcile` over the last days, in the background (it asks
/// RMS within the shared request budget: seconds, not a key's time), its report opened as a result
/// when it comes — per order what RMS has that the store lacks and what the store has that RMS no
/// longer lists, each with its status.
extension DeskController {
    func startReconcile(_ item: PanelItem, days: Int, fetching: Bool) {
        let today = CalendarDate(japanDayOf: JapanTime(now()))
        let from = today.adding(days: -(days - 1))
        state.message = DeskMessage("取りこぼしを確認しています（注文日 \(from)〜\(today)\(fetching ? "、ない注文は取り込みます" : "")）…")
        let service = service, queue = events, fetch = settings.fetch
        background {
            do {
                let report = try await service.reconcile(from: from, through: today, fetch: fetching, settings: fetch)
                queue.post(.reconciled(Self.reconcileDialog(item, report, fetched: fetching)))
            } catch let error as RakutenPayError {
                queue.post(.reconcileFailed(error.errorClass.messageWithRemedy))
            } catch {
                queue.post(.reconcileFailed("\(error)"))
            }
        }
    }

    /// The report as a result: each order that differs, with what differs and its status.
    static func reconcileDialog(_ item: PanelItem, _ report: ReconcileReport, fetched: Bool) -> ActionDialog {
        var lines: [ActionResult.Line] = []
        for (progress, numbers) in report.missing.sorted(by: { $0.key < $1.key }) {
            for number in numbers {
                lines.append(ActionResult.Line(
                    number: number, outcome: fetched ? .succeeded : .skipped,
                    text: "RMSにあってここにない（RMS: \(progress.label)）" + (fetched ? ": 取り込み済み" : "")))
            }
        }
        for (progress, numbers) in report.notAtRMS.sorted(by: { $0.key < $1.key }) {
            for number in numbers {
                lines.append(ActionResult.Line(number: number, outcome: .skipped, text: "ここにあってRMSが期間内に挙げない（ここでは RMS: \(progress.label)）"))
            }
        }
        for number in report.notReturned {
            // Not a failure to retry here (r would run the whole reconcile again): the next run asks again.
            lines.append(ActionResult.Line(number: OrderNumber(number), outcome: .skipped, text: "RMSが一覧に挙げたのに返さない（次回もう一度）"))
        }
        var result = ActionResult(lines: lines, batchID: nil)
        var note = "\(report.from)〜\(report.through)（注文日）: RMS \(report.listedByRMS)件、ここ \(report.heldHere)件"
            + String(format: "（RMSへの問い合わせ %d回、%.1f秒）", report.requests, report.seconds)
        if report.agrees(fetched: fetched), report.missingCount == 0 { note += "。差はありません" }
        if fetched, report.missingCount > 0 { note += "。\(report.storedText)" }
        if report.tooYoung > 0 { note += "。受注取得と同じく、新しすぎる注文 \(report.tooYoung)件は次回" }
        if !report.unreadable.isEmpty { note += "。読めない注文: \(report.unreadable.joined(separator: "、"))" }
        result.note = note
        let plan = Plan(actionID: .reconcile, title: "\(ActionID.reconcile.title): \(report.from)〜\(report.through)", changes: [], skips: [])
        var dialog = ActionDialog(item: item, plan: plan, scope: "RMS")
        dialog.stage = .result(result)
        return dialog
    }
}
