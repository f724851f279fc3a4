import Foundation
import OrderEngine
import ShopSettings
import Testing
import TestSupport
@testable import TerminalUI

/// The desk's one focus model, walked key by key:
/// - the pane that has the focus is named in its title;
/// - in the panel the row has the focus until Enter, Right, a pick-list key or a character the row's
///   text input takes (and no key is bound to) gives it to an input; Esc gives it back and does
///   nothing else; Esc outside the grid goes back to the grid and never clears its search;
/// - movement keys never type into a field; Tab and S-Tab never land in one;
/// - after an action runs the row has the focus again, and a value typed for one order (a
///   receipt's 宛名) is never offered for another.
@Suite("The focus model: every pane and field against every navigation key")
struct FocusModelTests {
    static let navigation: [Key] = [
        .character("j"), .character("k"), .up, .down, .left, .right, .tab, .backTab, .escape, .pageUp, .pageDown, .home, .end,
    ]

    /// A desk with a confirmed search, its rows, and every text input of the panel holding a value.
    static func desk() -> DeskState {
        var state = DeskFixtures.state(rows: (0..<6).map { DeskFixtures.row($0) })
        state.search = "支払:カード"
        for row in state.panelItems.indices {
            for input in state.panelItems[row].inputs.indices where state.panelItems[row].inputs[input].isText {
                state.panelItems[row].inputs[input].value = .text(state.panelItems[row].inputs[input].takesAnyText ? "山田" : "800")
            }
        }
        return state
    }

    /// Every place the focus can be: the grid, the detail, each panel row, each input of each row.
    static var places: [(name: String, state: DeskState)] {
        var places: [(String, DeskState)] = []
        var grid = desk()
        grid.focus = .grid
        places.append(("一覧", grid))
        var detail = desk()
        detail.focus = .detail
        places.append(("詳細", detail))
        for (row, item) in desk().panelItems.enumerated() {
            var atRow = desk()
            atRow.focus = .panel
            atRow.panelCursor = row
            places.append(("\(item.title)", atRow))
            for (input, field) in item.inputs.enumerated() {
                var atInput = atRow
                atInput.enterInput(input)
                places.append(("\(item.title) › \(field.label)", atInput))
            }
        }
        return places
    }

    /// The text inputs' values; `perOrder` too unless the order in hand changed (a 宛名 is then forgotten).
    static func texts(_ state: DeskState, perOrder: Bool = true) -> [String] {
        state.panelItems.flatMap { $0.inputs.filter { $0.isText && (perOrder || !$0.perOrder) }.map(\.display) }
    }

