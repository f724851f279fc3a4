import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShippingFiles

extension DeskController {
    /// 荷物番号を取り込む: every file waiting in the tracking folder, matched, as a preview — the
    /// orders that get parcels (before → after) and each refused row with its file, line and reason.
    func planTrackingImport(_ item: PanelItem) throws {
        let inbox = settings.trackingInbox
        let names: [String]
        do {
            try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true)
            names = try FileManager.default.contentsOfDirectory(atPath: inbox)
                .filter { !$0.hasPrefix(".") && ($0.hasSuffix(".csv") || $0.hasSuffix(".CSV") || $0.hasSuffix(".txt")) }.sorted()
        } catch {
            state.message = DeskMessage("受取フォルダ \(inbox) を読めません: \(error.localizedDescription)", isError: true)
            return
        }
        guard !names.isEmpty else {
            state.message = DeskMessage("受取フォルダ \(inbox) に取り込むファイルがありません（配送会社のソフトが書き出したCSVを置いてください）")
            return
        }
        let today = CalendarDate(japanDayOf: JapanTime(now()))
        var skips: [Plan.Skip] = []
        var files: [String] = []
        var additions: [(order: OrderNumber, parcel: Parcel)] = []
        for name in names {
            let path = inbox + "/" + name
            let read: (rows: [TrackingRow], format: TrackingFormat, encoding: FileEncoding)
            do {
                read = try TrackingFileReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: path))))
            } catch let error as FileFormatError {
                skips.append(.init(number: OrderNumber(name), reason: .trackingRow("\(name): \(error.description)（取り込みません）")))
                continue
            }
            files.append(path)
            let matched = try TrackingMatching.match(read.rows, in: store, today: today)
            for line in matched.lines where line.outcome.isRefused {
                skips.append(.init(number: OrderNumber("\(name):\(line.line)"),
                                   reason: .trackingRow("\(line.outcome.label) \(line.trackingNumber) \(line.outcome.text)")))
            }
            additions += matched.additions
        }
        // The orders the files name, read once by their state: each gets its new parcels.
        let grouped = Dictionary(grouping: additions, by: \.order)
        let changes = try store.orders(grouped.keys.sorted(), content: false).map { before in
            var after = before
            after.parcels += (grouped[before.number] ?? []).map(\.parcel)
            return Plan.Change(before: before, after: after, fields: before.changes(to: after))
        }
        let plan = Plan(actionID: .importTracking, title: "\(ActionID.importTracking.title): \(files.count)ファイル", changes: changes, skips: skips)
        var dialog = ActionDialog(item: item, plan: plan, scope: "受取フォルダ", hiddenByFilter: 0)
        dialog.trackingFiles = files
        perform(state.apply(.planned(dialog)))
    }

    /// Writes what the preview showed — each order's parcels as they were then, checked still to be
    /// so — in one batch, and moves the files read to the folder's `取込済`.
    static func applyTrackingImport(_ dialog: ActionDialog, store: OrderStore) throws -> ActionResult {
        var additions: [(order: OrderNumber, parcel: Parcel)] = []
        var previewed: [OrderNumber: [Parcel]] = [:]
        for change in dialog.plan.changes {
            guard let field = change.fields.first(where: { $0.field == .parcels }),
                case .parcels(let before) = field.before, case .parcels(let after) = field.after
            else { continue }
            previewed[change.number] = before
            additions += after.dropFirst(before.count).map { (change.number, $0) }
        }
        let (batchID, leftOut) = try store.addParcels(additions, previewed: previewed)
        var unmoved: [String] = []
        for path in dialog.trackingFiles {
            let done = (path as NSString).deletingLastPathComponent + "/取込済"
            do {
                try FileManager.default.createDirectory(atPath: done, withIntermediateDirectories: true)
                try FileManager.default.moveItem(atPath: path, toPath: done + "/" + (path as NSString).lastPathComponent)
            } catch {
                // The numbers are written; the file stays, and importing it again changes nothing: said, not hidden.
                unmoved.append("\((path as NSString).lastPathComponent)（\(error.localizedDescription)）")
            }
        }
        let refused = Dictionary(leftOut.map { ($0.0, $0.1) }, uniquingKeysWith: { first, _ in first })
        var result = ActionResult(
            lines: dialog.plan.changes.map { change in
                if let why = refused[change.number] { return .init(number: change.number, outcome: .failed, text: why) }
                return .init(number: change.number, outcome: .succeeded, text: change.fields.map(\.displayText).joined(separator: "、"))
            },
            batchID: batchID)
        result.note = "\(dialog.trackingFiles.count)ファイルを取り込みました（取込済フォルダへ移しました）"
            + (unmoved.isEmpty ? "" : "。移せなかったファイル: \(unmoved.joined(separator: "、"))")
        return result
    }
}
