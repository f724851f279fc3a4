import Foundation
import OrderEngine
import Testing
import TestSupport
import ShopSettings
@testable import TerminalUI

extension DeskEffect {
    /// The panel row, orders and scope of a `.plan` effect.
    var planned: (item: PanelItem, numbers: [OrderNumber], scope: String)? {
        if case .plan(let item, let numbers, let scope, _, _) = self { (item, numbers, scope) } else { nil }
    }

    /// The orders of a `.run` effect.
    var ran: [OrderNumber]? {
        if case .run(let dialog) = self { dialog.plan.changes.map(\.number) } else { nil }
    }

    var isLoadMore: Bool { if case .loadMoreRows = self { true } else { false } }
    var isReload: Bool { if case .reloadRows = self { true } else { false } }
}

@Suite("Keys at the desk")
struct DeskKeyTests {
    @Test("Space checks the row and moves down; c plans 注文確認 for the checked rows")
    func markAndConfirm() {
        var state = DeskFixtures.state(rows: (0..<5).map { DeskFixtures.row($0) })
        _ = state.handle(.space)
        _ = state.handle(.character("j"))
        _ = state.handle(.space)
        #expect(state.marks == [DeskFixtures.row(0).number, DeskFixtures.row(2).number])
        #expect(state.grid.cursor == 3)
        let planned = state.handle(.character("c")).first?.planned
        #expect(planned?.item.kind == .confirm)
        #expect(planned?.numbers == state.marks)
        #expect(planned?.scope == "選択 2件")
    }

    @Test("with nothing checked an action applies to the cursor row, and says so")
    func cursorRow() {
        var state = DeskFixtures.state(rows: (0..<5).map { DeskFixtures.row($0) })
        _ = state.handle(.down)
        let planned = state.handle(.character("c")).first?.planned
        #expect(planned?.numbers == [DeskFixtures.row(1).number])
        #expect(planned?.scope.hasPrefix("カーソル行 1件") == true)
    }

    @Test("the preview's default button is Cancel: Enter cancels, y runs, Tab+Enter runs")
    func dialogDefaultCancel() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let plan = ConfirmAction().plan([OrderFixtures.order(1)])
        let dialog = ActionDialog(item: DeskFixtures.item(.confirm), plan: plan, scope: "s")
        _ = state.apply(.planned(dialog))
        #expect(state.handle(.enter).isEmpty)
        #expect(state.dialog == nil)

        _ = state.apply(.planned(dialog))
        #expect(state.handle(.character("y")).first?.ran == [OrderFixtures.order(1).number])
        #expect(state.dialog?.isRunning == true)

        _ = state.apply(.planned(dialog))
        _ = state.handle(.tab)
        #expect(state.handle(.enter).first?.ran == [OrderFixtures.order(1).number])
    }

    @Test("while it runs only Esc does something (stop); the result offers a retry of the failed orders only")
    func runningAndResult() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let orders = [OrderFixtures.order(1), OrderFixtures.order(2)]
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan(orders), scope: "s")))
        _ = state.handle(.character("y"))
        #expect(state.handle(.character("y")).isEmpty)
        #expect(state.handle(.character("c")).isEmpty)
        #expect(state.dialog?.isRunning == true, "a running action is not closed by other keys")
        guard case .stopRunning = state.handle(.escape).first else {
            Issue.record("Esc did not stop the action")
            return
        }
        _ = state.apply(.progress(done: 1, total: 2))
        guard case .running(let done, _) = state.dialog?.stage else {
            Issue.record("not running")
            return
        }
        #expect(done == 1)
        let effects = state.apply(.finished(ActionResult(lines: [
            .init(number: orders[0].number, outcome: .succeeded, text: "注文確認に成功しました"),
            .init(number: orders[1].number, outcome: .failed, text: "一時的なエラー"),
        ])))
        #expect(effects.contains { $0.isReload })
        #expect(state.message?.text.contains("失敗 1件") == true)
        let retry = state.handle(.character("r")).first?.planned
        #expect(retry?.numbers == [orders[1].number])
        #expect(retry?.scope == "失敗した 1件")
        #expect(state.dialog == nil)
    }

    @Test("Ctrl-C asks before quitting; q quits at once; unbound keys do nothing")
    func quit() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        #expect(state.handle(.character("Z")).isEmpty)
        _ = state.handle(.control("c"))
        #expect(state.askingToQuit && !state.quitRequested)
        _ = state.handle(.character("n"))
        #expect(!state.askingToQuit && !state.quitRequested)
        _ = state.handle(.control("c"))
        _ = state.handle(.character("y"))
        #expect(state.quitRequested)
        var other = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = other.handle(.character("q"))
        #expect(other.quitRequested)
    }

    @Test("within three pages of the loaded rows' end they are read ahead; a page that would pass the end reads them first")
    func loadMore() {
        var state = DeskFixtures.state(rows: (0..<40).map { DeskFixtures.row($0) })
        state.grid.hasMore = true
        state.grid.visibleRows = 10
        #expect(!state.grid.wantsReadAhead)
        var pages = 0
        while !state.handle(.pageDown).contains(where: \.isLoadMore) {
            pages += 1
            // Read ahead (while the keys pause) from three pages before the end, not earlier.
            #expect(state.grid.wantsReadAhead == (state.grid.cursor + 30 >= 40))
        }
        #expect(state.grid.cursor + 10 >= 40 && pages >= 2)
        state.grid.hasMore = false
        #expect(!state.handle(.pageDown).contains { $0.isLoadMore })
        #expect(!state.grid.wantsReadAhead)
    }
}

