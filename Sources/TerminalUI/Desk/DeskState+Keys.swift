import OrderEngine

extension DeskState {
    /// Handles one key: changes the state and says what else must happen.
    public mutating func handle(_ key: Key) -> [DeskEffect] {
        if key == .resize { return [.redrawAll] }
        if dialog != nil {
            // The desk's movement keys scroll the preview's list.
            let scrolling = keymap.action(for: key, in: .desk).flatMap { [.cursorDown, .cursorUp].contains($0) ? $0 : nil }
            guard let action = keymap.action(for: key, in: .dialog) ?? scrolling ?? dialogFallback(key) else { return [] }
            return handleDialog(action)
        }
        if showingHelp {
            // Any key closes the list of bindings.
            showingHelp = false
            return []
        }
        guard let action = keymap.action(for: key, in: .desk) else { return [] }
        return perform(action)
    }

    /// Enter always presses the focused button, whatever the keymap says, so a dialog can be left.
    private func dialogFallback(_ key: Key) -> DeskAction? {
        key == .enter ? .activate : nil
    }

    public mutating func perform(_ action: DeskAction) -> [DeskEffect] {
        message = nil
        switch action {
        case .cursorDown: return moveFocused(by: 1)
        case .cursorUp: return moveFocused(by: -1)
        case .pageDown: return moveFocused(by: max(1, grid.visibleRows - 1))
        case .pageUp: return moveFocused(by: -max(1, grid.visibleRows - 1))
        case .top: return moveFocused(by: Int.min / 2)
        case .bottom: return moveFocused(by: Int.max / 2)
        case .toggleMark:
            guard let row = grid.cursorRow else { return [] }
            if let index = marks.firstIndex(of: row.number) { marks.remove(at: index) } else { marks.append(row.number) }
            return moveGrid(by: 1)
        case .clearMarks:
            marks.removeAll()
            return []
        case .nextTab, .previousTab:
            tabIndex = (tabIndex + (action == .nextTab ? 1 : statuses.count - 1)) % statuses.count
            grid = GridModel(visibleRows: grid.visibleRows)
            detail = nil
            return [.reloadRows]
        case .focusNext:
            focus = Pane(rawValue: (focus.rawValue + 1) % Pane.allCases.count)!
            return []
        case .focusPrevious:
            focus = Pane(rawValue: (focus.rawValue + Pane.allCases.count - 1) % Pane.allCases.count)!
            return []
        case .activate:
            guard focus == .panel else { return [] }
            return perform(panelItems[panelCursor].action)
        case .confirm:
            let (numbers, scope) = targets
            guard !numbers.isEmpty else {
                message = DeskMessage("注文がありません", isError: true)
                return []
            }
            return [.planAction(.confirm, numbers, scope: scope)]
        case .refreshRMSStatus:
            let (numbers, scope) = targets
            guard !numbers.isEmpty else { return [] }
            message = DeskMessage("RMSステータスを取得しています（\(scope)）")
            return [.refreshRMSStatus(numbers)]
        case .fetch:
            return [.fetch]
        case .help:
            showingHelp = true
            return []
        case .redraw:
            return [.redrawAll]
        case .quit:
            quitRequested = true
            return []
        case .dialogNextButton, .dialogAccept, .dialogCancel:
            return []
        }
    }

    private mutating func moveFocused(by delta: Int) -> [DeskEffect] {
        switch focus {
        case .grid:
            return moveGrid(by: delta)
        case .panel:
            panelCursor = min(max(0, panelCursor + delta.clamped(to: -panelItems.count...panelItems.count)), panelItems.count - 1)
            return []
        case .detail:
            detailScroll = max(0, detailScroll + delta.clamped(to: -1000...1000))
            return []
        }
    }

    private mutating func moveGrid(by delta: Int) -> [DeskEffect] {
        let before = grid.cursorRow?.number
        grid.move(by: delta.clamped(to: -1_000_000...1_000_000))
        var effects: [DeskEffect] = []
        if grid.wantsMoreRows { effects.append(.loadMoreRows) }
        if let after = grid.cursorRow?.number, after != before {
            detailScroll = 0
            effects.append(.loadDetail(after))
        }
        return effects
    }

    private mutating func handleDialog(_ action: DeskAction) -> [DeskEffect] {
        guard var dialog else { return [] }
        switch action {
        case .dialogNextButton:
            if dialog.canProceed { dialog.focused = dialog.focused == .cancel ? .proceed : .cancel }
            self.dialog = dialog
            return []
        case .dialogCancel:
            self.dialog = nil
            message = DeskMessage("\(dialog.plan.title)を取り消しました")
            return []
        case .dialogAccept:
            return proceed(with: dialog)
        case .activate:
            return dialog.focused == .proceed ? proceed(with: dialog) : handleDialog(.dialogCancel)
        case .cursorDown, .cursorUp:
            dialog.scroll = max(0, dialog.scroll + (action == .cursorDown ? 1 : -1))
            self.dialog = dialog
            return []
        default:
            return []
        }
    }

    private mutating func proceed(with dialog: ActionDialog) -> [DeskEffect] {
        self.dialog = nil
        guard dialog.canProceed else { return [] }
        switch dialog.plan.actionID {
        case ConfirmAction().id:
            // The checks stay on the orders until the operator clears them (taskwarrior-tui #261).
            return [.sendConfirmations(dialog.plan.changes.map(\.number))]
        default:
            return []
        }
    }
}

extension Int {
    func clamped(to range: ClosedRange<Int>) -> Int { Swift.min(Swift.max(self, range.lowerBound), range.upperBound) }
}

extension GridModel {
    init(visibleRows: Int) {
        self.init()
        self.visibleRows = visibleRows
    }
}
