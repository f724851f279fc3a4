import Foundation
import OrderEngine
import TerminalUI
import Testing
import ShopSettings

/// The processing panel in a real terminal: inputs typed in place, preview, result, undo.
@Suite("End to end: the processing panel", .serialized)
struct PanelEndToEndTests {
    /// Chooses the panel row titled `title` (the panel focused) and its first input.
    /// A capture does not show which row is reversed, so the rows are walked from the top.
    static func choose(_ title: String, in session: TmuxSession) throws {
        session.send("Home")
        let order = PanelItem.standard(statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags).map(\.title)
        let index = try #require(order.firstIndex(of: title))
        for _ in 0..<index { session.send("Down") }
    }

    @Test("a date written to checked orders in 追記 (filled ones skipped with the reason) and 上書き, then undone")
    func dateWrite() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(juchu.home)/demo.sqlite --keymap \(juchu.repositoryKeymap) --life-interval 0"),
            width: 130, height: 45)
        defer { session.kill() }
        _ = try #require(session.waitFor(60) { $0.contains("受注一覧 新規受付") && $0.contains("処理パネル") },
                         "the desk did not open:\n\(session.capture())")

        // 追記 on the first two orders.
        session.send("Space", "Space")
        _ = try #require(session.waitFor(10) { $0.contains("選択 2件") })
        session.send("Tab")
        try Self.choose("日付を書き込む", in: session)
        session.send("Enter")  // to the row's text input, the date
        session.send(literal: "2026-11-30")
        session.send("Enter")
        let first = try #require(session.waitFor(10) { $0.contains("入金日に2026-11-30を書き込む（追記）: 2件") },
                                 "no preview:\n\(session.capture())")
        #expect(first.contains("スキップ: 0件"))
        session.send("y")
        _ = try #require(session.waitFor(10) { $0.contains("成功: 2件") }, "no result:\n\(session.capture())")
        session.send("Enter")

        // 追記 on three: the two filled ones are skipped with the reason.
        // Tab twice back to the grid (panel → detail → grid): S-Tab arrives as ESC [ Z, which a
        // busy machine may split past the ESC delay.
        session.send("Tab", "Tab", "u", "Home", "Space", "Space", "Space", "Tab")
        _ = try #require(session.waitFor(10) { $0.contains("選択 3件") }, "not three checked")
        try Self.choose("日付を書き込む", in: session)
        session.send("Enter")
        for _ in 0..<10 { session.send("BSpace") }
        session.send(literal: "2026-12-01")
        session.send("Enter")
        let second = try #require(session.waitFor(10) { $0.contains("入金日に2026-12-01を書き込む（追記）: 1件") },
                                  "no preview:\n\(session.capture())")
        #expect(second.contains("スキップ: 2件"))
        #expect(second.contains("入金日は入力済みです"))
        session.send("Escape")

        // 上書き on the same three: all change.
        try Self.choose("日付を書き込む", in: session)
        session.send("Right", "Right", "Right", "Space", "Enter")
        let third = try #require(session.waitFor(10) { $0.contains("入金日に2026-12-01を書き込む（上書き）: 3件") },
                                 "no preview:\n\(session.capture())")
        #expect(third.contains("2026-11-30→2026-12-01"))
        session.send("y")
        _ = try #require(session.waitFor(10) { $0.contains("成功: 3件") }, "no result:\n\(session.capture())")
        // The first checked order under the cursor: its detail shows the date.
        session.send("Enter", "Tab", "Tab", "Home")
        _ = try #require(session.waitFor(10) { $0.contains("入金日 2026-12-01") }, "the detail does not show the date:\n\(session.capture())")
        session.send("Tab")

        // Undo the 上書き: the dates written by 追記 come back.
        try Self.choose("直前の一括処理を取り消す", in: session)
        session.send("Enter")
        let undo = try #require(session.waitFor(10) { $0.contains("を取り消す: 3件") }, "no undo preview:\n\(session.capture())")
        #expect(undo.contains("2026-12-01→2026-11-30"))
        session.send("y")
        _ = try #require(session.waitFor(10) { $0.contains("元に戻しました") }, "undo did not run:\n\(session.capture())")
        session.send("Enter", "q")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil)
    }
}