@Suite("Marking and search")
struct MarkingKeyTests {
    @Test("V checks every row from the last checked one to the cursor")
    func range() {
        var state = DeskFixtures.state(rows: (0..<8).map { DeskFixtures.row($0) })
        _ = state.handle(.down)
        _ = state.handle(.space)  // row 1, cursor to 2
        _ = state.handle(.down)
        _ = state.handle(.down)  // cursor 4
        _ = state.handle(.character("V"))
        #expect(state.marks == (1...4).map { DeskFixtures.row($0).number })
    }

    @Test("A checks everything the filter shows; I inverts the checks among them")
    func allAndInvert() {
        var state = DeskFixtures.state(rows: (0..<4).map { DeskFixtures.row($0) })
        guard case .markAllMatching(invert: false) = state.handle(.character("A")).first else {
            Issue.record("A did not ask for the matching orders")
            return
        }
        let shown = (0..<4).map { DeskFixtures.row($0).number }
        _ = state.handle(.space)  // row 0 checked first
        _ = state.apply(.matching(shown, invert: false))
        #expect(state.marks == shown)
        _ = state.apply(.matching(Array(shown.prefix(2)), invert: true))
        #expect(state.marks == Array(shown.suffix(2)))
        _ = state.apply(.matching(shown, invert: true))
        #expect(state.marks == Array(shown.prefix(2)))
    }

    @Test("/ searches as the operator types; letters do not run actions; Esc clears the search")
    func search() {
        var state = DeskFixtures.state(rows: (0..<4).map { DeskFixtures.row($0) })
        _ = state.handle(.character("/"))
        for character in "佐藤q" {
            #expect(state.handle(.character(character)).contains { $0.isReload })
        }
        #expect(!state.quitRequested)
        #expect(state.filter.search == "佐藤q")
        _ = state.handle(.backspace)
        _ = state.handle(.enter)
        #expect(state.filter.search == "佐藤" && !state.typingSearch)
        _ = state.handle(.character("/"))
        #expect(state.handle(.escape).contains { $0.isReload })
        #expect(state.filter.search == nil)
    }

    @Test("Esc at the grid clears a confirmed search, so that the next / starts empty; without a search it does nothing")
    func escapeClearsConfirmedSearch() {
        var state = DeskFixtures.state(rows: (0..<4).map { DeskFixtures.row($0) })
        _ = state.handle(.character("/"))
        for character in "1005" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.filter.search == "1005" && !state.typingSearch)
        #expect(state.handle(.escape).contains { $0.isReload })
        #expect(state.filter.search == nil)
        #expect(state.message?.text == "検索を解除しました")
        _ = state.handle(.character("/"))
        _ = state.handle(.character("中"))
        #expect(state.filter.search == "中")
        _ = state.handle(.escape)
        #expect(state.handle(.escape).isEmpty)
        #expect(state.filter.search == nil)
    }
}