    @Test("no navigation key types into a field, Tab never lands in one, Esc leaves a field first and does nothing else")
    func table() {
        var walked = 0
        for (name, start) in Self.places {
            for key in Self.navigation {
                var state = start
                let effects = state.handle(key)
                walked += 1
                let moved = state.grid.cursorRow?.number != start.grid.cursorRow?.number
                #expect(Self.texts(state, perOrder: !moved) == Self.texts(start, perOrder: !moved), "\(name) + \(key): a field's value changed")
                if moved { #expect(state.panelItems.allSatisfy { $0.inputs.allSatisfy { !$0.perOrder || $0.display.isEmpty } }, "\(name) + \(key): a 宛名 kept for another order") }
                // Esc in the grid is its clear-search; anywhere else it never touches the search.
                let clearsSearch = key == .escape && start.focus == .grid
                #expect(state.search == start.search || clearsSearch, "\(name) + \(key): the grid's search changed")
                if key == .tab || key == .backTab {
                    #expect(state.panelInput == nil, "\(name) + \(key): Tab landed in a field")
                    #expect(state.focus != start.focus)
                }
                if key == .escape, !clearsSearch {
                    #expect(effects.isEmpty, "\(name) + Esc asked for more than a focus change: \(effects)")
                    #expect(state.grid.cursor == start.grid.cursor)
                    if start.panelInput != nil {
                        #expect(state.focus == .panel && state.panelInput == nil && state.panelCursor == start.panelCursor, "\(name) + Esc")
                    } else if start.focus != .grid {
                        #expect(state.focus == .grid, "\(name) + Esc: back to the grid")
                    }
                }
                if start.focus == .panel, start.panelInput == nil, key == .character("j") || key == .down {
                    #expect(state.panelCursor == min(start.panelCursor + 1, start.panelItems.count - 1) && state.panelInput == nil, "\(name) + \(key)")
                }
                // The pane with the focus is named in its title, not by colour alone.
                let text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_795_400_000)).text
                let title = ["受注一覧", "処理パネル", "詳細"][state.focus.rawValue]
                #expect(text.contains("\(title)") && text.components(separatedBy: "（操作中）").count == 2, "\(name) + \(key): one pane named as focused")
            }
        }
        #expect(walked > 500, "every place and key walked: \(walked)")
    }

    @Test("a text input takes the focus on Enter, or on a character it takes that no key is bound to; a bound key at the row is a command")
    func fieldTakesFocus() throws {
        var state = Self.desk()
        state.focus = .panel
        state.panelCursor = try #require(state.panelItems.firstIndex { $0.kind == .printReceipt })
        // u at the row clears the checks; it is not typed into 宛名 (which is forgotten: the orders in hand changed).
        state.marks = [DeskFixtures.row(0).number]
        _ = state.handle(.character("u"))
        #expect(state.marks.isEmpty && state.panelInput == nil && state.chosenPanelItem.text(0) == "")
        state.panelItems[state.panelCursor].inputs[0].value = .text("山田")
        // A character no key is bound to goes into 宛名, which takes the focus.
        _ = state.handle(.character("様"))
        #expect(state.panelInput == 0 && state.chosenPanelItem.text(0) == "様", "typing replaced the kept value")
        // In a text input a character bound to a desk key (? キー一覧, q 終了) is typed, not run.
        _ = state.handle(.character("?"))
        _ = state.handle(.character("q"))
        #expect(state.chosenPanelItem.text(0) == "様?q" && !state.showingHelp && !state.quitRequested)
        for _ in 0..<2 { _ = state.handle(.backspace) }
        // Enter runs the row from its input; the preview accepted, the row has the focus again.
        let planned = try #require(state.handle(.enter).first?.planned)
        _ = state.apply(.planned(ActionDialog(item: planned.item, plan: ConfirmAction().plan([OrderFixtures.order(1)]), scope: "s")))
        _ = state.handle(.character("y"))
        #expect(state.panelInput == nil, "after the action the row has the focus, not 但し書き")
        #expect(state.chosenPanelItem.text(0) == "", "the 宛名 typed for this order is not offered for the next")
        state.dialog = nil
        state.marks = [DeskFixtures.row(1).number]
        _ = state.handle(.character("u"))
        #expect(state.marks.isEmpty, "a later u is the command")
        #expect(state.chosenPanelItem.text(1) == "山田", "但し書き is the shop's, kept")
    }

    @Test("an action's key that opens an input takes the focus from the grid and gives it back when the action has run (or Esc)")
    func focusReturns() throws {
        var state = Self.desk()
        state.panelItems[state.panelItems.firstIndex { $0.kind == .writeFee }!].inputs[1].value = .text("")
        #expect(state.handle(.character("F")).isEmpty)
        #expect(state.focus == .panel && state.chosenPanelItem.kind == .writeFee && state.panelInput == 1)
        for character in "800" { _ = state.handle(.character(character)) }
        let planned = try #require(state.handle(.enter).first?.planned)
        _ = state.apply(.planned(ActionDialog(item: planned.item, plan: ConfirmAction().plan([OrderFixtures.order(1)]), scope: "s")))
        _ = state.handle(.character("y"))
        #expect(state.focus == .grid && state.panelInput == nil, "back where the operator started")
        state.dialog = nil
        state.panelItems[state.panelCursor].inputs[1].value = .text("")
        _ = state.handle(.character("F"))
        _ = state.handle(.escape)
        #expect(state.focus == .grid, "Esc leaves the input and goes back to the grid it came from")
    }

    @Test("a receipt's 宛名 typed for one order is forgotten when the cursor moves to another")
    func perOrderValue() throws {
        var state = Self.desk()
        let receipt = try #require(state.panelItems.firstIndex { $0.kind == .printReceipt })
        state.panelItems[receipt].inputs[0].value = .text("山田商店")
        _ = state.perform(.cursorDown)
        #expect(state.panelItems[receipt].text(0) == "")
    }

    @Test("the panel's groups are jumped to by their number; digits in an input are typed")
    func groups() throws {
        var state = Self.desk()
        state.focus = .panel
        let groups = state.panelGroups
        #expect(groups.count <= 9, "\(groups)")
        for (index, group) in groups.enumerated() {
            _ = state.handle(.character(Character(String(index + 1))))
            #expect(state.chosenPanelItem.group == group && state.panelInput == nil)
        }
        state.panelCursor = try #require(state.panelItems.firstIndex { $0.kind == .writeFee })
        _ = state.handle(.enter)
        _ = state.handle(.character("3"))
        #expect(state.chosenPanelItem.kind == .writeFee && state.chosenPanelItem.text(1) == "3")
    }
}

