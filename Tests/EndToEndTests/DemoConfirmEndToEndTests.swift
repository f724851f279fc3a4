import Foundation
import Testing
import TestSupport

/// The whole path, as an operator uses it: the real binary in tmux, the sandbox over HTTP, a real
/// SQLite file.
@Suite("End to end: the demo in a real terminal", .serialized)
struct DemoConfirmEndToEndTests {
    /// Grid lines ("│[ ] 398211-...", "│[ ]>398211-..." at the cursor) in screen order.
    static func gridLines(_ screen: String) -> [String] {
        screen.split(separator: "\n").map(String.init).filter { $0.hasPrefix("│[") }
    }

    /// The order number of a grid line (after the cursor's `>` on the cursor row).
    static func orderNumber(in line: String) -> String? {
        line.split(separator: " ").first { $0.count >= 20 && $0.contains("-") }.map { String($0.drop { !$0.isNumber }) }
    }

    @Test("check three confirmable rows and one bundled row, confirm: 1 skipped with its reason, three reach 楽天処理済; their label data written, the issued file taken in and shipping reported, all from the panel")
    func bulkConfirm() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let db = juchu.home + "/demo.sqlite"
        // Tall enough that every order of the demo is on screen.
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(db) --keymap \(juchu.repositoryKeymap) --confirm-delay 2 --poll-interval 1"),
            width: 150, height: 220)
        defer { session.kill() }

        let opened = try #require(session.waitFor(60) { $0.contains("受注一覧 新規受付") && $0.contains("処理パネル") },
                                  "the desk did not open:\n\(session.capture())")
        let lines = Self.gridLines(opened)
        #expect(lines.count > 100, "expected about 200 orders, saw \(lines.count)")
        // A bundled row says 同梱 (a 同梱候補 is not bundled yet).
        let bundled = try #require(lines.firstIndex { $0.replacingOccurrences(of: "同梱候補", with: "").contains("同梱") }, "no bundled order on screen")
        // Not 代金引換: the demo sends some by メール便, which collects nothing (its label is refused).
        let confirmable = lines.indices.filter { !lines[$0].contains("同梱") && !lines[$0].contains("送料未設定") && !lines[$0].contains("代金引換") }.prefix(3)
        #expect(confirmable.count == 3)
        #expect(lines.contains { $0.contains("送料未設定") }, "no order with an unset shipping fee")

        // Walk down the grid, checking the chosen rows (Space checks and moves down).
        var cursor = 0
        for target in (Array(confirmable) + [bundled]).sorted() {
            for _ in cursor..<target { session.send("j") }
            session.send("Space")
            cursor = target + 1
        }
        let checkedScreen = try #require(session.waitFor(10) { $0.contains("選択 4件") })
        #expect(Self.gridLines(checkedScreen).filter { $0.hasPrefix("│[x]") }.count == 4)

        session.send("c")
        let preview = try #require(session.waitFor(10) { $0.contains("注文確認通知を送る: 3件") }, "no preview:\n\(session.capture())")
        #expect(preview.contains("スキップ: 1件"))
        #expect(preview.contains("同梱注文は注文確認できません"))
        session.send("y")
        // Each order's outcome, then back to the grid.
        let result = try #require(session.waitFor(30) { $0.contains("成功: 3件") }, "no result list:\n\(session.capture())")
        #expect(result.contains("注文確認に成功しました"))
        session.send("Enter")

        let numbers = confirmable.compactMap { Self.orderNumber(in: lines[$0]) }
        #expect(numbers.count == 3)
        let processing = session.waitFor(30) { screen in
            numbers.allSatisfy { number in screen.split(separator: "\n").contains { $0.contains(number) && $0.contains("楽天処理中") } }
        }
        #expect(processing != nil, "the three orders never showed 楽天処理中")
        let done = session.waitFor(40) { screen in
            numbers.allSatisfy { number in screen.split(separator: "\n").contains { $0.contains(number) && $0.contains("楽天処理済") } }
        }
        #expect(done != nil, "the three orders never reached 楽天処理済:\n\(session.capture())")
        let bundledNumber = try #require(Self.orderNumber(in: lines[bundled]))
        let bundledLine = session.capture().split(separator: "\n").first { $0.contains(bundledNumber) }
        #expect(bundledLine?.contains("未送信") == true, "the bundled order must not have been sent")

        // 出荷 → 送り状データを書き出す on the same checks: the three 楽天処理済 orders go into B2's file,
        // the bundled one (not 楽天処理済) is kept out with the reason.
        session.send("Tab")
        try PanelEndToEndTests.choose("送り状データを書き出す", in: session)
        session.send("Enter")
        let labelPreview = try #require(session.waitFor(10) { $0.contains("送り状データを書き出す（B2クラウド）: 3件") },
                                        "no label preview:\n\(session.capture())")
        #expect(labelPreview.contains("楽天処理済ではありません"))
        session.send("y")
        let written = try #require(session.waitFor(20) { $0.contains("成功: 3件") && $0.contains("出力しました（出荷キー J") && $0.contains("— yamato-b2-") && $0.contains("/labels）") }, "no label result:\n\(session.capture().split(separator: "\n").filter { !$0.hasPrefix("│[") }.joined(separator: "\n"))")
        #expect(written.contains("出荷キー J"))
        let folder = juchu.home + "/labels"
        let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("yamato-b2-") && $0.hasSuffix(".csv") }
        #expect(files.count == 1)
        let text = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: folder + "/" + files[0])), encoding: .shiftJIS))
        let records = text.components(separatedBy: "\r\n").dropLast()
        #expect(records.count == 4 && records.allSatisfy { $0.components(separatedBy: ",").count == 95 })
        #expect(numbers.allSatisfy { number in !records.contains { $0.contains(number) } }, "the key, not the order number, names the row")
        session.send("Enter")

        // B2 issues the slips; its file goes in the tracking folder, and 荷物番号を取り込む takes it.
        var issued = ""
        for (index, record) in records.enumerated() {
            var fields = record.components(separatedBy: ",")
            if index > 0 { fields[3] = ShippingNumbers.valid(index) }
            issued += fields.joined(separator: ",") + "\r\n"
        }
        try FileManager.default.createDirectory(atPath: juchu.home + "/tracking", withIntermediateDirectories: true)
        try Data(issued.data(using: .shiftJIS)!).write(to: URL(fileURLWithPath: juchu.home + "/tracking/issued.csv"))
        try PanelEndToEndTests.choose("荷物番号を取り込む（受取フォルダ）", in: session)
        session.send("Enter")
        let importPreview = try #require(session.waitFor(10) { $0.contains("荷物番号を取り込む（受取フォルダ）: 1ファイル: 3件") },
                                         "no import preview:\n\(session.capture())")
        #expect(importPreview.contains("荷物番号"))
        session.send("y")
        _ = try #require(session.waitFor(20) { $0.contains("成功: 3件") && $0.contains("取込済フォルダへ移しました") }, "no import result:\n\(session.capture())")
        #expect(FileManager.default.fileExists(atPath: juchu.home + "/tracking/取込済/issued.csv"))
        session.send("Enter")

        // 発送完了を報告する（RMS） on the same checks: the three reported, the bundled one skipped.
        try PanelEndToEndTests.choose("発送完了を報告する（RMS）", in: session)
        session.send("Enter")
        _ = try #require(session.waitFor(10) { $0.contains("発送完了を報告する（RMS）: 3件") }, "no report preview:\n\(session.capture())")
        session.send("y")
        _ = try #require(session.waitFor(30) { $0.contains("成功: 3件") && $0.contains("報告済（発送済は翌日）") }, "no report result:\n\(session.capture())")
        session.send("Enter", "Tab", "Tab")

        session.send("q")
        let closed = session.waitFor(10) { $0.contains("EXIT=0") }
        #expect(closed != nil, "quitting did not exit cleanly:\n\(session.capture())")
        #expect(closed?.contains("受注一覧") == false, "the desk was left on the terminal")
    }
}