@Suite("Saved views")
struct SavedViewKeyTests {
    @Test("v and a number show a saved view: its status tab and search; another key closes the list")
    func choose() {
        var state = DeskState(shopID: "1", operatorName: "a", views: [
            SavedView(name: "代引", status: .awaitingPayment, search: "支払:代金引換"),
            SavedView(name: "全メール便", status: nil, search: "チェック:メール便"),
        ], keymap: .standard)
        _ = state.handle(.character("v"))
        #expect(state.choosingView)
        #expect(state.handle(.character("1")).contains { $0.isReload })
        #expect(state.currentStatus == .awaitingPayment && state.filter.search == "支払:代金引換")
        _ = state.handle(.character("v"))
        _ = state.handle(.character("2"))
        #expect(state.currentStatus == .awaitingPayment, "a view without a status keeps the tab")
        #expect(state.filter.search == "チェック:メール便")
        _ = state.handle(.character("v"))
        #expect(state.handle(.character("x")).isEmpty && !state.choosingView)
        #expect(!state.quitRequested)
    }
}

@Suite("Keys in the processing panel")
struct PanelKeyTests {
    /// The state with the panel focused and the row of `kind` chosen.
    static func panel(at kind: ActionID) -> DeskState {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        _ = state.handle(.tab)
        while state.chosenPanelItem.kind != kind { _ = state.handle(.down) }
        return state
    }

    @Test("a date write: field, typed value and 上書き chosen in place, planned for the cursor row")
    func dateWrite() throws {
        var state = Self.panel(at: .writeDate)
        _ = state.handle(.character("+"))  // into the row's first pick list: 入金日 → 出荷予定日
        _ = state.handle(.right)
        for character in "2026-11-3q" { _ = state.handle(.character(character)) }
        #expect(!state.quitRequested, "q typed into the date does not quit")
        #expect(state.message?.text.contains("「q」は日付に入力できません") == true)
        _ = state.handle(.character("１"))  // full-width, as an IME types it
        _ = state.handle(.character("j"))
        #expect(state.chosenPanelItem.text(1) == "2026-11-31", "j is neither typed nor a move while the date has the focus")
        _ = state.handle(.backspace)
        _ = state.handle(.character("0"))
        _ = state.handle(.right)
        _ = state.handle(.space)  // 追記 → 上書き
        let planned = try #require(state.handle(.enter).first?.planned)
        #expect(planned.numbers == [DeskFixtures.row(0).number])
        #expect(try planned.item.action(statuses: state.statuses) == .writeDate(.plannedShipmentDate, CalendarDate(parsing: "2026-11-30"), .overwrite))
    }

    @Test("a bad value is refused with what is wrong, before anything is planned")
    func badInput() {
        var state = Self.panel(at: .writeFee)
        _ = state.handle(.enter)  // to the amount, the row's text input
        for character in "1000000" { _ = state.handle(.character(character)) }
        #expect(throws: ActionInputError.self) { try state.chosenPanelItem.action(statuses: state.statuses) }
        do {
            _ = try state.chosenPanelItem.action(statuses: state.statuses)
        } catch {
            #expect(error.description.contains("0〜999,999円"))
        }
    }

