import OrderEngine
import ShopSettings

extension DeskState {
    /// Handles one key: changes the state and says what else must happen.
    public mutating func handle(_ key: Key) -> [DeskEffect] {
        defer { openPendingReport() }
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
        if orderEntry != nil { return handleOrderEntryKey(key) }
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
        if palette != nil { return handlePaletteKey(key) }
        if typingSearch { return handleSearchKey(key) }
        if focus == .panel, let effects = handlePanelKey(key) { return effects }
        guard let action = keymap.action(for: key, in: .desk) else { return [] }
        return perform(action)
    }

    public mutating func perform(_ action: DeskAction) -> [DeskEffect] {
        // Another order in hand (a move, a check, a tab): what was typed for the one before is not offered for it.
        let inHand = ordersInHand
        defer { forgetPerOrderInputs(unlessStill: inHand) }
        message = nil
        if let refusal = refusal(for: action) {
            message = DeskMessage(refusal, isError: true)
            return []
        }
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
            // Esc outside the grid goes back to the grid and does nothing else: it never clears
            // the grid's search, which would move the row an action applies to.
            guard focus == .grid else {
                focus = .grid
                panelInput = nil
                return []
            }
            guard search != nil else { return [] }
            message = DeskMessage("検索を解除しました")
            return clearSearch()
        case .views:
            choosingView = !views.isEmpty
            if views.isEmpty { message = DeskMessage("保存した表示がありません（config.toml の [[desk.views]]）") }
            return []
        case .nextTab, .previousTab:
            return showTab((tabIndex + (action == .nextTab ? 1 : tabCount - 1)) % tabCount)
        case .allOrders:
            // Again on 全件: back to the tab it came from.
            return showTab(tabIndex == allOrdersTab ? (tabBeforeAllOrders ?? 0) : allOrdersTab)
        case .focusNext, .focusPrevious:
            focusBeforeInput = nil
            let step = action == .focusNext ? 1 : Pane.allCases.count - 1
            focus = Pane(rawValue: (focus.rawValue + step) % Pane.allCases.count)!
            // Back in the panel, the chosen row has the focus, not a text input of it: a key meant
            // for the panel must not be typed into an amount (Enter or Right reaches the inputs).
            panelInput = nil
            return []
        case .activate:
            guard focus == .panel else { return [] }
            return run(chosenPanelItem)
        case .palette:
            palette = CommandPalette(panel: panelItems, refusal: refusal(for:))
            return []
        case .editOrder:
            guard let row = grid.cursorRow else { return noOrders() }
            return [.openEdit(row.number)]
        case .enterTracking:
            guard let row = grid.cursorRow else { return noOrders() }
            return [.openParcels(row.number)]
        case .openMail:
            guard let row = grid.cursorRow else { return noOrders() }
            return [.openMail(row.number)]
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
             .dialogNextButton, .dialogAccept, .dialogCancel, .dialogRetry, .dialogIncludeHidden:
            return []
        default:
            guard let kind = action.panelAction else { return [] }
            return runPanelRow(kind)
        }
    }

    /// A panel row run by its own key or from the palette: at once with its inputs as they are
    /// (the preview shows them before anything changes); a row that needs a value typed (an
    /// amount, a date) is opened in the panel at that input instead.
    mutating func runPanelRow(_ kind: ActionID, template: String? = nil) -> [DeskEffect] {
        if let refusal = permission.refusal(for: kind) {
            message = DeskMessage(refusal, isError: true)
            return []
        }
        guard let index = panelItems.firstIndex(where: { $0.kind == kind }) else { return [] }
        if let template, case .choice(let templates, _)? = panelItems[index].inputs.first?.value,
            let chosen = templates.firstIndex(of: template)
        {
            panelItems[index].inputs[0].value = .choice(templates, chosen)
        }
        let item = panelItems[index]
        if let text = item.inputs.firstIndex(where: \.isText), item.inputs[text].display.isEmpty, !item.inputs[text].takesAnyText {
            // Where the operator started: the focus goes back there when the action has run or Esc leaves the input.
            if focus != .panel { focusBeforeInput = focus }
            focus = .panel
            panelCursor = index
            enterInput(text)
            message = DeskMessage("「\(item.title)」: \(item.inputs[text].label)を入力して Enter（Esc で戻る）")
            return []
        }
        return run(item)
    }

    /// Starts a panel row on the checked orders, or the cursor row when none is checked.
    mutating func run(_ item: PanelItem) -> [DeskEffect] {
        if let refusal = permission.refusal(for: item.kind) {
            message = DeskMessage(refusal, isError: true)
            return []
        }
        switch item.kind {
        case .fetch:
            return [.fetch]
        case .undo:
            return [.plan(item, [], scope: "直前の一括処理")]
        case .importTracking, .importRMSCSV:
            // The files decide which orders, not the checks.
            return [.plan(item, [], scope: "受取フォルダ")]
        case .enterOrder:
            return [.openOrderEntry]
        case .reconcile:
            guard !reconciling else {
                message = DeskMessage("取りこぼしの確認を実行中です（終わると結果を開きます）", isError: true)
                return []
            }
            reconciling = true
            // RMS's list decides which orders.
            return [.plan(item, [], scope: "RMS")]
        case .refreshRMSStatus:
            let (numbers, scope) = targets
            guard !numbers.isEmpty else { return noOrders() }
            message = DeskMessage("RMSステータスを取得しています（\(scope)）")
            return [.refreshRMSStatus(numbers)]
        default:
            let (numbers, scope) = targets
            guard !numbers.isEmpty else { return noOrders() }
            return [.plan(item, numbers, scope: scope, checks: !marks.isEmpty)]
        }
    }

    /// Shows tab `index` from its top, keeping the search (a search that found nothing in one
    /// status is carried to 全件).
    mutating func showTab(_ index: Int) -> [DeskEffect] {
        if index == allOrdersTab, tabIndex != allOrdersTab { tabBeforeAllOrders = tabIndex }
        tabIndex = index
        foundElsewhere = nil
        return restartGrid()
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
            // Nothing here, found in other statuses: Enter takes the search to 全件, where they are.
            if foundElsewhere ?? 0 > 0, grid.total == 0, !searching, currentStatus != nil, filter.problems.isEmpty { return showTab(allOrdersTab) }
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
    mutating func restartGrid() -> [DeskEffect] {
        grid = GridModel(visibleRows: grid.visibleRows)
        detail = nil
        return [.reloadRows]
    }

    // MARK: Processing panel

    /// Keys for the panel; nil when the key is the desk's (its keymap then). At the row (no input
    /// focused) keys choose and run rows, and a group's number jumps to it; in an input they edit
    /// it, movement keys never type, and Esc gives the focus back to the row and does nothing else.
    private mutating func handlePanelKey(_ key: Key) -> [DeskEffect]? {
        var item = panelItems[panelCursor]
        let deskAction = keymap.action(for: key, in: .desk)
        let panelAction = keymap.action(for: key, in: .panel)
        guard let inputIndex = panelInput, item.inputs.indices.contains(inputIndex) else {
            panelInput = nil
            if deskAction == .activate {
                // A row with a value to type opens it; any other is run (its preview first).
                if let text = item.inputs.firstIndex(where: \.isText) {
                    enterInput(text)
                    return []
                }
                return run(item)
            }
            if panelAction == .panelNextInput, !item.inputs.isEmpty {
                enterInput(0)
                return []
            }
            if panelAction == .panelNextChoice || panelAction == .panelPreviousChoice, let first = item.inputs.first, !first.isText {
                // The row's first pick list, entered and turned (the panel's title says it has the keys).
                enterInput(0)
                panelItems[panelCursor].inputs[0].cycle(by: panelAction == .panelNextChoice ? 1 : -1)
                return []
            }
            // The panel's own keys belong to it: on a row without inputs they do nothing (Right
            // never turns the status tab from the panel).
            if panelAction != nil { return [] }
            guard case .character(let character) = key, deskAction == nil else { return nil }
            if let digit = character.wholeNumberValue, let row = firstRow(ofGroup: digit) {
                panelCursor = row
                return []
            }
            // A character no key is bound to, which the row's text input takes: the input takes the
            // focus with it (typing a name starts in 宛名).
            if let text = item.inputs.firstIndex(where: \.isText), item.inputs[text].takes(character) {
                enterInput(text)
                item = panelItems[panelCursor]
                _ = item.inputs[text].type(character)
                panelItems[panelCursor] = item
                return []
            }
            return nil
        }
        let input = item.inputs[inputIndex]
        if key == .escape {
            panelInput = nil
            if let before = focusBeforeInput { focus = before }
            focusBeforeInput = nil
            return []
        }
        if deskAction == .cursorDown || deskAction == .cursorUp, input.isText, key.isCharacter {
            // j and k in a text input: neither typed nor a move away from what is being typed.
            message = DeskMessage("「\(key)」は\(input.label)に入力できません（↑↓ で欄を移動、Esc で行に戻ります）", isError: true)
            return []
        }
        switch deskAction {
        case .activate:
            return run(item)
        case .cursorDown, .cursorUp:
            // Between the row's inputs; above the first, back to the row. Never typed.
            let next = inputIndex + (deskAction == .cursorDown ? 1 : -1)
            if next < 0 { panelInput = nil } else { enterInput(min(next, item.inputs.count - 1)) }
            return []
        case .focusNext, .focusPrevious, .help, .redraw, .interrupt:
            // Leaving, the help, a redraw, Ctrl-C; a character bound to one (?) is typed into a text input.
            if !(input.isText && key.isCharacter) { return nil }
        default: break
        }
        if input.isText {
            switch key {
            case .character(let character):
                if item.inputs[inputIndex].type(character) {
                    panelItems[panelCursor] = item
                } else {
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
        switch panelAction {
        case .panelNextInput:
            enterInput(min(inputIndex + 1, item.inputs.count - 1))
        case .panelPreviousInput:
            if inputIndex == 0 { panelInput = nil } else { enterInput(inputIndex - 1) }
        case .panelNextChoice, .panelPreviousChoice:
            item.inputs[inputIndex].cycle(by: panelAction == .panelNextChoice ? 1 : -1)
            panelItems[panelCursor] = item
        default:
            // Inside an input the desk's other keys do nothing: a key meant for a value never
            // checks, confirms or quits.
            message = DeskMessage("入力中です（Enter で実行、Esc で行に戻ります）")
        }
        return []
    }

    /// Gives input `index` of the chosen row the focus. A text input reached with a value in it:
    /// what is typed next replaces the value.
    mutating func enterInput(_ index: Int) {
        panelInput = index
        if case .text(let text) = panelItems[panelCursor].inputs[index].value {
            panelItems[panelCursor].inputs[index].replacesOnType = !text.isEmpty
        }
    }

    /// The panel's groups in order: the number shown before each, which jumps to it.
    var panelGroups: [String] {
        var groups: [String] = []
        for item in panelItems where groups.last != item.group { groups.append(item.group) }
        return groups
    }

    /// The first row of group `number` (1 is the first group).
    private func firstRow(ofGroup number: Int) -> Int? {
        let groups = panelGroups
        guard number >= 1, number <= groups.count else { return nil }
        return panelItems.firstIndex { $0.group == groups[number - 1] }
    }

    /// The orders an action would act on, as a cheap mark: the checks' version, or the cursor
    /// row when none is checked.
    var ordersInHand: (checks: Int, cursor: OrderNumber?) { (marksVersion, marks.isEmpty ? grid.cursorRow?.number : nil) }

    /// Forgets what was typed for one order when the orders in hand are no longer `before`.
    mutating func forgetPerOrderInputs(unlessStill before: (checks: Int, cursor: OrderNumber?)) {
        if ordersInHand != before { forgetPerOrderInputs() }
    }

    /// A value typed for one order (a receipt's 宛名) is not offered for another.
    mutating func forgetPerOrderInputs() {
        for row in panelItems.indices {
            for input in panelItems[row].inputs.indices where panelItems[row].inputs[input].perOrder {
                panelItems[row].inputs[input].value = .text("")
            }
        }
    }

    // MARK: Command palette

    private mutating func handlePaletteKey(_ key: Key) -> [DeskEffect] {
        guard var palette else { return [] }
        switch key {
        case .escape:
            self.palette = nil
            return []
        case .enter:
            self.palette = nil
            guard let entry = palette.chosen else {
                message = DeskMessage("「\(palette.query)」に当たる処理はありません", isError: true)
                return []
            }
            if let kind = entry.action.panelAction { return runPanelRow(kind, template: entry.template) }
            return perform(entry.action)
        case .down, .control("n"), .tab:
            palette.move(by: 1)
        case .up, .control("p"), .backTab:
            palette.move(by: -1)
        case .backspace:
            if palette.query.isEmpty {
                self.palette = nil
                return []
            }
            palette.deleteBackward()
        case .character(let character):
            palette.type(character)
        default:
            break
        }
        self.palette = palette
        return []
    }

    // MARK: Moving

    private mutating func moveFocused(by delta: Int) -> [DeskEffect] {
        switch focus {
        case .grid:
            return moveGrid(by: delta)
        case .panel:
            panelCursor = min(max(0, panelCursor + delta.clamped(to: -panelItems.count...panelItems.count)), panelItems.count - 1)
            panelInput = nil
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
        switch typedFormKey(key, &form, unsaved: "変更を保存していません") {
        case .handled(let effects): return effects
        case .closed:
            editForm = nil
            message = DeskMessage("注文内容修正を取りやめました")
            return []
        case .notHandled: break
        }
        if case .character(let character) = key, form.type(character) {
            return form.postcodeToLookUp.map { [.lookUpPostcode($0)] } ?? []
        }
        if key == .backspace || key == .delete {
            form.deleteBackward()
            return []
        }
        if movedOrTurned(key, &form) { return [] }
        switch keymap.action(for: key, in: .desk) {
        case .activate:
            switch form.edit {
            case .failure(let error):
                form.problems = [error.description]
            case .success(let edit):
                let amounts = edit == OrderEdit(of: form.original) ? nil : edit
                let details = form.detailEdit
                if amounts == nil, details.values.isEmpty {
                    editForm = nil
                    message = DeskMessage("変更はありません（保存していません）")
                    return []
                }
                let context = form.context
                form.problems = (amounts?.problems(for: form.original) ?? []) + (details.values.isEmpty ? [] : details.problems(for: form.original, context: context))
                if form.problems.isEmpty { return [.saveEdit(amounts, details, original: form.original, context: context)] }
            }
        default: break
        }
        return []
    }

    // MARK: 受注を登録

    private mutating func handleOrderEntryKey(_ key: Key) -> [DeskEffect] {
        guard var form = orderEntry else { return [] }
        defer { if orderEntry != nil { orderEntry = form } }
        switch typedFormKey(key, &form, unsaved: "入力した注文を登録していません") {
        case .handled(let effects): return effects
        case .closed:
            orderEntry = nil
            message = DeskMessage("受注の登録を取りやめました（何も登録していません）")
            return []
        case .notHandled: break
        }
        if key == .backspace {
            form.deleteBackward()
            return []
        }
        let panelAction = keymap.action(for: key, in: .panel)
        if case .line = form.focused {
            if panelAction == .panelAddRow {
                form.addLine()
                return []
            }
            // Only from its 商品リスト: in a field being typed, Delete never drops the whole line.
            if panelAction == .panelRemoveRow, form.focusedIsProduct {
                form.removeFocusedLine()
                return []
            }
        }
        if movedOrTurned(key, &form) { return [] }
        guard keymap.action(for: key, in: .desk) == .activate, form.refuseIfWrong() != nil else { return [] }
        return [.enterOrder(form.draft)]
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
        // 注文確認通知 over orders with a change not yet sent: the push's own key sends the change first.
        if let dialog, case .preview = dialog.stage, dialog.item.kind == .confirm, !dialog.plan.withUnsentEdits.isEmpty,
            keymap.action(for: key, in: .desk) == .pushEdit, let push = panelItems.first(where: { $0.kind == .pushEdit })
        {
            if let refusal = permission.refusal(for: .pushEdit) {
                message = DeskMessage(refusal, isError: true)
                return []
            }
            self.dialog = nil
            return [.plan(push, dialog.plan.withUnsentEdits, scope: "未反映の変更がある \(dialog.plan.withUnsentEdits.count)件")]
        }
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
            case .dialogIncludeHidden where !dialog.hidden.numbers.isEmpty:
                // Planned again with the hidden checks in (or out): the preview is always what runs.
                self.dialog = nil
                return [.plan(dialog.item, marks, scope: marksText, checks: true, includingHidden: !dialog.hidden.included)]
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
        // After it runs the panel's row has the focus again, not an input of it (a later key is a
        // command, never typed into 但し書き), and what was typed for these orders is forgotten.
        panelInput = nil
        if let before = focusBeforeInput { focus = before }
        focusBeforeInput = nil
        forgetPerOrderInputs()
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
