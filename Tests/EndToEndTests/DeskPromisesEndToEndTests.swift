import Foundation
import Testing
import TestSupport

/// The desk does what the operator meant, in a real terminal: a paste into the search does not
/// freeze it, nothing but the desk writes to its screen, the cursor row survives a resize, and
/// checks the view hides are said.
@Suite("End to end: the desk keeps its promises", .serialized)
struct DeskPromisesEndToEndTests {
    static func demo(_ juchu: JuchuBinary, width: Int = 120, height: Int = 36) throws -> TmuxSession {
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(juchu.home)/demo.sqlite --keymap \(juchu.repositoryKeymap) --life-interval 0"),
            width: width, height: height)
        _ = try #require(session.waitFor(60) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") }, "the desk did not open:\n\(session.capture())")
        return session
    }

    @Test("a 5,000-character paste into the search: the line takes 100 and says so, and the desk answers the next keys at once")
    func pasteIntoSearch() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try Self.demo(juchu)
        defer { session.kill() }
        session.send("/")
        session.send(literal: String(repeating: "佐藤ヤマダ村上", count: 715))
        let refused = session.waitFor(20) { $0.contains("検索は100文字までです") }
        #expect(refused != nil, "no word of the limit:\n\(session.capture())")
        session.send("Escape", "?")
        #expect(session.waitFor(5) { $0.contains("キー一覧（keymap.toml）") } != nil, "the desk did not answer:\n\(session.capture())")
        session.send("Escape", "q")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil)
    }

    @Test("during RMS maintenance the client's notices go to the log file only: the screen shows the desk and one message")
    func logsNeverOnScreen() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 20, requestsPerSecond: 0)
        let config = try CommandsEndToEndTests.sandboxConfig(
            sandbox, in: juchu, database: juchu.home + "/shop.sqlite", more: "[fetch]\nskip_younger_than_minutes = 0\n")
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 120, height: 36)
        defer { session.kill() }
        _ = try await offPool { try #require(session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") }) }
        _ = try await sandbox.admin("maintenance", json: #"{"on":true}"#)
        session.send("F5")
        let failed = try await offPool { session.waitFor(60) { $0.contains("受注取得に失敗: API In Maintenance") } }
        let screen = try #require(failed, "no failure shown:\n\(session.capture())")
        for stray in ["request failed", "warning", "RakutenPay", "retrying"] {
            #expect(!screen.contains(stray), "a log line on the screen:\n\(screen)")
        }
        #expect(!screen.contains("API In Maintenance（API In Maintenance"), "the message said twice:\n\(screen)")
        let log = try String(contentsOfFile: juchu.home + "/state/juchu/juchu.log", encoding: .utf8)
        #expect(log.contains("request failed: searchOrder") && log.contains("HTTP 503"), "\(log.suffix(500))")
        _ = try await sandbox.admin("maintenance", json: #"{"on":false}"#)
        session.send("q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }

    @Test("resized below the minimum and back, the cursor row is on screen with its marker")
    func cursorAfterResize() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try Self.demo(juchu)
        defer { session.kill() }
        // The cursor well down the list.
        for _ in 0..<40 { session.send("j") }
        let before = try #require(session.waitFor(10) { $0.contains("41/") }, "\(session.capture())")
        let cursorLine = try #require(DemoConfirmEndToEndTests.gridLines(before).first { $0.contains("]>") }, "no cursor:\n\(before)")
        let number = try #require(DemoConfirmEndToEndTests.orderNumber(in: cursorLine))
        session.resize(width: 60, height: 18)
        _ = try #require(session.waitFor(10) { $0.contains("画面が小さすぎます") })
        session.resize(width: 120, height: 36)
        let after = try #require(session.waitFor(10) { $0.contains("受注一覧 新規受付") }, "\(session.capture())")
        #expect(DemoConfirmEndToEndTests.gridLines(after).contains { $0.contains("]>") && $0.contains(number) },
                "the cursor row \(number) is not on screen:\n\(after)")
        session.send("Space")
        #expect(session.waitFor(10) { $0.contains("選択 1件") } != nil)
        session.send("q")
    }

    @Test("checks the view hides are said: after a tab change the header counts them, and the preview says what it touches")
    func hiddenChecks() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try Self.demo(juchu)
        defer { session.kill() }
        session.send("Space", "Space", "]")
        let moved = session.waitFor(10) { $0.contains("選択 2件（うち表示外 2件）") }
        #expect(moved != nil, "\(session.capture())")
        // What the operator sees is what is acted on: the hidden checks are named and left out …
        session.send("c")
        let preview = session.waitFor(10) { $0.contains("表示外のチェック 2件は含めません（a: 含める）") && $0.contains("注文確認通知を送る: 0件") }
        #expect(preview != nil, "\(session.capture())")
        // … unless the operator includes them there.
        session.send("a")
        let included = session.waitFor(10) { $0.contains("表示外のチェック 2件も含めています") && $0.contains("注文確認通知を送る: 2件") }
        #expect(included != nil, "\(session.capture())")
        session.send("n", "[")
        #expect(session.waitFor(10) { $0.contains("選択 2件") && !$0.contains("表示外") } != nil, "\(session.capture())")
        session.send("q")
    }
}