    @Test("every panel row turns into its engine action with the default inputs, or says what is missing")
    func everyRow() throws {
        let state = DeskFixtures.state(rows: [])
        for item in state.panelItems {
            switch item.kind {
            case .writeDate:
                #expect(throws: ActionInputError.self) { try item.action(statuses: state.statuses) }  // 追記 of a blank
            case .writeFee:
                #expect(throws: ActionInputError.self) { try item.action(statuses: state.statuses) }  // no amount
            case .undo, .fetch, .importTracking, .importRMSCSV, .testRules, .runRules, .enterOrder, .reconcile:
                #expect(try item.action(statuses: state.statuses).engineAction(today: DeskFixtures.today) == nil)
            case .printSlips, .printReceipt:
                guard case .printSlips(let slip) = try item.action(statuses: state.statuses) else {
                    Issue.record("\(item.kind) is not a slip")
                    continue
                }
                #expect(slip.kind == (item.kind == .printReceipt ? .receipt : .deliveryNote))
            case .sendMail, .testMail:
                // No [mail]: no templates to choose, and it says so.
                #expect(throws: ActionInputError.self) { try item.action(statuses: state.statuses) }
                let mailing = PanelItem.standard(statuses: state.statuses, flags: [], mailTemplates: ["サンクスメール", "発送メール"])
                    .first { $0.kind == item.kind }!
                switch try mailing.action(statuses: state.statuses) {
                case .sendMail(let template, let resend): #expect(template == "サンクスメール" && !resend)
                case .testMail(let template): #expect(template == "サンクスメール")
                default: Issue.record("\(item.kind) is not a mail")
                }
            default:
                guard try item.action(statuses: state.statuses).engineAction(today: DeskFixtures.today) != nil else {
                    Issue.record("\(item.kind) is not an engine action")
                    continue
                }
            }
        }
    }
}

@Suite("Keys in the preview")
struct DialogKeyTests {
    @Test("j and k scroll the list of orders; other desk keys do nothing while it is open")
    func scroll() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let plan = ConfirmAction().plan((1...30).map { OrderFixtures.order($0) })
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: plan, scope: "s")))
        _ = state.handle(.character("j"))
        _ = state.handle(.character("j"))
        #expect(state.dialog?.scroll == 2)
        _ = state.handle(.character("k"))
        #expect(state.dialog?.scroll == 1)
        #expect(state.handle(.character("c")).isEmpty)
        #expect(state.dialog != nil)
    }
}

@Suite("Moving through the grid")
struct GridMovingTests {
    @Test("stepping past the last row shown jumps half a page, not one row at a time")
    func halfPageJump() {
        var grid = GridModel()
        grid.rows = (0..<100).map { DeskFixtures.row($0) }
        grid.visibleRows = 20
        for _ in 0..<19 { grid.move(by: 1) }
        #expect(grid.top == 0, "the cursor is still on screen")
        grid.move(by: 1)
        #expect(grid.cursor == 20)
        #expect(grid.top == 10, "the cursor comes to the middle")
        for _ in 0..<9 { grid.move(by: 1) }
        #expect(grid.top == 10, "the next nine steps do not scroll")
        grid.move(by: -25)
        #expect(grid.cursor == 4)
        #expect(grid.top == 0, "going back up past the top clamps at the first row")
    }
}

@Suite("注文内容修正 at the desk")
struct EditFormKeyTests {
    @Test("e asks for the cursor row; typed digits change the focused amount; a reduction needs its reason before it is saved")
    func editForm() throws {
        var state = DeskFixtures.state(rows: (0..<3).map { DeskFixtures.row($0) })
        let opened = state.handle(.character("e"))
        guard case .openEdit(let number)? = opened.first else {
            Issue.record("e did not open the form: \(opened)")
            return
        }
        #expect(number == DeskFixtures.row(0).number)
        let order = OrderFixtures.order(1)
        _ = state.apply(.editOpened(order))
        #expect(state.editForm?.focused == .fee(.shipping))
        // 送料: cleared and typed again, lower than before.
        for _ in 0..<8 { _ = state.handle(.backspace) }
        _ = state.handle(.character("3"))
        _ = state.handle(.character("x"))  // not a digit: ignored
        #expect(state.editForm?.text(of: .fee(.shipping)) == "3")
        #expect(state.handle(.enter).isEmpty, "a reduction without its reason is not saved")
        #expect(state.editForm?.problems == ["金額が下がるときは楽天減額理由を選んでください"])
        // To the reason (the last field of the amounts), choose 欠品, save.
        for _ in 0..<20 where state.editForm?.focused != .reductionReason { _ = state.handle(.down) }
        #expect(state.editForm?.focused == .reductionReason)
        _ = state.handle(.right)
        #expect(state.editForm?.reasonLabel == "欠品")
        let saved = state.handle(.enter)
        guard case .saveEdit(let edit, let details, let original, _)? = saved.first, let edit else {
            Issue.record("Enter did not save: \(saved)")
            return
        }
        #expect(edit.fees.shipping == Money.yen(3) && edit.reductionReason == 8 && original.number == order.number)
        #expect(details.values.isEmpty, "no detail was changed")
        #expect(state.apply(.editSaved(problems: [])).contains { $0.isReload })
        #expect(state.editForm == nil)
        #expect(state.message?.text.contains("RMSには未反映") == true)
    }

