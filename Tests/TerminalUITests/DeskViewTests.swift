import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport
import ShopSettings
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
                    if !screen[column, y].isContinuation { probe.append(screen.character(column, y)) }
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

    @Test("an order RMS changed says 差分あり in the grid and shows each field, ours and RMS's, in the detail")
    func rmsDifference() throws {
        let base = DeskFixtures.row(0)
        let row = OrderRow(
            number: base.number, orderedAt: base.orderedAt, ordererName: base.ordererName, ordererKana: "", grandTotal: base.grandTotal,
            shippingFee: base.shippingFee, rmsProgress: .awaitingConfirmation, localStatus: .newOrder, sync: .notSent,
            paymentMethod: base.paymentMethod, bundleID: nil, isRakutenAPI: true, hasPendingEdit: true, hasRMSDifference: true)
        var state = DeskFixtures.state(rows: [row])
        var ours = OrderFixtures.order(1)
        var rms = ours
        rms.fees.shipping = .yen(1200)
        ours.rmsDifference = RMSDifference(ours: ours, previous: ours, rms: rms)
        _ = state.apply(.detailLoaded(ours, journal: []))
        let screen = render(state)
        let gridLine = try #require((0..<screen.height).map(screen.line).first { $0.contains(String(base.number.withoutShopID)) })
        #expect(gridLine.contains("差分あり"), "\(gridLine)")
        #expect(screen.text.contains("【差分あり】RMSで変更されています"))
        #expect(screen.text.contains("送料 この端末 \(ours.fees.shipping) → RMS 1,200円"))
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

    @Test("the cursor is a reversed > after the checkbox: a step down changes two cells of the grid and the position")
    func cursorStep() throws {
        var state = DeskFixtures.state(rows: (0..<12).map { DeskFixtures.row($0) })
        let before = render(state)
        _ = state.handle(.down)
        let after = render(state)
        let rowsWithCursor = (0..<after.height).filter { after.line($0).contains("[ ]>") }
        #expect(rowsWithCursor.count == 1)
        let y = try #require(rowsWithCursor.first)
        let x = try #require((0..<after.width).first { after.character($0, y) == ">" })
        #expect(after[x, y].style.reverse, "the grid has the focus: the marker is reversed")
        // Every other cell of the grid rows is as it was: nothing else to send over the line.
        let title = try #require((0..<after.height).first { after.line($0).contains("受注一覧") })
        var changed: [(Int, Int)] = []
        for row in (title + 1)..<(title + 14) {
            for column in 0..<after.width where !after.sameCell(column, row, as: before) { changed.append((column, row)) }
        }
        #expect(changed.count == 2, "changed cells: \(changed)")
        #expect(after.line(title).contains("2/12件"))
    }

    @Test("a view that copies unchanged grid rows from its last frame draws what a fresh view draws, key after key")
    func cachedRowsMatchFreshDrawing() {
        let view = DeskView(theme: DeskFixtures.theme)
        var state = DeskFixtures.state(rows: (0..<50).map { DeskFixtures.row($0, bundled: $0 == 3, unsetFee: $0 == 5) })
        var changed = (0..<50).map { DeskFixtures.row($0) }
        changed[2] = DeskFixtures.row(2, sync: .failed(.notConfirmable, detail: "注文確認できません"))
        let steps: [(String, (inout DeskState) -> Void)] = [
            ("down", { _ = $0.handle(.down) }), ("space", { _ = $0.handle(.character(" ")) }),
            ("page", { _ = $0.handle(.pageDown) }), ("up", { _ = $0.handle(.pageUp) }),
            ("row changed", { _ = $0.apply(.rowsLoaded(changed, hasMore: false, total: 50, counts: [.newOrder: 50], appended: false)) }),
            ("unmark", { _ = $0.handle(.character("u")) }), ("focus", { _ = $0.handle(.tab) }),
        ]
        for width in [120, 90] {
            for (name, step) in steps {
                step(&state)
                let cached = view.render(state, width: width, height: 40, now: now)
                let fresh = DeskView(theme: DeskFixtures.theme).render(state, width: width, height: 40, now: now)
                let firstDifferent = (0..<40).first { y in (0..<width).contains { !cached.sameCell($0, y, as: fresh) } }
                #expect(firstDifferent == nil, "\(name) at \(width) columns: row \(firstDifferent ?? -1) differs")
            }
        }
    }

    @Test("while the cursor moves on, the pane does not show the previous order's detail")
    func detailFollowsCursor() {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        _ = state.apply(.detailLoaded(OrderFixtures.order(1), journal: []))
        #expect(render(state).text.contains("北海道産 ゆめぴりか 5kg"))
        let effects = state.handle(.down)
        #expect(effects.contains { if case .loadDetail(let number) = $0 { number == OrderFixtures.order(2).number } else { false } })
        let text = render(state).text
        #expect(!text.contains("北海道産 ゆめぴりか 5kg"))
        #expect(text.contains("…"))
    }

    @Test("the shop's columns, in its order; on a narrow terminal the ones that matter least leave first")
    func chosenColumns() {
        let chosen: [GridColumn] = [.orderer, .number, .localStatus, .shippingFee, .payment, .sync, .notes]
        var state = DeskState(shopID: "398211", operatorName: "yamada", columns: chosen, keymap: .standard)
        _ = state.apply(.rowsLoaded([DeskFixtures.row(0), DeskFixtures.row(1, unsetFee: true)], hasMore: false, total: 2,
                                    counts: [.newOrder: 2], appended: false))
        let wide = render(state, width: 160)
        let header = (0..<wide.height).map(wide.line).first { $0.contains("受注番号") }!
        let order = ["注文者", "受注番号", "受注ステータス", "送料", "支払方法", "連携", "注意"].compactMap { header.range(of: $0)?.lowerBound }
        #expect(order.count == 7, "\(header)")
        #expect(order == order.sorted(), "\(header)")
        #expect(!header.contains("合計金額"))
        #expect(wide.text.contains("新規受付") && wide.text.contains("代金引換"))
        let narrow = render(state, width: 80)
        let narrowHeader = (0..<narrow.height).map(narrow.line).first { $0.contains("受注番号") }!
        #expect(!narrowHeader.contains("支払方法"), "the payment column leaves first: \(narrowHeader)")
        #expect(narrowHeader.contains("連携") && narrowHeader.contains("注意"), "the badges stay: \(narrowHeader)")
    }

    @Test("配送方法, お届け指定, サブステータス and 特記事項 as grid columns, aligned by display width; on a narrow terminal 特記事項 stays longest")
    func deliveryColumns() {
        var rows = [DeskFixtures.row(0), DeskFixtures.row(1)]
        rows[0].delivery = OrderRow.Delivery(
            method: "メール便", date: CalendarDate(year: 2026, month: 12, day: 5), timeSlot: 1416, subStatus: "発送準備中", marks: ["ギフト", "のし"])
        rows[1].delivery = OrderRow.Delivery(method: "宅配便", marks: ["コンビニ受取"])
        let chosen: [GridColumn] = [.number, .orderer, .delivery, .deliveryWish, .subStatus, .marks, .sync]
        var state = DeskState(shopID: "398211", operatorName: "yamada", columns: chosen, keymap: .standard)
        _ = state.apply(.rowsLoaded(rows, hasMore: false, total: 2, counts: [.newOrder: 2], appended: false))
        let wide = render(state, width: 160)
        let text = wide.text
        #expect(text.contains("配送方法") && text.contains("お届け指定") && text.contains("サブステータス") && text.contains("特記事項"))
        #expect(text.contains("12/05 14〜16時") && text.contains("発送準備中") && text.contains("ギフト・のし") && text.contains("コンビニ受取"))
        // Both rows' 配送方法 start at the same cell, whatever the names before them.
        #expect(Set(columns(of: "メール便", in: wide) + columns(of: "宅配便", in: wide)).count == 1)
        let narrow = render(state, width: 80)
        let header = (0..<narrow.height).map(narrow.line).first { $0.contains("受注番号") }!
        #expect(header.contains("特記事項") && !header.contains("サブステータス"), "\(header)")
    }

    @Test("the 帳票 column lists the kinds of document printed for each row (帳票済), none for a row never printed")
    func slipsColumn() {
        var rows = [DeskFixtures.row(0), DeskFixtures.row(1)]
        rows[0].printedSlips = [.deliveryNote, .receipt]
        var state = DeskState(shopID: "398211", operatorName: "yamada", columns: [.number, .orderer, .slips], keymap: .standard)
        _ = state.apply(.rowsLoaded(rows, hasMore: false, total: 2, counts: [.newOrder: 2], appended: false))
        let screen = render(state, width: 120)
        let lines = (0..<screen.height).map(screen.line)
        #expect(lines.contains { $0.contains("受注番号") && $0.contains("帳票") })
        #expect(lines.contains { $0.contains(rows[0].number.withoutShopID) && $0.contains("納品書・領収書") })
        #expect(lines.contains { $0.contains(rows[1].number.withoutShopID) && !$0.contains("納品書") })
    }

    @Test("at 80 columns the names give way last: the 注意 column leaves before a name has fewer than 12 cells (the detail lists its badges)")
    func narrowNames() {
        let plain = DeskFixtures.state(rows: (0..<6).map { DeskFixtures.row($0) })
        let text = render(plain, width: 80, height: 24).text
        let header = text.split(separator: "\n").first { $0.contains("受注番号") }.map(String.init) ?? ""
        #expect(!header.contains("注意"), "\(header)")
        #expect(text.contains("長谷川 明日香"), "the name whole:\n\(text)")
        let noted = DeskFixtures.state(rows: (0..<6).map { DeskFixtures.row($0, bundled: $0 == 2) })
        let notedText = render(noted, width: 80, height: 24).text
        #expect(!notedText.split(separator: "\n").contains { $0.contains("受注番号") && $0.contains("注意") })
        #expect(notedText.contains("長谷川 明日香"), "the name whole:\n\(notedText)")
        let wide = render(noted, width: 120, height: 40).text
        #expect(wide.split(separator: "\n").contains { $0.contains("受注番号") && $0.contains("注意") } && wide.contains("同梱"))
    }

    @Test("a terminal smaller than 80×24 shows a notice instead of the desk")
    func tooSmall() {
        let text = render(DeskFixtures.state(rows: [DeskFixtures.row(0)]), width: 60, height: 20).text
        #expect(text.contains("画面が小さすぎます"))
        #expect(text.contains("（現在 60×20）"))
        #expect(!text.contains("受注一覧"))
    }

    @Test("the edit form names its totals as RMS does: 総合計 and 請求金額, before → after, points taken off the latter")
    func editFormTotals() {
        var order = OrderFixtures.order(1)
        order.pointsUsed = 1_500
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.editOpened(order))
        var text = render(state).text
        #expect(text.contains("総合計 4,780円 → 4,780円"), "\(text)")
        #expect(text.contains("請求金額 3,280円 → 3,280円"))
        // 送料 800 → 1200.
        for _ in 0..<3 { _ = state.handle(.backspace) }
        for key in "1200" { _ = state.handle(.character(key)) }
        text = render(state).text
        #expect(text.contains("総合計 4,780円 → 5,180円"), "\(text)")
        #expect(text.contains("請求金額 3,280円 → 3,680円"))
    }

    @Test("荷物番号の入力 at 80×24: each basket with its addressee, the reported parcel and a blank row, the keys in the keymap's names")
    func parcelForm() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let order = ParcelFormKeyTests.order()
        _ = state.apply(.parcelsOpened(order, today: ParcelFormKeyTests.today))
        let text = render(state, width: 80, height: 24).text
        #expect(text.contains("荷物番号の入力 \(order.number)"), "\(text)")
        #expect(text.contains("送付先 \(order.packages[0].basketID)") && text.contains("送付先 99001"))
        #expect(text.contains("< ヤマト運輸") && text.contains(ShippingNumbers.valid(1)) && text.contains("報告済"))
        #expect(text.contains("（追加する荷物番号）") && text.contains("2026-12-04"))
        #expect(text.contains("C-n 追加") && text.contains("Delete 削除") && text.contains("Enter 保存"))
    }

    @Test("the confirm preview counts what will be sent and lists each skip with its reason")
    func dialog() {
        let orders = [OrderFixtures.order(1), OrderFixtures.order(2), OrderFixtures.order(3, bundle: BundleID("B"))]
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan(orders), scope: "選択 3件", hidden: HiddenChecks(numbers: [OrderNumber("398211-20261206-0000000009")]))))
        let text = render(state).text
        #expect(text.contains("注文確認通知を送る: 2件"))
        #expect(text.contains("スキップ: 1件"))
        #expect(text.contains("同梱注文は注文確認できません"))
        #expect(text.contains("表示外のチェック 1件は含めません（a: 含める）") && text.contains("表示外: 20261206-0000000009"), "\(text)")
        #expect(text.contains("[ やめる(n) ]"))
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

    @Test("the panel opens the chosen row's inputs in place; the focused input is drawn reversed")
    func panelInputs() {
        var state = PanelKeyTests.panel(at: .writeDate)
        _ = state.handle(.enter)
        for character in "2026-11-3" { _ = state.handle(.character(character)) }
        let screen = render(state, width: 120, height: 40)
        let text = screen.text
        #expect(text.contains("日付を書き込む"))
        #expect(text.contains("項目: < 入金日 >"))
        #expect(text.contains("日付: 2026-11-3_"))
        #expect(text.contains("方法: < 追記 >"))
        let line = screen.text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("日付: 2026") }!
        let lineText = screen.line(line)
        let column = String(lineText[..<lineText.range(of: "日付: 2026")!.lowerBound]).displayWidth
        #expect(screen[column, line].style.reverse, "the input being typed in is highlighted")
    }

    @Test("the result lists failures first with their message, and offers a retry of those only")
    func result() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let orders = [OrderFixtures.order(1), OrderFixtures.order(2)]
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan(orders), scope: "選択 2件")))
        _ = state.handle(.character("y"))
        #expect(render(state).text.contains("実行中: 0/2件"))
        _ = state.apply(.finished(ActionResult(lines: [
            .init(number: orders[0].number, outcome: .succeeded, text: "注文確認に成功しました"),
            .init(number: orders[1].number, outcome: .failed, text: "楽天側で一時的なエラーが起きました"),
        ])))
        let lines = render(state).text.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.contains("成功: 1件") })
        let failed = lines.firstIndex { $0.contains("× \(orders[1].number)") && $0.contains("一時的なエラー") }
        let succeeded = lines.firstIndex { $0.contains("○ \(orders[0].number)") }
        #expect(failed != nil && succeeded != nil && failed! < succeeded!)
        #expect(lines.contains { $0.contains("[ 失敗分を再実行(r) ]") })
    }

    @Test("the result lists every order of its preview: 対象 = 成功 + 失敗 + スキップ, the skipped ones with their reasons; only failures are retried")
    func resultHasEveryPreviewedOrder() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let orders = [OrderFixtures.order(1), OrderFixtures.order(2), OrderFixtures.order(3, bundle: BundleID("B"))]
        let dialog = ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan(orders), scope: "選択 3件")
        _ = state.apply(.planned(dialog))
        #expect(render(state).text.contains("スキップ: 1件"))
        _ = state.handle(.character("y"))
        // The run sends the two the preview changes; the third is the preview's skip.
        let sent = ActionResult(lines: [
            .init(number: orders[0].number, outcome: .succeeded, text: "注文確認に成功しました"),
            .init(number: orders[1].number, outcome: .failed, text: "楽天側で一時的なエラーが起きました"),
        ])
        _ = state.apply(.finished(sent.adding(dialog.plan.skips)))
        let text = render(state).text
        #expect(text.contains("成功: 1件  失敗: 1件  スキップ: 1件（対象 3件）"), "\(text)")
        #expect(text.contains("－ \(orders[2].number)  スキップ: 同梱注文は注文確認できません"))
        #expect(state.message?.text.contains("スキップ 1件") == true)
        let retried = state.handle(.character("r")).first?.planned
        #expect(retried?.numbers == [orders[1].number], "only the failed order is retried")
    }

    @Test("checks the view does not show are counted in the header, the panel and the scope of an action")
    func hiddenChecks() {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        _ = state.handle(.space)
        _ = state.handle(.space)
        state.marksOutsideView = 2
        let text = render(state, width: 160).text
        #expect(text.contains("選択 2件（うち表示外 2件）"))
        #expect(text.contains("選択 2件（うち表示外 2件）に適用"), "\(text)")
        #expect(state.handle(.character("c")).first?.planned?.scope == "選択 2件（うち表示外 2件）")
        _ = state.handle(.character("u"))
        #expect(!render(state).text.contains("表示外"))
    }

    @Test("the header keeps its counts and work in progress whole at 80 and 120 columns; the shop's name and the clock leave first", arguments: [80, 120])
    func headerFits(width: Int) {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        _ = state.handle(.space)
        state.marksOutsideView = 1
        state.status.fetching = true
        state.status.fetchProgress = (123, 4567)
        state.status.writeProgress = ("注文確認送信中", 50, 1200)
        state.status.errorCount = 12
        state.status.workerActive = false
        state.status.licenseDaysLeft = 5
        let header = render(state, width: width, height: 24).line(0)
        let parts = ["選択 1件（うち表示外 1件）", "受注取得中 123/4567", "注文確認送信中 50/1200", "エラー 12件", "licenseKey 残り5日"]
        // Every part shown is whole: none is cut at the edge.
        let shown = header.components(separatedBy: "│").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        for text in shown.dropLast() { #expect(parts.contains(text) || ["yamada（管理）", "店舗 398211", "受注 Juchu", "同期は他のプロセスが担当"].contains(text), "\(width): cut 「\(text)」") }
        #expect(header.contains(parts[0]), "\(width): \(header)")
        if width >= 120 {
            for part in parts { #expect(header.contains(part), "\(header)") }
        }
    }

    @Test("at 80×24 the help shows every action in two columns, over two pages (Space turns the page); wider, on one")
    func helpFits() {
        var state = DeskFixtures.state(rows: [])
        _ = state.perform(.help)
        state.screenHeight = 24
        var text = render(state, width: 80, height: 24).text
        #expect(text.contains("1/2") && text.contains("Space で次のページ"))
        _ = state.handle(.space)
        #expect(state.showingHelp && state.helpPage == 1)
        text += render(state, width: 80, height: 24).text
        for action in DeskAction.allCases {
            // Whole, never cut: the long label where it fits, the short one otherwise.
            #expect(text.contains(action.label) || text.contains(action.shortLabel), "\(action) is missing or cut in the help:\n\(text)")
        }
        _ = state.handle(.space)
        #expect(!state.showingHelp, "past the last page a key closes it")
        _ = state.perform(.help)
        #expect(text.contains("処理パネル") && text.contains("確認画面"))
        let wide = render(state, width: 200, height: 50).text
        #expect(wide.contains(DeskAction.markAll.label), "the long labels where there is room")
    }

    @Test("at 80×24 the detail wraps the money line and a long address instead of cutting them, and the panel's long titles wrap")
    func wrapsAt80() throws {
        var order = OrderFixtures.order(1)
        order.couponTotal = 300
        order.pointsUsed = 1_500
        order.fees.cashOnDelivery = .yen(330)
        order.packages[0].destination.subAddress = "港区六本木6丁目10番1号 六本木ヒルズ森タワー 42階 ｶﾌﾞｼｷｶﾞｲｼｬ ﾛｯﾎﾟﾝｷﾞ"
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.detailLoaded(order, journal: []))
        _ = state.perform(.focusNext)
        _ = state.perform(.focusNext)
        // The detail read whole, scrolled line by line as the operator does.
        var text = ""
        for scroll in 0..<6 {
            state.detailScroll = scroll
            text += render(state, width: 80, height: 40).text
        }
        for part in ["総合計 4,810円", "請求金額 3,310円", "代引手数料 330円", "42階"] {
            #expect(text.contains(part), "\(part) is not whole:\n\(text)")
        }
        // Every line of the detail ends inside its box: nothing is cut at the border.
        let panelState = PanelKeyTests.panel(at: .acceptRMSChanges)
        let panel = render(panelState, width: 80, height: 40).text
        #expect(panel.contains("RMSの変更を受け入れる（差") && panel.contains("分あり）"), "\(panel)")
    }
}
