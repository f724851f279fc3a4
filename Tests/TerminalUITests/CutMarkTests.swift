import Foundation
import OrderEngine
import OrderStore
import ShopSettings
import Testing
import TestSupport
@testable import TerminalUI

/// Nothing is cut without a mark: every screen of the desk, drawn at 80×24 and 120×40 with text
/// too long for its place, holds each long text whole, or its beginning followed by 「…」, or
/// wrapped onto the next line — never a beginning that simply stops.
@Suite("Every screen at 80×24 and 120×40: a cut text ends in …")
struct CutMarkTests {
    static let sizes = [(80, 24), (120, 40)]
    static let now = Date(timeIntervalSince1970: 1_795_400_000)

    static let longName = "勅使河原 龍之介之介之介之介之介之介"
    static let longReason = "配送会社の伝票番号の桁数が規定と合わないため送り状を作れません（ヤマト運輸は12桁、佐川急便は12桁、日本郵便は11桁または13桁）"
    static let longFailure = "受け付けられませんでした（RMS）: 注文の状態が変わっています。RMSステータスを取得してから、もう一度やり直してください（ORDER_EXT_API_UPDATE_ERROR_000123）"

    /// The screens: the desk (grid, panel, detail, tabs, status bar), the help, the palette, a
    /// preview with long reasons, a result with long failures.
    static func screens() -> [(name: String, state: DeskState)] {
        var rows = (0..<8).map { DeskFixtures.row($0, bundled: $0 == 1) }
        rows[0] = OrderRowFixtures.named(rows[0], longName)
        var desk = DeskFixtures.state(rows: rows)
        var order = OrderFixtures.order(1)
        order.orderer.familyName = "勅使河原"
        order.orderer.firstName = "龍之介之介之介之介之介之介"
        order.packages[0].destination.subAddress = "港区六本木6丁目10番1号 六本木ヒルズ森タワー 42階 ｶﾌﾞｼｷｶﾞｲｼｬ ﾛｯﾎﾟﾝｷﾞ 受付にお預けください"
        _ = desk.apply(.detailLoaded(order, journal: []))
        desk.marks = [rows[0].number, rows[1].number]
        var lastTab = desk
        lastTab.tabIndex = lastTab.statuses.count - 1
        var help = desk
        _ = help.perform(.help)
        var palette = desk
        _ = palette.handle(.character(":"))
        var preview = desk
        let skips = (0..<4).map { Plan.Skip(number: OrderFixtures.order($0 + 2).number, reason: .labelRefused(longReason)) }
        let plan = Plan(actionID: .writeLabels, title: "送り状データを書き出す（B2クラウド）", changes: [], skips: skips)
        _ = preview.apply(.planned(ActionDialog(item: DeskFixtures.item(.writeLabels), plan: plan, scope: "選択 4件")))
        var result = preview
        result.dialog?.stage = .result(ActionResult(lines: skips.map {
            ActionResult.Line(number: $0.number, outcome: .failed, text: longFailure)
        }))
        var panel = desk
        panel.focus = .panel
        panel.panelCursor = panel.panelItems.firstIndex { $0.kind == .printReceipt }!
        panel.enterInput(0)
        for character in "株式会社ロングネーム商事 営業本部 第三営業部 御中" { _ = panel.handle(.character(character)) }
        return [("desk", desk), ("last tab", lastTab), ("help", help), ("palette", palette), ("preview", preview), ("result", result), ("panel input", panel)]
    }

    /// Each long text the screens hold somewhere, and where a beginning of it may stand.
    static let probes = [longName, longReason, longFailure, "港区六本木6丁目10番1号", "株式会社ロングネーム商事 営業本部 第三営業部 御中"]

    @Test("each long text is whole, or its beginning ends in … or goes on on the next line")
    func everyScreen() {
        for (name, state) in Self.screens() {
            for (width, height) in Self.sizes {
                var state = state
                state.screenHeight = height
                let screen = DeskView(theme: DeskFixtures.theme).render(state, width: width, height: height, now: Self.now)
                let lines = (0..<height).map(screen.line)
                for (index, line) in lines.enumerated() {
                    for probe in Self.probes {
                        guard let (start, length) = Self.longestPrefix(of: probe, in: line), length >= 4, length < probe.count else { continue }
                        let after = line[line.index(start, offsetBy: length)...].first
                        // The rest of the text on the next line (wrapped) is no cut.
                        let rest = String(probe.dropFirst(length)).trimmingCharacters(in: .whitespaces)
                        let wrapped = index + 1 < lines.count && lines[index + 1].contains(String(rest.prefix(2)))
                        #expect(after == "…" || wrapped, "\(name) \(width)×\(height), line \(index): 「\(probe.prefix(length))」 cut without …:\n\(line)")
                    }
                }
                // The status bar keeps the help key, and the current tab is on the tab bar.
                #expect(lines[height - 1].contains("? キー一覧") || state.dialog != nil || state.palette != nil || state.showingHelp || state.message != nil,
                        "\(name) \(width)×\(height): \(lines[height - 1])")
                let overlaid = state.dialog != nil || state.palette != nil || state.showingHelp
                #expect(overlaid || lines[1].contains(state.tabName), "\(name) \(width)×\(height): the tab \(state.tabName) not on the bar: \(lines[1])")
            }
        }
    }

    /// Where the longest beginning of `probe` stands in `line` (its start and length in characters).
    static func longestPrefix(of probe: String, in line: String) -> (String.Index, Int)? {
        for length in stride(from: probe.count, through: 3, by: -1) {
            if let range = line.range(of: String(probe.prefix(length))) { return (range.lowerBound, length) }
        }
        return nil
    }
}

/// A grid row with another orderer's name.
enum OrderRowFixtures {
    static func named(_ row: OrderRow, _ name: String) -> OrderRow {
        OrderRow(
            number: row.number, orderedAt: row.orderedAt, ordererName: name, ordererKana: "", grandTotal: row.grandTotal,
            shippingFee: row.shippingFee, rmsProgress: row.rmsProgress, localStatus: row.localStatus, sync: row.sync,
            paymentMethod: row.paymentMethod, bundleID: row.bundleID, isRakutenAPI: row.isRakutenAPI)
    }
}
