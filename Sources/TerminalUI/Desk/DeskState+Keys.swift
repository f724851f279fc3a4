import OrderEngine
import ShopSettings

extension DeskState {
    /// Handles one key: changes the state and says what else must happen.
    public mutating func handle(_ key: Key) -> [DeskEffect] {
        if key == .resize { return [.redrawAll] }
        // Ctrl-L redraws whatever is open: a dialog, a form, the help, a search being typed.
        if keymap.action(for: key, in: .desk) == .redraw, !(key.isCharacter) { return [.redrawAll] }
        if askingToQuit {
            askingToQuit = false
            if key == .character("y") || key == .enter { quitRequested = true } else { message = DeskMessage("終了を取りやめました") }
            return []
        }
        if dialog != nil { return handleDialogKey(key) }
        if editForm != nil { return handleEditKey(key) }
        if parcelForm != nil { return handleParcelKey(key) }
        if mailViewer != nil { return handleMailViewerKey(key) }
        if showingHelp {
            // Space turns the page while there is one more; any other key closes the list.
            if key == .space, helpPage + 1 < HelpView.pageCount(height: screenHeight) {
                helpPage += 1
                return [.redrawAll]
            }
            showingHelp = false
            return []
        }
        if choosingView { return chooseView(key) }
        if typingSearch { return handleSearchKey(key) }
        if focus == .panel, let effects = handlePanelKey(key) { return effects }
        guard let action = keymap.action(for: key, in: .desk) else { return [] }
        return perform(action)
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
            if let index = marks.firstIndex(of: row.number) {
                marks.remove(at: index)
            } else {
                marks.append(row.number)
                lastMarked = row.number
            }
            return moveGrid(by: 1)
        case .clearMarks:
            marks.removeAll()
            marksOutsideView = 0
            lastMarked = nil
            return []
        case .markAll, .invertMarks:
            return [.markAllMatching(invert: action == .invertMarks)]
        case .markRange:
            return markRange()
        case .search:
            typingSearch = true
            if search == nil { search = "" }
            return []
        case .clearSearch:
            guard search != nil else { return [] }
            message = DeskMessage("検索を解除しました")
            return clearSearch()
        case .views:
            choosingView = !views.isEmpty
            if views.isEmpty { message = DeskMessage("保存した表示がありません（config.toml の [[desk.views]]）") }
            return []
        case .nextTab, .previousTab:
            tabIndex = (tabIndex + (action == .nextTab ? 1 : statuses.count - 1)) % statuses.count
            grid = GridModel(visibleRows: grid.visibleRows)
            detail = nil
            return [.reloadRows]
        case .focusNext, .focusPrevious:
            let step = action == .focusNext ? 1 : Pane.allCases.count - 1
            focus = Pane(rawValue: (focus.rawValue + step) % Pane.allCases.count)!
            // Back in the panel, the chosen row has the focus, not a text input of it: a key meant
            // for the panel must not be typed into an amount (Right reaches the inputs).
            if focus == .panel { panelInput = 0 }
            return []
        case .activate:
            guard focus == .panel else { return [] }
            return run(chosenPanelItem)
        case .confirm, .refreshRMSStatus:
            guard let item = panelItems.first(where: { $0.kind == action.panelAction }) else { return [] }
            return run(item)
        case .editOrder:
            guard let row = grid.cursorRow else { return noOrders() }
            return [.openEdit(row.number)]
        case .enterTracking:
            guard let row = grid.cursorRow else { return noOrders() }
            return [.openParcels(row.number)]
        case .openMail:
            guard let row = grid.cursorRow else { return noOrders() }
            return [.openMail(row.number)]
        case .fetch:
            return [.fetch]
        case .help:
            showingHelp = true
            helpPage = 0
            return []
        case .redraw:
            return [.redrawAll]
        case .quit:
            quitRequested = true
            return []
        case .interrupt:
            askingToQuit = true
            return []
        case .suspend:
            return [.suspend]
        case .panelNextInput, .panelPreviousInput, .panelNextChoice, .panelPreviousChoice, .panelAddRow, .panelRemoveRow,
             .dialogNextButton, .dialogAccept, .dialogCancel, .dialogRetry:
            return []
        }
    }

    /// Starts a panel row on the checked orders, or the cursor row when none is checked.
    mutating func run(_ item: PanelItem) -> [DeskEffect] {
        switch item.kind {
        case .fetch:
            return [.fetch]
        case .undo:
            return [.plan(item, [], scope: "直前の一括処理")]
        case .importTracking:
            // The files decide which orders, not the checks.
            return [.plan(item, [], scope: "受取フォルダ")]
        case .refreshRMSStatus:
            let (numbers, scope) = targets
            guard !numbers.isEmpty else { return noOrders() }
            message = DeskMessage("RMSステータスを取得しています（\(scope)）")
            return [.refreshRMSStatus(numbers)]
        default:
            let (numbers, scope) = targets
            guard !numbers.isEmpty else { return noOrders() }
            return [.plan(item, numbers, scope: scope)]
        }
    }

    private mutating func noOrders() -> [DeskEffect] {
        message = DeskMessage("注文がありません", isError: true)
        return []
    }

    private mutating func markRange() -> [DeskEffect] {
        guard let row = grid.cursorRow else { return [] }
        guard let anchor = lastMarked, let start = grid.rows.firstIndex(where: { $0.number == anchor }) else {
            return perform(.toggleMark)
        }
        let range = min(start, grid.cursor)...max(start, grid.cursor)
        let present = markSet
        marks += grid.rows[range].map(\.number).filter { !present.contains($0) }
        lastMarked = row.number
        message = DeskMessage("\(range.count)行をチェックしました（選択 \(marks.count)件）")
        return []
    }

    // MARK: Saved views

    /// 1…9 and 0 pick the first ten views; any other key closes the list.
    private mutating func chooseView(_ key: Key) -> [DeskEffect] {
        choosingView = false
        guard case .character(let character) = key, let digit = character.wholeNumberValue else { return [] }
        let index = digit == 0 ? 9 : digit - 1
        guard views.indices.contains(index) else { return [] }
        return show(views[index])
    }

    /// Shows a saved view: its status tab (or the current one) and its search.
    mutating func show(_ view: SavedView) -> [DeskEffect] {
        if let status = view.status, let index = statuses.firstIndex(of: status) { tabIndex = index }
        search = view.search
        typingSearch = false
        message = DeskMessage("表示「\(view.name)」")
        return restartGrid()
    }

    // MARK: Search

    /// The longest search the line takes: more is no name, number or item (a paste gone astray).
    static let searchLimit = 100

    private mutating func handleSearchKey(_ key: Key) -> [DeskEffect] {
        switch key {
        case .enter:
            typingSearch = false
            if search?.isEmpty ?? true { search = nil }
            return []
        case .escape:
            return clearSearch()
        case .backspace:
            guard var text = search, !text.isEmpty else { return [] }
            text.removeLast()
            search = text
            return restartGrid()
        case .character(let character):
            guard (search ?? "").count < Self.searchLimit else {
                message = DeskMessage("検索は\(Self.searchLimit)文字までです（それより後は入力されていません）", isError: true)
                return []
            }
            search = (search ?? "") + String(character)
            return restartGrid()
        default:
            return []
        }
    }

    /// No search: the grid shows its whole status tab again, from the top.
    private mutating func clearSearch() -> [DeskEffect] {
        typingSearch = false
        search = nil
        return restartGrid()
    }

    /// The grid from the top for a changed filter.
    private mutating func restartGrid() -> [DeskEffect] {
        grid = GridModel(visibleRows: grid.visibleRows)
        detail = nil
        return [.reloadRows]
    }

    // MARK: Processing panel

    /// Keys for the panel's inputs; nil when the key is not the panel's (the desk's keymap then).
    private mutating func handlePanelKey(_ key: Key) -> [DeskEffect]? {
        var item = panelItems[panelCursor]
        let inputIndex = min(panelInput, max(0, item.inputs.count - 1))
        if item.inputs.indices.contains(inputIndex), item.inputs[inputIndex].isText {
            // A character goes to the focused text input, never to a binding (q must not quit while a
            // date is typed); one it cannot take is refused. Other keys are the keymap's.
            switch key {
            case .character(let character):
                if item.inputs[inputIndex].type(character) {
                    panelItems[panelCursor] = item
                } else {
                    let input = item.inputs[inputIndex]
                    message = DeskMessage("「\(character)」は\(input.label)に入力できません（\(input.takes)）", isError: true)
                }
                return []
            case .backspace:
                item.inputs[inputIndex].deleteBackward()
                panelItems[panelCursor] = item
                return []
            default: break
            }
        }
        guard let action = keymap.action(for: key, in: .panel) else { return nil }
        guard !item.inputs.isEmpty else { return [] }
        switch action {
        case .panelNextInput, .panelPreviousInput:
            panelInput = action == .panelNextInput ? min(inputIndex + 1, item.inputs.count - 1) : max(inputIndex - 1, 0)
            // A text input reached with a value in it: what is typed next replaces the value.
            if case .text(let text) = item.inputs[panelInput].value {
                item.inputs[panelInput].replacesOnType = !text.isEmpty
                panelItems[panelCursor] = item
            }
        case .panelNextChoice, .panelPreviousChoice:
            item.inputs[inputIndex].cycle(by: action == .panelNextChoice ? 1 : -1)
            panelItems[panelCursor] = item
        default: break
        }
        return []
    }

    // MARK: Moving

    private mutating func moveFocused(by delta: Int) -> [DeskEffect] {
        switch focus {
        case .grid:
            return moveGrid(by: delta)
        case .panel:
            panelCursor = min(max(0, panelCursor + delta.clamped(to: -panelItems.count...panelItems.count)), panelItems.count - 1)
            panelInput = 0
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
        if grid.needsMoreRows { effects.append(.loadMoreRows) }
        if let after = grid.cursorRow?.number, after != before {
            detailScroll = 0
            effects.append(.loadDetail(after))
        }
        return effects
    }

    // MARK: 注文内容修正

    private mutating func handleEditKey(_ key: Key) -> [DeskEffect] {
        guard var form = editForm else { return [] }
        defer { if editForm != nil { editForm = form } }
        if keymap.action(for: key, in: .dialog) == .dialogCancel {
            editForm = nil
            message = DeskMessage("注文内容修正を取りやめました")
            return []
        }
        if case .character(let character) = key, form.type(character) {
            return []
        }
        if key == .backspace || key == .delete {
            form.deleteBackward()
            return []
        }
        if form.focused == .reductionReason, let action = keymap.action(for: key, in: .panel) {
            switch action {
            case .panelNextChoice, .panelNextInput: form.chooseReason(by: 1)
            case .panelPreviousChoice, .panelPreviousInput: form.chooseReason(by: -1)
            default: break
            }
            return []
        }
        switch keymap.action(for: key, in: .desk) {
        case .cursorDown, .focusNext: form.move(by: 1)
        case .cursorUp, .focusPrevious: form.move(by: -1)
        case .activate:
            switch form.edit {
            case .failure(let error):
                form.problems = [error.description]
            case .success(let edit):
                if edit.applied(to: form.original) == form.original {
                    editForm = nil
                    message = DeskMessage("変更はありません（保存していません）")
                    return []
                }
                form.problems = edit.problems(for: form.original)
                if form.problems.isEmpty { return [.saveEdit(edit, original: form.original)] }
            }
        default: break
        }
        return []
    }

    // MARK: 送ったメール

    private mutating func handleMailViewerKey(_ key: Key) -> [DeskEffect] {
        guard var viewer = mailViewer else { return [] }
        defer { if mailViewer != nil { mailViewer = viewer } }
        if keymap.action(for: key, in: .dialog) == .dialogCancel || keymap.action(for: key, in: .desk) == .openMail {
            mailViewer = nil
            return []
        }
        let page = max(1, grid.visibleRows - 4)
        switch keymap.action(for: key, in: .desk) {
        case .cursorDown: viewer.scroll(by: 1, visible: page)
        case .cursorUp: viewer.scroll(by: -1, visible: page)
        case .pageDown: viewer.scroll(by: page, visible: page)
        case .pageUp: viewer.scroll(by: -page, visible: page)
        case .nextTab: viewer.show(1)
        case .previousTab: viewer.show(-1)
        default: break
        }
        return []
    }

    // MARK: 荷物番号の入力

    private mutating func handleParcelKey(_ key: Key) -> [DeskEffect] {
        guard var form = parcelForm else { return [] }
        defer { if parcelForm != nil { parcelForm = form } }
        if keymap.action(for: key, in: .dialog) == .dialogCancel {
            parcelForm = nil
            message = DeskMessage("荷物番号の入力を取りやめました")
            return []
        }
        if case .character(let character) = key, form.type(character) { return [] }
        if key == .backspace {
            form.deleteBackward()
            return []
        }
        switch keymap.action(for: key, in: .panel) {
        case .panelNextChoice where form.column == .carrier: form.chooseCarrier(by: 1); return []
        case .panelPreviousChoice where form.column == .carrier: form.chooseCarrier(by: -1); return []
        case .panelNextInput: form.moveColumn(by: 1); return []
        case .panelPreviousInput: form.moveColumn(by: -1); return []
        case .panelAddRow: form.addParcel(); return []
        case .panelRemoveRow: form.toggleDelete(); return []
        default: break
        }
        switch keymap.action(for: key, in: .desk) {
        case .cursorDown: form.moveRow(by: 1)
        case .cursorUp: form.moveRow(by: -1)
        case .focusNext: form.moveColumn(by: 1)
        case .focusPrevious: form.moveColumn(by: -1)
        case .activate:
            switch form.edits {
            case .failure(let error):
                form.problems = [error.description]
            case .success(let edits) where edits.isEmpty:
                parcelForm = nil
                message = DeskMessage("変更はありません（保存していません）")
            case .success(let edits):
                return [.saveParcels(edits, of: form.original.number, expected: form.original.parcels)]
            }
        default: break
        }
        return []
    }

    // MARK: The action dialog

    private mutating func handleDialogKey(_ key: Key) -> [DeskEffect] {
        // The desk's movement keys scroll the dialog's list.
        let scrolling = keymap.action(for: key, in: .desk).flatMap { [.cursorDown, .cursorUp, .pageDown, .pageUp].contains($0) ? $0 : nil }
        // Enter always presses the focused button, whatever the keymap says, so a dialog can be left.
        guard let action = keymap.action(for: key, in: .dialog) ?? scrolling ?? (key == .enter ? .activate : nil) else { return [] }
        return handleDialog(action)
    }

    private mutating func handleDialog(_ action: DeskAction) -> [DeskEffect] {
        guard var dialog else { return [] }
        switch action {
        case .cursorDown, .cursorUp, .pageDown, .pageUp:
            let step = [.pageDown, .pageUp].contains(action) ? 10 : 1
            dialog.scroll = max(0, dialog.scroll + ([.cursorDown, .pageDown].contains(action) ? step : -step))
            self.dialog = dialog
            return []
        default: break
        }
        switch dialog.stage {
        case .running:
            // Only stopping is offered while it runs.
            guard action == .dialogCancel else { return [] }
            message = DeskMessage("中止しています（処理中の分が終わると止まります）")
            return [.stopRunning]
        case .result(let result):
            switch action {
            case .dialogRetry where !result.failed.isEmpty:
                self.dialog = nil
                return [.plan(dialog.item, result.failed, scope: "失敗した \(result.failed.count)件")]
            case .dialogCancel, .activate, .dialogAccept:
                self.dialog = nil
                return []
            default:
                return []
            }
        case .preview:
            switch action {
            case .dialogNextButton:
                if dialog.canProceed { dialog.focused = dialog.focused == .cancel ? .proceed : .cancel }
                self.dialog = dialog
                return []
            case .dialogCancel:
                self.dialog = nil
                message = DeskMessage("「\(dialog.plan.title)」をやめました（何も変更していません）")
                return []
            case .dialogAccept:
                return proceed(with: dialog)
            case .activate:
                return dialog.focused == .proceed ? proceed(with: dialog) : handleDialog(.dialogCancel)
            default:
                return []
            }
        }
    }

    private mutating func proceed(with dialog: ActionDialog) -> [DeskEffect] {
        guard dialog.canProceed else {
            self.dialog = nil
            return []
        }
        var running = dialog
        running.stage = .running(done: 0, total: dialog.plan.changes.count)
        running.scroll = 0
        self.dialog = running
        // The checks stay on the orders until the operator clears them (taskwarrior-tui #261).
        return [.run(running)]
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
