import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Slips

/// 帳票作成 and 領収書 at the desk: the preview says how many documents and about how many pages,
/// which orders are skipped and why, which are a 再発行, and for a receipt which buyers already
/// issued Rakuten's; then the PDF is made in the desk's slip folder (and printed if asked) and
/// each document recorded.
extension DeskController {
    func planSlips(_ item: PanelItem, _ slip: SlipOrder, _ numbers: [OrderNumber], scope: String, hidden: HiddenChecks) throws {
        guard let maker = settings.slipMaker else {
            throw ActionInputError(settings.slipProblem ?? "帳票のテンプレートと設定がありません（config.toml の [slips]）")
        }
        let stamp = JapanTime(now())
        let name = "\(slip.kind.rawValue)-\(stamp.fileStamp).pdf"
        var request = SlipMaker.Request(
            kind: slip.kind, numbers: numbers, path: settings.slipDirectory + "/" + name, today: CalendarDate(japanDayOf: stamp))
        request.print = slip.toPrinter
        request.addressee = slip.addressee
        request.purpose = slip.purpose ?? settings.receiptPurpose
        request.perOrderPicking = slip.perOrderPicking
        let preview = try maker.preview(request, store: store)
        let receipts = preview.rakutenReceipts
        var lines: [OrderNumber: String] = [:]
        for order in preview.orders {
            let copy = preview.copy(of: order.number)
            var line = copy > 1 ? "再発行（\(copy)回目）" : "初回"
            if slip.kind == .deliveryNote, order.packages.count > 1 { line += "・送付先 \(order.packages.count)件" }
            if request.kind == .receipt { line += "・宛名 \(SlipBatch.addressee(request.addressee, of: order)) 様" }
            if let issued = receipts[order.number] { line += "・楽天で領収書発行済み（\(issued.count)回）" }
            lines[order.number] = line
        }
        // The file's name before its folder: at 80 columns the line ends before a long folder does.
        let file = URL(fileURLWithPath: request.path)
        var summary = ["\(slip.kind.label) \(preview.batch.documentCount)枚分（約\(Self.estimatedPages(preview, request: request))ページ）"
            + (request.print ? " → プリンタ \(maker.printer.printer ?? "（既定）")" : " → \(file.lastPathComponent)"),
                       "  （\(file.deletingLastPathComponent().path)）"]
        if request.kind == .receipt { summary.append("但し書き: \(request.purpose)") }
        if preview.orders.isEmpty { summary = [] }
        var warnings: [String] = []
        let reissues = preview.orders.filter { preview.copy(of: $0.number) > 1 }.count
        if reissues > 0 { warnings.append("再発行: \(reissues)件（「再発行」と印刷します）") }
        if request.kind == .receipt, !receipts.isEmpty {
            warnings.append("お客様が楽天で領収書を発行済み: \(receipts.count)件（二重発行にご注意ください）")
        }
        var dialog = ActionDialog(item: item, plan: preview.plan, scope: scope, hidden: hidden)
        dialog.slips = SlipPreview(request: request, summary: summary, warnings: warnings, lines: lines)
        perform(state.apply(.planned(dialog)))
    }

    /// About how many pages: a 納品書 or 受注伝票 takes a page, and one more per ~30 further lines;
    /// a totalled picking list ~40 lines a page. The template decides; this is for the preview.
    static func estimatedPages(_ preview: SlipMaker.Preview, request: SlipMaker.Request) -> Int {
        func pages(lines: Int, first: Int, next: Int) -> Int { 1 + max(0, lines - first + next - 1) / next }
        switch request.kind {
        case .picking where !request.perOrderPicking:
            return pages(lines: preview.batch.picking?.lines.count ?? 0, first: 40, next: 45)
        case .picking:
            return max(1, (preview.orders.reduce(0) { $0 + $1.itemCount + 3 } + 50) / 55)
        case .deliveryNote:
            return preview.orders.reduce(0) { total, order in total + order.packages.reduce(0) { $0 + pages(lines: $1.items.count, first: 20, next: 32) } }
        case .orderSlip, .receipt:
            return preview.orders.reduce(0) { $0 + pages(lines: $1.itemCount, first: 18, next: 32) }
        }
    }

    /// Makes what the preview showed; each order's line says what was made, the note where it went.
    static func makeSlips(_ slips: SlipPreview, maker: SlipMaker?, store: any ShopStore) async throws -> ActionResult {
        guard let maker else { throw ActionInputError("帳票のテンプレートと設定がありません") }
        // The renderer makes the desk's slip folder with its scratch folder when it is not there yet.
        let made: SlipMaker.Outcome
        do {
            made = try await maker.make(slips.request, store: store)
        } catch let error as SlipRenderError {
            throw ActionInputError(error.message)
        }
        let label = slips.request.kind.label
        var result = ActionResult(lines: made.preview.orders.map { order in
            let copy = made.preview.copy(of: order.number)
            return ActionResult.Line(number: order.number, outcome: .succeeded, text: copy > 1 ? "\(label)を作成（再発行・\(copy)回目）" : "\(label)を作成")
        })
        if let output = made.output {
            // The file's name first: at 80 columns the message line ends before a long folder does.
            let file = (output.path as NSString).lastPathComponent
            result.note = "\(file) \(output.pages)ページ" + (made.printJob.map { "・印刷 \($0)" } ?? "")
                + (output.warnings.isEmpty ? "" : "・警告 \(output.warnings.count)件（\(output.warnings[0])）")
                + "（\((output.path as NSString).deletingLastPathComponent)）"
        }
        return result
    }
}
