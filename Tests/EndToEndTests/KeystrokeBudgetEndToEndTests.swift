import Foundation
import OrderEngine
import Testing
import TestSupport

/// The operator's day in keys, counted from the grid at 80×24 in a real terminal: each of the common
/// jobs within its budget, the work really done (RMS answered, the file written, the mails received).
@Suite("End to end: the keystroke budget at 80×24", .serialized)
struct KeystrokeBudgetEndToEndTests {
    /// Sends keys and counts them; typed text counts a key per character.
    final class CountingKeys {
        let session: TmuxSession
        var count = 0

        init(_ session: TmuxSession) { self.session = session }

        func press(_ keys: String...) {
            for key in keys { session.send(key) }
            count += keys.count
        }

        func type(_ text: String) {
            session.send(literal: text)
            count += text.count
        }

        /// An action through its dialog: `keys` pressed, the preview (`preview` on screen), `y`, the
        /// result (`result` on screen), `Enter` to close it. Returns the preview.
        @discardableResult
        func throughDialog(_ keys: [String], preview: String, result: String, what: String) async throws -> String {
            let session = session
            for key in keys { press(key) }
            let shown = try #require(try await offPool { session.waitFor(10) { $0.contains(preview) } }, "no \(what) preview:\n\(session.capture())")
            press("y")
            _ = try #require(try await offPool { session.waitFor(30) { $0.contains(result) } }, "no \(what) result:\n\(session.capture())")
            press("Enter")
            return shown
        }

        /// The keys a job took, and the count started again for the next.
        func job() -> Int {
            defer { count = 0 }
            return count
        }
    }

    @Test("confirm every confirmable new order ≤ 4 keys, label data for the checked ≤ 4, undo the last batch ≤ 3, a template mail to the checked ≤ 5, an order found by its number's tail in any status ≤ 8, its お届け日 changed and sent to RMS ≤ 11")
    func budget() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        // RMS takes the confirmations through 楽天処理中 to 楽天処理済 within a second or so.
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 1
        }
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let db = juchu.home + "/budget.sqlite"
        let config = try MailEndToEndTests.config(sandbox, relay, in: juchu, database: db, more: CommandsEndToEndTests.senderTOML)
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 80, height: 24)
        defer { session.kill() }
        let opened = try #require(try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("│[ ]>") } },
                                  "the desk did not fetch:\n\(session.capture())")
        let keys = CountingKeys(session)
        var counts: [(String, Int, Int)] = []

        // 1. Confirm every confirmable new order: check all the tab shows, confirm, accept.
        let preview = try await keys.throughDialog(["A", "c"], preview: "注文確認通知を送る: ", result: "成功: ", what: "confirm")
        #expect(!preview.contains("注文確認通知を送る: 0件"), "\(preview)")
        counts.append(("注文確認通知（確認できる新規をすべて）", keys.job(), 4))

        // 2. Label data for the checked orders (the checks stay after an action).
        // RMS's time, not the operator's: its status read again (r, not counted) until it has taken them.
        let processed = try await offPool { () -> String? in
            for _ in 0..<30 {
                Thread.sleep(forTimeInterval: 2)
                session.send("r")
                if let done = session.waitFor(2, { $0.contains("楽天処理済") && !$0.contains("楽天処理中") && !$0.contains("確認送信中") }) { return done }
            }
            return nil
        }
        _ = try #require(processed, "RMS did not finish:\n\(session.capture())")
        try await keys.throughDialog(["L"], preview: "送り状データを書き出す（", result: "成功: ", what: "label")
        counts.append(("送り状データ（チェックした注文）", keys.job(), 4))
        let labels = try FileManager.default.contentsOfDirectory(atPath: juchu.home + "/data/juchu/labels").filter { $0.hasSuffix(".csv") }
        #expect(!labels.isEmpty, "no label file written")

        // 3. Undo the last batch: a check item set on the checked orders, then taken back.
        try await keys.throughDialog(["f"], preview: "[ やめる(n) ]", result: "成功: ", what: "check item")
        _ = keys.job()
        try await keys.throughDialog(["U"], preview: "を取り消す: ", result: "元に戻しました", what: "undo")
        counts.append(("直前の一括処理を取り消す", keys.job(), 3))

        // 4. A template mail to the checked orders.
        try await keys.throughDialog(["M"], preview: "メール送信（サンクスメール）", result: "成功: ", what: "mail")
        counts.append(("メール送信（チェックした注文）", keys.job(), 5))
        #expect(try !relay.messages().isEmpty, "no mail reached the relay")

        // 5. An order now in another status (メール済み), found from 新規受付 by its number's tail.
        session.send("u")
        let left = try #require(try await offPool { session.waitFor(10) { $0.contains("選択 0件") } }, "\(session.capture())")
        let here = Set(DemoConfirmEndToEndTests.gridLines(left).compactMap(DemoConfirmEndToEndTests.orderNumber(in:)))
        let number = try #require(DemoConfirmEndToEndTests.gridLines(opened).compactMap(DemoConfirmEndToEndTests.orderNumber(in:)).first { !here.contains($0) },
                                  "no order left 新規受付:\n\(left)")
        let tail = String(number.suffix(6))
        _ = keys.job()
        keys.press("/")
        keys.type(tail)
        let nothingHere = try await offPool { session.waitFor(10) { $0.contains("ほかのステータスに 1件（Enter で全件へ）") } }
        #expect(nothingHere != nil, "the search did not say where the order is:\n\(session.capture())")
        keys.press("Enter")
        let found = try #require(try await offPool { session.waitFor(10) { $0.contains("受注一覧 全件") && $0.contains(String(number.suffix(10))) } },
                                 "not found in 全件:\n\(session.capture())")
        #expect(found.contains("（1件）"), "\(found)")
        counts.append(("注文番号の末尾で検索（どのステータスでも）", keys.job(), 8))

        // 6. A buyer calls: 「お届け日を12/12に」 — the found order's date changed and sent to RMS.
        let day = CalendarDate(japanDayOf: JapanTime(Date())).adding(days: 6)
        keys.press("e", "PageDown")
        _ = try #require(try await offPool { session.waitFor(10) { $0.contains("お届け時間帯") } }, "no 配送・メモ:\n\(session.capture())")
        keys.type("\(day.month)/\(day.day)")
        keys.press("Enter")
        _ = try #require(try await offPool { session.waitFor(10) { $0.contains("注文内容を保存しました") } }, "not saved:\n\(session.capture())")
        let pushPreview = try await keys.throughDialog(["E"], preview: "入力内容を反映する（RMS）: 1件", result: "RMSに反映しました", what: "push")
        #expect(pushPreview.contains("→ \(day)"), "the preview does not say the new date:\n\(pushPreview)")
        counts.append(("お届け日を変えて反映（電話の依頼）", keys.job(), 11))
        // The grid shows the number without the shop's id.
        let shop = sandbox.server.configuration.shopID
        let full = number.hasPrefix(shop + "-") ? number : "\(shop)-\(number)"
        #expect(await sandbox.server.order(full)?.deliveryDate?.description == day.description, "\(full)")

        for (job, count, budget) in counts {
            print("keystrokes: \(job) \(count) (budget \(budget))")
            #expect(count <= budget, "\(job): \(count) keys, budget \(budget)")
        }
    }
}