@Suite("The command palette and the keys of the panel's rows")
struct CommandPaletteTests {
    @Test("そうりょう, 送料, ソウリョウ and fee find 手数料を書き込む; shown with its key")
    func finds() throws {
        let palette = CommandPalette(panel: PanelItem.standard(statuses: LocalStatus.defaults, flags: ShopConfig.defaultFlags, mailTemplates: ["発送通知", "サンクスメール"]))
        for query in ["そうりょう", "送料", "ソウリョウ", "fee", "ＦＥＥ", "write-fee", "てすう"] {
            var typed = palette
            for character in query { typed.type(character) }
            #expect(typed.matches.first?.action == .writeFee, "\(query): \(typed.matches.map(\.title))")
        }
        var mail = palette
        for character in "発送通知" { mail.type(character) }
        #expect(mail.matches.contains { $0.action == .sendMail && $0.template == "発送通知" })
        var none = palette
        for character in "zzzz" { none.type(character) }
        #expect(none.matches.isEmpty)
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.handle(.character(":"))
        for character in "fee" { _ = state.handle(.character(character)) }
        let text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_795_400_000)).text
        #expect(text.contains("手数料を書き込む") && text.contains(" F "), "\(text)")
    }

    @Test("run from the palette as from its key: a row to type a value into opens at that input, any other is planned")
    func runs() throws {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.handle(.character(":"))
        for character in "送料" { _ = state.handle(.character(character)) }
        #expect(state.handle(.enter).isEmpty)
        #expect(state.palette == nil && state.focus == .panel && state.chosenPanelItem.kind == .writeFee && state.panelInput == 1)
        _ = state.handle(.escape)
        _ = state.handle(.escape)
        #expect(state.focus == .grid)
        _ = state.handle(.character(":"))
        for character in "帳票" { _ = state.handle(.character(character)) }
        let planned = try #require(state.handle(.enter).first?.planned)
        #expect(planned.item.kind == .printSlips && planned.numbers == [DeskFixtures.row(0).number])
        // Its own key: P, then y — two keys from the grid to a running 帳票作成.
        let byKey = try #require(state.handle(.character("P")).first?.planned)
        #expect(byKey.item.kind == .printSlips)
        _ = state.handle(.character(":"))
        for character in "zz" { _ = state.handle(.character(character)) }
        _ = state.handle(.enter)
        #expect(state.message?.isError == true && state.palette == nil)
    }

    @Test("全件 is one key away and back; the search is kept")
    func allOrders() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.perform(.nextTab)
        state.search = "4439"
        let effects = state.handle(.character("0"))
        #expect(state.currentStatus == nil && state.filter.localStatus == nil && state.filter.search == "4439")
        #expect(effects.contains { if case .reloadRows = $0 { true } else { false } })
        _ = state.handle(.character("0"))
        #expect(state.tabIndex == 1, "again: back to the tab it came from")
        // A search that finds nothing here says how many the other tabs hold, and the key.
        _ = state.apply(.rowsLoaded([], hasMore: false, total: 0, counts: [:], appended: false, elsewhere: 3))
        let text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_795_400_000)).text
        #expect(text.contains("ほかのステータスに 3件（0 で全件へ）"), "\(text)")
        // While the search is typed, 0 is part of it: Enter takes it to 全件.
        _ = state.perform(.previousTab)
        _ = state.perform(.search)
        _ = state.handle(.character("1"))
        _ = state.apply(.rowsLoaded([], hasMore: false, total: 0, counts: [:], appended: false, elsewhere: 1))
        let typing = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_795_400_000)).text
        #expect(typing.contains("ほかのステータスに 1件（Enter で全件へ）"), "\(typing)")
        _ = state.handle(.enter)
        #expect(state.tabIndex == state.allOrdersTab && state.search == "44391" && !state.typingSearch)
    }

    @Test("checks the view hides: the preview names them, and its key plans again with them in, then out")
    func hiddenChecks() throws {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        state.marks = [DeskFixtures.row(0).number, DeskFixtures.row(5).number]
        let first = try #require(state.handle(.character("c")).first)
        guard case .plan(_, _, _, let checks, let including) = first else { Issue.record("no plan"); return }
        #expect(checks && !including)
        let hidden = HiddenChecks(numbers: [DeskFixtures.row(5).number])
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan([OrderFixtures.order(1)]), scope: "s", hidden: hidden)))
        let again = try #require(state.handle(.character("a")).first)
        guard case .plan(_, let numbers, _, true, true) = again else { Issue.record("not planned with the hidden checks: \(again)"); return }
        #expect(numbers == state.marks)
    }
}