    @Test("Esc closes the form and changes nothing; with something typed, the first Esc asks and the second discards")
    func cancelForm() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.editOpened(OrderFixtures.order(1)))
        #expect(state.handle(.escape).isEmpty)
        #expect(state.editForm == nil, "nothing typed: Esc closes at once")
        _ = state.apply(.editOpened(OrderFixtures.order(1)))
        _ = state.handle(.character("9"))
        #expect(state.handle(.escape).isEmpty)
        #expect(state.editForm?.text(of: .fee(.shipping)) == "9", "the first Esc keeps what was typed")
        #expect(state.editForm?.problems.first?.contains("もう一度 Esc で破棄") == true)
        _ = state.handle(.escape)
        #expect(state.editForm == nil)
    }
}

extension PanelKeyTests {
    @Test("full-width digits and dashes, as an IME types them, are the ASCII ones in the panel's inputs and in 注文内容修正")
    func fullWidthInput() throws {
        var state = Self.panel(at: .writeFee)
        _ = state.handle(.enter)
        for character in "１，２００" { _ = state.handle(.character(character)) }
        #expect(try state.chosenPanelItem.action(statuses: state.statuses) == .writeFee(.shipping, amount: 1_200))
        var dates = Self.panel(at: .writeDate)
        _ = dates.handle(.enter)
        for character in "２０２６－１２－０３" { _ = dates.handle(.character(character)) }
        #expect(dates.chosenPanelItem.text(1) == "2026-12-03")
        var form = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = form.apply(.editOpened(OrderFixtures.order(1)))
        for character in "１３００" { _ = form.handle(.character(character)) }
        #expect(form.editForm?.text(of: .fee(.shipping)) == "1300", "typed over the kept 800, in full-width digits")
    }

    @Test("a text input gets keys only while it has the focus: back in the panel by Tab, j moves the row; reached again, typing replaces the kept value")
    func inputFocus() {
        var state = Self.panel(at: .writeFee)
        _ = state.handle(.enter)
        for character in "800" { _ = state.handle(.character(character)) }
        // To the grid and back: the row has the focus, not the amount.
        _ = state.handle(.tab)
        _ = state.handle(.tab)
        _ = state.handle(.tab)
        #expect(state.focus == .panel)
        let row = state.panelCursor
        _ = state.handle(.character("j"))
        #expect(state.panelCursor == row + 1, "j moved the panel's cursor")
        _ = state.handle(.character("k"))
        #expect(state.chosenPanelItem.text(1) == "800", "nothing was typed into the amount")
        // Reached again: the kept value is shown as the one typing replaces.
        _ = state.handle(.enter)
        #expect(state.chosenPanelItem.inputs[1].replacesOnType)
        let text = DeskView(theme: DeskFixtures.theme).render(state, width: 120, height: 40, now: Date(timeIntervalSince1970: 1_795_400_000)).text
        #expect(text.contains("入力すると置き換えます"))
        for character in "550" { _ = state.handle(.character(character)) }
        #expect(state.chosenPanelItem.text(1) == "550")
        // Backspace edits the kept value instead.
        _ = state.handle(.left)  // 金額 → 項目
        _ = state.handle(.right)
        _ = state.handle(.backspace)
        _ = state.handle(.character("1"))
        #expect(state.chosenPanelItem.text(1) == "551")
    }

    @Test("the date input's placeholder is today in Japan")
    func datePlaceholder() {
        var state = Self.panel(at: .writeDate)
        _ = state.handle(.down)
        _ = state.handle(.up)
        // 2026-12-04 23:30 in Japan is 14:30 UTC.
        let now = Date(timeIntervalSince1970: 1_796_394_600)
        let text = DeskView(theme: DeskFixtures.theme).render(state, width: 120, height: 40, now: now).text
        #expect(text.contains("日付: 2026-12-04"), "\(text)")
    }
}

