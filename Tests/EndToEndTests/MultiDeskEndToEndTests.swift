import Foundation
import OrderStore
import OrderSync
import Testing
import TestSupport

/// Two desks on one database file, and a terminal resized in the middle of an action.
@Suite("End to end: two desks, and resizing", .serialized)
struct MultiDeskEndToEndTests {
    /// The tabs line's count for `status` ("保留 1").
    static func count(of status: String, in screen: String) -> Int? {
        // The tab bar (it scrolls: the tabs beyond the screen's width are not on it).
        guard let line = screen.split(separator: "\n").first(where: { $0.contains("新規受付 ") && $0.contains("入金待ち ") }),
            let range = line.range(of: " \(status) ")
        else { return nil }
        return Int(line[range.upperBound...].prefix { $0.isNumber })
    }

    @Test("a status changed at one desk shows at the other, which shares the file, without a key press")
    func twoDesks() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let db = juchu.home + "/shared.sqlite"
        let first = try TmuxSession(
            command: juchu.commandLine("demo --db \(db) --keymap \(juchu.repositoryKeymap) --life-interval 0"), width: 130, height: 40)
        defer { first.kill() }
        _ = try #require(first.waitFor(60) { $0.contains("処理パネル") && $0.contains("受注一覧 新規受付") })
        let second = try TmuxSession(
            command: juchu.commandLine("demo --db \(db) --keymap \(juchu.repositoryKeymap) --life-interval 0"), width: 130, height: 40)
        defer { second.kill() }
        let before = try #require(second.waitFor(60) { $0.contains("処理パネル") && $0.contains("受注一覧 新規受付") })
        #expect(Self.count(of: "保留", in: before) == 0)

        // At the first desk: 受注ステータスを変更 → 保留 (the sixth status) for the cursor row.
        first.send("Tab")
        try PanelEndToEndTests.choose("受注ステータスを変更", in: first)
        first.send("+", "+", "+", "+", "+", "Enter")
        _ = try #require(first.waitFor(10) { $0.contains("受注ステータスを「保留」に変更する: 1件") }, "no preview:\n\(first.capture())")
        first.send("y")
        _ = try #require(first.waitFor(10) { $0.contains("成功: 1件") })

        let after = second.waitFor(10) { Self.count(of: "保留", in: $0) == 1 }
        #expect(after != nil, "the second desk did not see the change:\n\(second.capture())")
        first.send("Enter", "q")
        second.send("q")
        #expect(first.waitFor(10) { $0.contains("EXIT=0") } != nil)
        #expect(second.waitFor(10) { $0.contains("EXIT=0") } != nil)
    }

    @Test("resized below the minimum and back in the middle of a preview, the action still runs and reports")
    func resizeMidAction() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(juchu.home)/demo.sqlite --keymap \(juchu.repositoryKeymap) --life-interval 0"),
            width: 120, height: 40)
        defer { session.kill() }
        _ = try #require(session.waitFor(60) { $0.contains("処理パネル") && $0.contains("受注一覧 新規受付") })
        session.send("Space", "Space", "Space", "Tab")
        try PanelEndToEndTests.choose("受注ステータスを変更", in: session)
        session.send("+", "+", "+", "Enter")
        _ = try #require(session.waitFor(10) { $0.contains("受注ステータスを「出荷待ち」に変更する: 3件") }, "no preview:\n\(session.capture())")
        session.resize(width: 70, height: 20)
        _ = try #require(session.waitFor(10) { $0.contains("画面が小さすぎます") }, "no notice:\n\(session.capture())")
        session.resize(width: 100, height: 30)
        _ = try #require(session.waitFor(10) { $0.contains("受注ステータスを「出荷待ち」に変更する: 3件") }, "the preview was lost:\n\(session.capture())")
        session.send("y")
        let result = try #require(session.waitFor(10) { $0.contains("成功: 3件") }, "no result:\n\(session.capture())")
        #expect(result.contains("受注ステータス 新規受付→出荷待ち"))
        session.send("Enter")
        #expect(session.waitFor(10) { Self.count(of: "出荷待ち", in: $0) == 3 } != nil, "the tabs do not count the change:\n\(session.capture())")
        session.send("q")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil)
    }
}

/// Four desks confirming at once, over one sandbox and one database file.
@Suite("End to end: four desks confirming the same orders", .serialized)
struct FourDesksEndToEndTests {
    @Test("four desks check every order and confirm at the same moment: each order is confirmed once")
    func fourDesks() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 120, requestsPerSecond: 0) { $0.latencyMilliseconds = 5 }
        let db = juchu.home + "/four.sqlite"
        let store = try OrderStore(path: db)
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        try await SyncService(client: sandbox.client, store: store).fetch(fetch)
        let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 1_000).map(\.number)
        let confirmable = Set(try store.orders(numbers).filter { !$0.fees.shipping.isUnset && !$0.isBundled }.map(\.number.rawValue))
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nautomatic = false\n")
        var desks: [TmuxSession] = []
        defer { for desk in desks { desk.kill() } }
        for _ in 0..<4 {
            desks.append(try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 120, height: 40))
        }
        for desk in desks {
            _ = try await offPool { try #require(desk.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") }) }
            desk.send("A", "c")
            _ = try await offPool { try #require(desk.waitFor(10) { $0.contains("注文確認通知を送る: ") }, "no preview:\n\(desk.capture())") }
        }
        // Every desk has its preview open: all four accept at once.
        for desk in desks { desk.send("y") }
        for desk in desks {
            let result = try await offPool { desk.waitFor(30) { $0.contains("成功: ") && $0.contains("（対象 ") } }
            #expect(result != nil, "no result:\n\(desk.capture())")
        }
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == confirmable)
        for desk in desks { desk.send("Enter", "q") }
        await sandbox.stop()
    }
}
