import Foundation
import OrderEngine
import TerminalUI
import Testing

/// The shop's rules at the desk, in a real terminal: the worker runs rules.toml on the demo's newly
/// imported orders, the detail says which rule acted and what it matched, and 「ルールを試す」 previews
/// what the rules would do now, changing nothing.
@Suite("End to end: rules at the desk", .serialized)
struct RulesEndToEndTests {
    @Test("rules.toml holds the demo's 代金引換 orders: the detail names the rule and what it matched; ルールを試す then finds nothing left to do")
    func rulesAtTheDesk() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        try FileManager.default.createDirectory(atPath: juchu.home + "/config/juchu", withIntermediateDirectories: true)
        try """
            [[rule]]
            name = "代引は保留"
            when = "支払:代引"
            flags = ["要確認"]
            hold = "代引は送料を確認"
            """.write(toFile: juchu.home + "/config/juchu/rules.toml", atomically: true, encoding: .utf8)
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(juchu.home)/demo.sqlite --keymap \(juchu.repositoryKeymap) --life-interval 0"),
            width: 130, height: 45)
        defer { session.kill() }
        _ = try #require(session.waitFor(60) { $0.contains("受注一覧 新規受付") && $0.contains("処理パネル") },
                         "the desk did not open:\n\(session.capture())")
        // The 代金引換 orders: the worker's first round has held them (its flag shows in the detail).
        session.send("/")
        session.send(literal: "支払:代引 チェック:要確認")
        session.send("Enter")
        let held = try #require(session.waitFor(30) { $0.contains("ルール 代引は保留: 支払=代金引換") },
                                "no rule in the detail:\n\(session.capture())")
        #expect(held.contains("保留: 代引は送料を確認"))
        // ルールを試す on the cursor order: the rule acted already, so nothing is left to do, and nothing changes.
        session.send("Tab")
        try PanelEndToEndTests.choose(ActionID.testRules.title, in: session)
        session.send("Enter")
        let tried = try #require(session.waitFor(10) { $0.contains("試すだけです") }, "no preview:\n\(session.capture())")
        #expect(tried.contains("働くルールなし"))
        session.send("Escape", "q")
    }
}
