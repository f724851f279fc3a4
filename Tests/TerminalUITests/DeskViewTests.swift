import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport
@testable import TerminalUI

@Suite("Drawing the desk into the cell buffer")
struct DeskViewTests {
    let now = Date(timeIntervalSince1970: 1_795_400_000)

    func render(_ state: DeskState, width: Int = 120, height: Int = 40) -> ScreenBuffer {
        DeskView(theme: DeskFixtures.theme).render(state, width: width, height: height, now: now)
    }

    /// The screen columns where each grid row's RMS label starts, found by display position.
    func columns(of text: String, in screen: ScreenBuffer) -> [Int] {
        var found: [Int] = []
        for y in 0..<screen.height {
            for x in 0..<screen.width where !screen[x, y].isContinuation {
                var probe = ""
                var column = x
                while column < screen.width, probe.count < text.count {
                    if !screen[column, y].isContinuation { probe.append(screen[column, y].character) }
                    column += 1
                }
                if probe == text {
                    found.append(x)
                    break
                }
            }
        }
        return found
    }

    @Test("Japanese names of any length line up every later column by display width", arguments: [80, 100, 120, 160])
    func alignment(width: Int) {
        let rows = (0..<12).map { DeskFixtures.row($0) }
        let screen = render(DeskFixtures.state(rows: rows), width: width)
        let starts = columns(of: "注文確認待ち", in: screen)
        #expect(starts.count == 12)
        #expect(Set(starts).count == 1, "the RMS column moved: \(starts)")
        let badges = columns(of: "未送信", in: screen)
        #expect(Set(badges).count == 1)
    }

    @Test("a name too long for its column is cut at the column edge")
    func longNameCut() {
        let screen = render(DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) }))
        let line = (0..<screen.height).map(screen.line).first { $0.contains("勅使河原") }!
        #expect(!line.contains("之介之介之介之介之介之介"))
        #expect(line.contains("注文確認待ち"))
    }

    @Test("rows show the unset fee and the bundle")
    func badges() {
        let screen = render(DeskFixtures.state(rows: [DeskFixtures.row(0, bundled: true), DeskFixtures.row(1, unsetFee: true)]))
        #expect(screen.text.contains("同梱"))
        #expect(screen.text.contains("送料未設定"))
        #expect(screen.text.contains("未設定"))
    }

    @Test("the grid, the processing panel and the detail pane are all on screen")
    func panes() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.detailLoaded(OrderFixtures.order(1, shipping: .unset), journal: []))
        let text = render(state).text
        #expect(text.contains("受注一覧 新規受付"))
        #expect(text.contains("処理パネル"))
        #expect(text.contains("注文確認通知を送る"))
        #expect(text.contains("RMSステータスを取得"))
        #expect(text.contains("送料が未設定の注文です"))
        #expect(text.contains("佐藤 翔太（サトウ ショウタ）"))
        #expect(text.contains("北海道産 ゆめぴりか 5kg"))
        #expect(text.contains("クレジットカード"))
    }

    @Test("a terminal smaller than 80×24 shows a notice instead of the desk")
    func tooSmall() {
        let text = render(DeskFixtures.state(rows: [DeskFixtures.row(0)]), width: 60, height: 20).text
        #expect(text.contains("画面が小さすぎます"))
        #expect(text.contains("（現在 60×20）"))
        #expect(!text.contains("受注一覧"))
    }

    @Test("the confirm preview counts what will be sent and lists each skip with its reason")
    func dialog() {
        let orders = [OrderFixtures.order(1), OrderFixtures.order(2), OrderFixtures.order(3, bundle: BundleID("B"))]
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.planned(ActionDialog(plan: ConfirmAction().plan(orders), scope: "選択 3件", hiddenByFilter: 1)))
        let text = render(state).text
        #expect(text.contains("注文確認通知を送る: 2件"))
        #expect(text.contains("スキップ: 1件"))
        #expect(text.contains("同梱注文は注文確認できません"))
        #expect(text.contains("うち 1件は現在のステータス表示に含まれていません"))
        #expect(text.contains("[ キャンセル(n) ]"))
        #expect(text.contains("取り消せません"))
    }

    @Test("the help lists the bindings in effect")
    func help() throws {
        var state = DeskFixtures.state(rows: [])
        state = DeskState(shopID: "1", operatorName: "a", keymap: try Keymap(parsing: "[desk]\nconfirm = [\"F9\"]\n", file: "k"))
        _ = state.perform(.help)
        let text = render(state).text
        #expect(text.contains("F9"))
        #expect(text.contains("注文確認通知を送る"))
    }
}
