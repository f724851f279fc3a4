import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShippingFiles

extension DeskController {
    /// 送り状データを書き出す's preview (``LabelMaking/preview(_:_:sender:today:store:)``).
    func planLabels(_ item: PanelItem, _ action: WriteLabelsAction, _ numbers: [OrderNumber], scope: String, hidden: HiddenChecks) throws {
        guard let sender = settings.labelSender else {
            throw ActionInputError("ご依頼主がありません。config.toml に [sender] の name・phone・zip・address を書いてください")
        }
        let plan = try LabelMaking.preview(numbers, action, sender: sender, today: CalendarDate(japanDayOf: JapanTime(now())), store: store)
        perform(state.apply(.planned(ActionDialog(item: item, plan: plan, scope: scope, hidden: hidden))))
    }

    /// 送り状データを書き出す from the panel: the label file in the desk's label folder, each order's
    /// result with its shipment keys and the file, what the format refused, and what will print cut.
    static func writeLabels(_ action: WriteLabelsAction, _ numbers: [OrderNumber], context: ActionContext, store: any ShopStore) throws -> ActionResult {
        let format = try LabelMaking.format(of: action)
        guard let sender = context.labelSender else {
            throw ActionInputError("ご依頼主がありません。config.toml に [sender] の name・phone・zip・address を書いてください")
        }
        let name = "\(format.rawValue)-\(JapanTime(context.now).fileStamp).csv"
        let made = try LabelMaking.make(numbers, format: format, sender: sender, today: context.today, store: store,
                                        path: context.labelDirectory + "/" + name)
        let file = made.file
        let paths = made.paths
        let warningsByOrder = Dictionary(grouping: file.warnings, by: \.order)
        var lines: [ActionResult.Line] = []
        let rowsByMember = Dictionary(grouping: file.rows.flatMap { row in Set(row.targets.map(\.order)).map { ($0, row) } }, by: \.0)
        for order in made.orders {
            if let skip = file.skips.first(where: { $0.order == order.number }) {
                lines.append(.init(number: order.number, outcome: .skipped, text: skip.reason))
            } else if let rows = rowsByMember[order.number]?.map(\.1) {
                let bundled = rows.first { $0.targets.count > 1 }.map { "同梱 \($0.targets.count)件で1個口、" } ?? ""
                var text = "出力しました（\(bundled)出荷キー \(rows.map(\.key).joined(separator: "・"))）"
                for warning in warningsByOrder[order.number] ?? [] { text += "。\(warning.field): \(warning.text)" }
                lines.append(.init(number: order.number, outcome: .succeeded, text: text))
            }
        }
        var result = ActionResult(lines: lines)
        // The file's name first: at 80 columns the message line ends before a long folder does.
        result.note = paths.isEmpty ? "出力なし"
            : "\(paths.map { ($0 as NSString).lastPathComponent }.joined(separator: "、"))（\(context.labelDirectory)）"
        return result
    }
}
