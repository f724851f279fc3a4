import Foundation
import Testing
import TestSupport

/// 注文内容修正 at the desk and 入力内容を反映する to the sandbox, in a real terminal.
@Suite("End to end: a fee edited at the desk and pushed to RMS", .serialized)
struct EditEndToEndTests {
    @Test("e opens the order's fees and items; the new shipping fee is saved (未反映), then pushed from the panel and RMS holds it")
    func feeEditPushed() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0)
        let config = try CommandsEndToEndTests.sandboxConfig(
            sandbox, in: juchu, database: juchu.home + "/edit.sqlite", more: "[fetch]\nskip_younger_than_minutes = 0\n")
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 130, height: 40)
        defer { session.kill() }
        let opened = try #require(try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") } },
                                  "the desk did not fetch:\n\(session.capture())")
        // The first row whose shipping fee is set and that is not bundled.
        let lines = DemoConfirmEndToEndTests.gridLines(opened)
        let index = try #require(lines.firstIndex { !$0.contains("送料未設定") && !$0.contains("同梱") })
        let number = try #require(DemoConfirmEndToEndTests.orderNumber(in: lines[index]))
        for _ in 0..<index { session.send("j") }

        session.send("e")
        let form = try await offPool { session.waitFor(10) { $0.contains("注文内容修正 \(number)") && $0.contains("楽天減額理由") } }
        #expect(form != nil, "the edit form did not open:\n\(session.capture())")
        // The cursor is on 送料: clear it and type a new fee, higher than any the sandbox sets.
        for _ in 0..<7 { session.send("BSpace") }
        session.send(literal: "9999")
        session.send("Enter")
        let saved = try await offPool { session.waitFor(10) { $0.contains("注文内容を保存しました") } }
        #expect(saved != nil, "the edit was not saved:\n\(session.capture())")
        let row = try await offPool { session.waitFor(10) { $0.split(separator: "\n").contains { $0.contains(number) && $0.contains("未反映") } } }
        #expect(row != nil, "the row does not say 未反映:\n\(session.capture())")
        #expect(await sandbox.server.order(number)?.packageModelList.first?.postagePrice != 9999, "nothing may reach RMS before the push")

        // 処理パネル: 入力内容を反映する（RMS）.
        session.send("Tab")
        try PanelEndToEndTests.choose("入力内容を反映する（RMS）", in: session)
        session.send("Enter")
        let preview = try await offPool { session.waitFor(10) { $0.contains("入力内容を反映する（RMS）: 1件") } }
        #expect(preview != nil, "no preview:\n\(session.capture())")
        session.send("y")
        let result = try await offPool { session.waitFor(20) { $0.contains("成功: 1件") && $0.contains("RMSに反映しました") } }
        #expect(result != nil, "no result:\n\(session.capture())")
        #expect(await sandbox.server.order(number)?.packageModelList.first?.postagePrice == 9999)
        session.send("Enter")
        let cleared = try await offPool {
            session.waitFor(10) { $0.split(separator: "\n").contains { $0.contains(number) && !$0.contains("未反映") } }
        }
        #expect(cleared != nil, "the row still says 未反映:\n\(session.capture())")
        session.send("q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }
}