extension DeskKeyTests {
    @Test("Ctrl-L redraws in every mode: a dialog, the edit form, the help, a search being typed — and leaves them open")
    func redrawEverywhere() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        func redraws() -> Bool { state.handle(.control("l")).contains { if case .redrawAll = $0 { true } else { false } } }
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan([OrderFixtures.order(1)]), scope: "s")))
        #expect(redraws() && state.dialog != nil)
        state.dialog = nil
        _ = state.apply(.editOpened(OrderFixtures.order(1)))
        #expect(redraws() && state.editForm != nil)
        state.editForm = nil
        _ = state.perform(.help)
        #expect(redraws() && state.showingHelp)
        state.showingHelp = false
        _ = state.perform(.search)
        _ = state.handle(.character("佐"))
        #expect(redraws() && state.typingSearch && state.search == "佐")
    }
}

@Suite("Action identities: one registry for panel rows, keymap names and the journal")
struct ActionIdentityTests {
    @Test("a key that runs a panel row has the row's action id as its keymap name, and the row exists")
    func keysNameTheirRows() {
        let rows = PanelItem.standard(statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags)
        let direct = DeskAction.allCases.filter { $0.panelAction != nil }
        #expect(direct.count == ActionID.allCases.count, "every panel row can have a key of its own")
        for action in direct {
            let id = action.panelAction!
            #expect(action.rawValue == id.rawValue)
            #expect(rows.contains { $0.kind == id })
        }
        #expect(DeskAction.confirm.label == ConfirmAction().title)
    }

    @Test("every panel row's title is its action's, and each row turns into its own action")
    func rowsAreActions() throws {
        for row in PanelItem.standard(statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags, mailTemplates: ["サンクスメール"]) {
            #expect(row.title == row.kind.title)
            // Rows with an empty text input (a date, a fee) refuse until it is filled.
            guard row.inputs.allSatisfy({ !$0.isText }) else { continue }
            let value = try row.action(statuses: LocalStatus.defaults)
            #expect(value.id == row.kind)
            if let action = try value.engineAction(today: DeskFixtures.today) { #expect(action.id == row.kind) }
        }
    }
}

@Suite("荷物番号の入力 at the desk")
struct ParcelFormKeyTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!

    /// A confirmed order with two baskets, the first holding a reported parcel.
    static func order() -> Order {
        var order = OrderFixtures.confirmed(1)
        order.packages.append(Package(basketID: 99_001, destination: OrderFixtures.otherPerson, items: order.packages[0].items,
                                      postage: .yen(0), cashOnDeliveryFee: .zero))
        order.parcels = [Parcel(basketID: order.packages[0].basketID, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(1),
                                shippedOn: today, shippingDetailID: 100_000_000_001, report: .reported)]
        return order
    }

