import Foundation
import OrderEngine
import OrderStore
import OrderSync

extension DeskController {
    /// RMSの受注CSVを取り込む: every file waiting in the orders folder, compared with the store, as a
    /// preview — each file's summary, then every order of every file (新規, 同じ, 差分あり with what
    /// differs, 拒否 with line and reason) and every line refused alone.
    func planRMSCSVImport(_ item: PanelItem, takingValidOrders: Bool) throws {
        guard let paths = waitingFiles(in: settings.ordersInbox, toPut: "RMSの受注管理 → データダウンロードで作った楽天ペイ受注CSV") else { return }
        let read = RMSOrderCSVImport.read(paths)
        let (report, taken) = try RMSOrderCSVImport.preview(
            read, store: store, storeAs: settings.fetch.localStatus, takingValidOrders: takingValidOrders)
        let plan = Plan(actionID: .importRMSCSV, title: "\(ActionID.importRMSCSV.title): \(paths.count)ファイル", changes: [], skips: [])
        var dialog = ActionDialog(item: item, plan: plan, scope: "受取フォルダ")
        dialog.rmsCSV = RMSCSVPreview(
            read: read, report: report, takenPaths: taken, takingValidOrders: takingValidOrders, storeAs: settings.fetch.localStatus)
        perform(state.apply(.planned(dialog)))
    }

    /// Takes in the files the preview said (compared again, in one transaction: another desk may
    /// have taken some of their orders in since) and moves them to the folder's `取込済`; a file
    /// with a refused order stays unless the operator chose to take its valid orders.
    static func applyRMSCSVImport(_ preview: RMSCSVPreview, store: any ShopStore) throws -> ActionResult {
        let taken = preview.takenPaths
        let report = try RMSOrderCSVImport.run(preview.read.keeping(taken), store: store, storeAs: preview.storeAs, applying: true)
        var lines: [ActionResult.Line] = []
        for file in report.files {
            for order in file.orders {
                let outcome: ActionResult.Outcome
                switch order.outcome {
                case .new: outcome = .succeeded
                case .differs(_, let noted, let heldBack): outcome = noted || heldBack ? .skipped : .succeeded
                case .refused: outcome = .failed
                case .same, .repeated: outcome = .skipped
                }
                let text = if case .new = order.outcome { "追加しました（取込元: CSV。次にRMSから読むときRMSの内容で埋めます）" } else { "\(order.outcome.label) \(order.outcome.text)" }
                lines.append(ActionResult.Line(number: OrderNumber(order.number), outcome: outcome, text: text))
            }
        }
        var moved: [String] = [], left: [String] = []
        for file in preview.report.files {
            let name = file.name
            guard taken.contains(file.path) else {
                left.append(name + (file.refusesSomething ? "（拒否した注文・行があります: 直して取り込み直してください）" : ""))
                continue
            }
            do {
                try InboxFolder.moveTakenIn(file.path)
                moved.append(name)
            } catch {
                // The orders are in; the file stays, and taking it in again changes nothing: said, not hidden.
                left.append("\(name)（移せません: \(error.localizedDescription)）")
            }
        }
        var result = ActionResult(lines: lines, batchID: nil)
        result.note = (moved.isEmpty ? "" : "取込済フォルダへ移しました（\(moved.joined(separator: "、"))）")
            + (left.isEmpty ? "" : (moved.isEmpty ? "" : "。") + "受取フォルダに残しました: \(left.joined(separator: "、"))")
        return result
    }
}
