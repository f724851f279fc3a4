import OrderEngine
import Testing
import TestSupport
@testable import TerminalUI

@Suite("Keys at the desk")
struct DeskKeyTests {
    @Test("Space checks the row and moves down; c plans for the checked rows")
    func markAndConfirm() {
        var state = DeskFixtures.state(rows: (0..<5).map { DeskFixtures.row($0) })
        _ = state.handle(.space)
        _ = state.handle(.character("j"))
        _ = state.handle(.space)
        #expect(state.marks == [DeskFixtures.row(0).number, DeskFixtures.row(2).number])
        #expect(state.grid.cursor == 3)
        let effects = state.handle(.character("c"))
        #expect(effects == [.planAction(.confirm, state.marks, scope: "選択 2件")])
    }

    @Test("with nothing checked an action applies to the cursor row, and says so")
    func cursorRow() {
        var state = DeskFixtures.state(rows: (0..<5).map { DeskFixtures.row($0) })
        _ = state.handle(.down)
        let effects = state.handle(.character("c"))
        guard case .planAction(_, let numbers, let scope) = effects.first else {
            Issue.record("expected a plan, got \(effects)")
            return
        }
        #expect(numbers == [DeskFixtures.row(1).number])
        #expect(scope.hasPrefix("カーソル行 1件"))
    }

    @Test("the preview's default button is Cancel: Enter cancels, y sends")
    func dialogDefaultCancel() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let plan = ConfirmAction().plan([OrderFixtures.order(1)])
        _ = state.apply(.planned(ActionDialog(plan: plan, scope: "s", hiddenByFilter: 0)))
        #expect(state.handle(.enter).isEmpty)
        #expect(state.dialog == nil)

        _ = state.apply(.planned(ActionDialog(plan: plan, scope: "s", hiddenByFilter: 0)))
        #expect(state.handle(.character("y")) == [.sendConfirmations([OrderFixtures.order(1).number])])

        _ = state.apply(.planned(ActionDialog(plan: plan, scope: "s", hiddenByFilter: 0)))
        _ = state.handle(.tab)
        #expect(state.handle(.enter) == [.sendConfirmations([OrderFixtures.order(1).number])])
    }

    @Test("keys that are not bound do nothing; q quits")
    func quit() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        #expect(state.handle(.character("Z")).isEmpty)
        #expect(!state.quitRequested)
        _ = state.handle(.character("q"))
        #expect(state.quitRequested)
    }

    @Test("j at the end of the loaded rows asks for more when the store has more")
    func loadMore() {
        var state = DeskFixtures.state(rows: (0..<30).map { DeskFixtures.row($0) })
        state.grid.hasMore = true
        state.grid.visibleRows = 10
        #expect(!state.handle(.pageDown).contains(.loadMoreRows))
        #expect(state.handle(.pageDown).contains(.loadMoreRows))
        state.grid.hasMore = false
        #expect(!state.handle(.pageDown).contains(.loadMoreRows))
    }
}

@Suite("Keys in the preview")
struct DialogKeyTests {
    @Test("j and k scroll the list of orders; other desk keys do nothing while it is open")
    func scroll() {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        let plan = ConfirmAction().plan((1...30).map { OrderFixtures.order($0) })
        _ = state.apply(.planned(ActionDialog(plan: plan, scope: "s", hiddenByFilter: 0)))
        _ = state.handle(.character("j"))
        _ = state.handle(.character("j"))
        #expect(state.dialog?.scroll == 2)
        _ = state.handle(.character("k"))
        #expect(state.dialog?.scroll == 1)
        #expect(state.handle(.character("c")).isEmpty)
        #expect(state.dialog != nil)
    }
}
