import Foundation
import OrderEngine
import Testing
@testable import TerminalUI

/// What the operator's role does not allow is not run from any key, the palette or the panel,
/// and each of them says why.
@Suite("The desk by role")
struct DeskRoleTests {
    let now = Date(timeIntervalSince1970: 1_795_400_000)

    @Test("a 担当 cannot confirm by key, palette or panel — each says it needs 管理 — but changes a status")
    func clerk() {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        state.permission = OperatorPermission(name: "hanako", role: .clerk)
        #expect(state.handle(.character("c")).isEmpty)
        #expect(state.message?.text == "「注文確認通知を送る」には管理の権限が必要です（hanako は担当）")
        #expect(state.message?.isError == true)

        _ = state.perform(.palette)
        state.palette?.query = "注文確認"
        let entry = state.palette?.chosen
        #expect(entry?.action == .confirm && entry?.refusal != nil)
        let screen = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: now)
        #expect(screen.text.contains("要管理"), "\(screen.text)")
        #expect(state.handle(.enter).isEmpty)
        #expect(state.message?.text.contains("管理の権限が必要です") == true)

        state.palette = nil
        let index = state.panelItems.firstIndex { $0.kind == .confirm }!
        state.focus = .panel
        state.panelCursor = index
        let panel = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: now)
        #expect(panel.text.contains("管理の権限が必要です"), "the chosen row says why: \(panel.text)")
        #expect(state.handle(.enter).isEmpty)
        state.focus = .grid
        let change = state.panelItems.first { $0.kind == .changeStatus }!
        #expect(!state.run(change).isEmpty, "a 担当 changes statuses")
    }

    @Test("a 閲覧 moves, searches and looks, but opens no form and runs nothing that changes an order; the footer offers no key it may not use")
    func viewer() {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        let footer = { (state: DeskState) in DeskView(theme: DeskFixtures.theme).render(state, width: 120, height: 30, now: self.now).line(29) }
        #expect(footer(state).contains("注文確認") && footer(state).contains("受注取得"))
        state.permission = OperatorPermission(name: "guest", role: .viewer)
        #expect(!footer(state).contains("注文確認") && !footer(state).contains("受注取得") && footer(state).contains("検索"), "\(footer(state))")
        #expect(!state.perform(.cursorDown).isEmpty || state.grid.cursor == 1)
        #expect(state.perform(.editOrder).isEmpty && state.message?.text.contains("担当の権限が必要です") == true)
        #expect(state.perform(.changeStatus).isEmpty && state.message?.isError == true)
        #expect(state.perform(.openMail).count == 1, "looking at an order's mail is allowed")
        #expect(state.perform(.testRules).count == 1, "trying the rules changes nothing")
    }
}
