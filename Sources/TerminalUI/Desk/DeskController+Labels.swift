import Foundation
import OrderEngine
import OrderStore
import ShippingFiles

extension DeskController {
    /// 送り状データを書き出す from the panel: the label file in the desk's label folder, each order's
    /// result with its shipment keys and the file, what the format refused, and what will print cut.
    static func writeLabels(_ action: WriteLabelsAction, _ numbers: [OrderNumber], context: ActionContext, store: OrderStore) throws -> ActionResult {
        guard let format = LabelFormat.allCases.first(where: { $0.shortLabel == action.formatName }) else {
            throw ActionInputError("送り状データの形式「\(action.formatName)」はありません")
        }
        guard let sender = context.labelSender else {
            throw ActionInputError("ご依頼主がありません。config.toml に [sender] の name・phone・zip・address を書いてください")
        }
        let orders = try store.orders(numbers)
        let file = try LabelWriter(format: format, sender: sender, today: context.today).file(for: orders, keys: store.shipmentKeys)
        let name = "\(format.rawValue)-\(JapanTime(context.now).fileStamp).csv"
        let paths: [String]
        do throws(FileFormatError) {
            paths = try file.write(to: context.labelDirectory + "/" + name)
        } catch {
            throw ActionInputError("送り状データを書き出せません: \(error.description)")
        }
        let rowsByOrder = Dictionary(grouping: file.rows, by: \.order)
        let warningsByOrder = Dictionary(grouping: file.warnings, by: \.order)
        var lines: [ActionResult.Line] = []
        for order in orders {
            if let skip = file.skips.first(where: { $0.order == order.number }) {
                lines.append(.init(number: order.number, outcome: .skipped, text: skip.reason))
            } else if let rows = rowsByOrder[order.number] {
                var text = "出力しました（出荷キー \(rows.map(\.key).joined(separator: "・"))）"
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