    @Test("t asks for the cursor row; a number typed on a basket's blank row (full-width as an IME types it), C-n for one more, saved as additions in order")
    func additions() throws {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        guard case .openParcels(let number)? = state.handle(.character("t")).first else {
            Issue.record("t did not open the form")
            return
        }
        #expect(number == DeskFixtures.row(0).number)
        let order = Self.order()
        _ = state.apply(.parcelsOpened(order, today: Self.today))
        let form = try #require(state.parcelForm)
        #expect(form.entries.map(\.isNew) == [false, true, true], "the reported parcel, then a blank row per basket")
        #expect(form.row == 1 && form.column == .number, "the first blank row's number has the focus")
        for character in ShippingNumbers.valid(2).map({ Character(UnicodeScalar($0.unicodeScalars.first!.value + 0xFEE0)!) }) {
            _ = state.handle(.character(character))
        }
        #expect(state.parcelForm?.focused.number == ShippingNumbers.valid(2))
        _ = state.handle(.control("n"))
        #expect(state.parcelForm?.entries.count == 4 && state.parcelForm?.row == 2, "one more row for the same basket")
        for character in ShippingNumbers.valid(3) { _ = state.handle(.character(character)) }
        // Down to the second basket: its carrier, then 佐川急便 (1002) chosen with Space.
        _ = state.handle(.down)
        _ = state.handle(.backTab)
        #expect(state.parcelForm?.column == .carrier)
        _ = state.handle(.character(" "))
        for character in ShippingNumbers.valid(4) { _ = state.handle(.character(character)) }  // not typed: the carrier is focused
        _ = state.handle(.tab)
        for character in ShippingNumbers.valid(4) { _ = state.handle(.character(character)) }
        let saved = state.handle(.enter)
        guard case .saveParcels(let edits, let savedNumber, let expected)? = saved.first else {
            Issue.record("Enter did not save: \(saved) \(state.parcelForm?.problems ?? [])")
            return
        }
        #expect(savedNumber == order.number && expected == order.parcels)
        let first = order.packages[0].basketID
        #expect(edits == [
            .add(Parcel(basketID: first, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(2), shippedOn: Self.today)),
            .add(Parcel(basketID: first, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(3), shippedOn: Self.today)),
            .add(Parcel(basketID: 99_001, carrier: Carrier(code: "1002"), trackingNumber: ShippingNumbers.valid(4), shippedOn: Self.today)),
        ])
        #expect(state.apply(.parcelsSaved(problem: nil)).contains { $0.isReload })
        #expect(state.parcelForm == nil && state.message?.text.contains("荷物番号を保存しました") == true)
    }

    @Test("a reported parcel's number changed is a correction; Delete takes one back; a bad check digit or date is refused with where it is; Esc changes nothing")
    func corrections() throws {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let order = Self.order()
        _ = state.apply(.parcelsOpened(order, today: Self.today))
        _ = state.handle(.up)
        #expect(state.parcelForm?.row == 0)
        let bad = String(ShippingNumbers.valid(5).dropLast()) + String((ShippingNumbers.valid(5).last!.wholeNumberValue! + 1) % 10)
        for character in bad { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter).isEmpty)
        #expect(state.parcelForm?.problems.first?.contains("送付先 \(order.packages[0].basketID) の荷物 \(ShippingNumbers.valid(1))") == true)
        #expect(state.parcelForm?.problems.first?.contains("検査数字") == true)
        for _ in 0..<12 { _ = state.handle(.backspace) }
        for character in ShippingNumbers.valid(5) { _ = state.handle(.character(character)) }
        _ = state.handle(.tab)
        for character in "2026-13-01" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter).isEmpty)
        #expect(state.parcelForm?.problems.first?.contains("発送日「2026-13-01」は日付ではありません") == true)
        for _ in 0..<10 { _ = state.handle(.backspace) }
        for character in "20261203" { _ = state.handle(.character(character)) }
        guard case .saveParcels(let edits, _, _)? = state.handle(.enter).first else {
            Issue.record("not saved: \(state.parcelForm?.problems ?? [])")
            return
        }
        #expect(edits == [.amend(trackingNumber: ShippingNumbers.valid(1), carrier: nil, newNumber: ShippingNumbers.valid(5),
                                 shippedOn: CalendarDate(year: 2026, month: 12, day: 3))])
        #expect(try order.applyingParcelEdits(edits).parcels.map(\.report) == [.amended])

        var deleting = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = deleting.apply(.parcelsOpened(order, today: Self.today))
        _ = deleting.handle(.up)
        _ = deleting.handle(.delete)
        #expect(deleting.parcelForm?.entries[0].deleting == true)
        guard case .saveParcels(let removal, _, _)? = deleting.handle(.enter).first else {
            Issue.record("not saved")
            return
        }
        #expect(removal == [.delete(trackingNumber: ShippingNumbers.valid(1))])
        #expect(try order.applyingParcelEdits(removal).parcels.map(\.report) == [.deleted])

        var cancelled = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = cancelled.apply(.parcelsOpened(order, today: Self.today))
        _ = cancelled.handle(.character("1"))
        #expect(cancelled.handle(.escape).isEmpty && cancelled.parcelForm == nil)
    }
}
