import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShippingFiles

extension DeskController {
    /// 荷物番号を取り込む: every file waiting in the tracking folder, matched, as a preview — each
    /// file's summary, then every line of every file (matched, entered already, refused with why,
    /// ignored with why), the orders that get parcels before → after behind them.
    func planTrackingImport(_ item: PanelItem, takingValidLines: Bool) throws {
        guard let paths = waitingFiles(in: settings.trackingInbox, toPut: "配送会社のソフトが書き出したCSV") else { return }
        let imported = try TrackingFileImport.read(paths, store: store, today: CalendarDate(japanDayOf: JapanTime(now())))
        let preview = TrackingPreview(imported: imported, takingValidLines: takingValidLines)
        // The orders the files name, read once by their state: each gets its new parcels.
        let grouped = Dictionary(grouping: imported.additions(takingValidLines: preview.takingValidLines), by: \.order)
        let changes = try store.orders(grouped.keys.sorted(), content: false).map { before in
            var after = before
            after.parcels += (grouped[before.number] ?? []).map(\.parcel)
            return Plan.Change(before: before, after: after, fields: before.changes(to: after))
        }
        let plan = Plan(actionID: .importTracking, title: "\(ActionID.importTracking.title): \(paths.count)ファイル", changes: changes, skips: [])
        var dialog = ActionDialog(item: item, plan: plan, scope: "受取フォルダ")
        dialog.tracking = preview
        perform(state.apply(.planned(dialog)))
    }

    /// The files waiting in an inbox folder; nil, with the status line saying why, when it cannot
    /// be read or holds none (`toPut`: what the operator should put there).
    func waitingFiles(in inbox: String, toPut: String) -> [String]? {
        let paths: [String]
        do {
            paths = try InboxFolder.files(in: inbox)
        } catch {
            state.message = DeskMessage("受取フォルダ \(inbox) を読めません: \(error.localizedDescription)", isError: true)
            return nil
        }
        guard !paths.isEmpty else {
            state.message = DeskMessage("受取フォルダ \(inbox) に取り込むファイルがありません（\(toPut)を置いてください）")
            return nil
        }
        return paths
    }

    /// Writes what the preview showed — each order's parcels as they were then, checked still to be
    /// so — in one batch, and moves to the folder's `取込済` the files taken in: every file whose
    /// lines were all taken in, and those with refused lines only when the operator chose to take
    /// their valid lines (else they stay, to be fixed and read again).
    static func applyTrackingImport(_ preview: TrackingPreview, _ plan: PlanPreview, store: any ShopStore) throws -> ActionResult {
        let (batchID, leftOut) = try preview.imported.apply(to: store, takingValidLines: preview.takingValidLines)
        let files = preview.imported.moveTakenIn(takingValidLines: preview.takingValidLines, leftOut: Set(leftOut.map(\.0)))
        let refused = Dictionary(leftOut.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        var result = ActionResult(
            lines: plan.changes.map { change in
                if let why = refused[change.number] { return .init(number: change.number, outcome: .failed, text: why) }
                return .init(number: change.number, outcome: .succeeded, text: change.fields.map(\.displayText).joined(separator: "、"))
            },
            batchID: batchID)
        result.note = (files.moved.isEmpty ? "" : "取込済フォルダへ移しました（\(files.moved.joined(separator: "、"))）")
            + (files.left.isEmpty ? "" : (files.moved.isEmpty ? "" : "。") + "受取フォルダに残しました: \(files.left.joined(separator: "、"))")
        return result
    }
}
