import OrderEngine
/// The processing panel: its rows by group, the chosen row's inputs opened under it (pick lists
/// and text), and whether the action applies to the checked rows or the cursor row.
struct PanelView {
    let state: DeskState
    let theme: Theme
    /// Today in Japan, for a date input's placeholder.
    let today: CalendarDate

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        let focused = state.focus == .panel
        screen.box(rect, title: state.paneTitle("処理パネル", .panel), theme: theme, focused: focused)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        let scope = state.marks.isEmpty ? "カーソル行に適用" : "\(state.marksText)に適用"
        screen.put(scope, x: inner.x + 1, y: inner.y, style: state.marks.isEmpty ? theme.muted : theme.color(.yellow, bold: true),
                   limit: inner.maxX)
        let lines = self.lines(width: inner.width)
        let height = inner.height - 1
        // Scrolled so that the chosen row and its inputs show.
        let chosen = lines.firstIndex { $0.isChosenTitle } ?? 0
        let chosenEnd = lines.lastIndex { $0.item == state.panelCursor } ?? chosen
        let top = max(0, min(chosen, chosenEnd - height + 1))
        for (offset, line) in lines.dropFirst(top).prefix(height).enumerated() {
            let y = inner.y + 1 + offset
            line.text.draw(x: inner.x + line.indent, y: y, limit: inner.maxX - (line.key.isEmpty ? 0 : line.key.displayWidth + 1), into: &screen)
            if !line.key.isEmpty {
                screen.put(line.key, x: inner.maxX - line.key.displayWidth - 1, y: y, style: theme.muted, limit: inner.maxX)
            }
            if focused, line.highlighted {
                screen.restyle(x: inner.x, y: y, width: inner.width) { $0.reverse = true }
            }
        }
    }

    private struct Line {
        var text: StyledLine
        var indent: Int
        var item: Int?
        var isChosenTitle = false
        var highlighted = false
        var key = ""
    }

    private func lines(width: Int) -> [Line] {
        var lines: [Line] = []
        var lastGroup = ""
        var groupNumber = 0
        for (index, item) in state.panelItems.enumerated() {
            if item.group != lastGroup {
                lastGroup = item.group
                groupNumber += 1
                // The group's number is the key that jumps to it.
                var heading = StyledLine("\(groupNumber) ", CellStyle(bold: true))
                heading.add(item.group, theme.label)
                lines.append(Line(text: heading, indent: 1))
            }
            let chosen = index == state.panelCursor
            // A row the operator's role does not allow stays in its place, dimmed, the role it needs beside it.
            let refusal = state.permission.refusal(for: item.kind)
            let key = refusal != nil ? "要\(item.kind.requiredRole.label)" : shortcut(for: item).map { "[\($0)]" } ?? ""
            // A title longer than the panel wraps (at 80 columns the panel is 32 cells wide).
            let titleWidth = width - 4 - (key.isEmpty ? 0 : key.displayWidth + 1)
            for (part, text) in StyledLine(item.title, refusal != nil ? theme.muted : .plain).wrapped(to: titleWidth, indent: 0).enumerated() {
                lines.append(Line(text: text, indent: part == 0 ? 3 : 4, item: index, isChosenTitle: chosen && part == 0,
                                  highlighted: chosen && (item.inputs.isEmpty || !state.focusIsOnInput), key: part == 0 ? key : ""))
            }
            guard chosen else { continue }
            if let refusal, state.focus == .panel {
                for part in StyledLine(refusal, theme.color(.yellow, bold: false)).wrapped(to: max(1, width - 6), indent: 0) {
                    lines.append(Line(text: part, indent: 5, item: index))
                }
                continue
            }
            if state.focus == .panel, !state.focusIsOnInput, !item.inputs.isEmpty {
                let hint = item.inputs.contains(where: \.isText) ? "Enter/→ 入力欄へ" : "Enter 実行・→ 選択肢へ"
                lines.append(Line(text: StyledLine(hint, theme.muted), indent: 5, item: index))
            }
            for (inputIndex, input) in item.inputs.enumerated() {
                let onInput = state.focus == .panel && inputIndex == state.panelInput
                let value: String
                if input.isText {
                    let placeholder = input.placeholder.replacingOccurrences(of: PanelInput.today, with: today.description)
                    let typed = input.display.isEmpty && !onInput ? placeholder : input.display
                    value = typed + (onInput ? theme.glyphs.textCursor : "")
                } else {
                    value = theme.glyphs.choiceOpen + input.display + theme.glyphs.choiceClose
                }
                let style = input.isText && input.display.isEmpty && !onInput ? theme.muted : CellStyle(bold: true)
                var text = StyledLine("\(input.label): ", theme.muted)
                text.add(value, style)
                // A long choice (a template's name) wraps rather than being cut.
                for (part, wrapped) in text.wrapped(to: max(1, width - 6), indent: 2).enumerated() {
                    lines.append(Line(text: wrapped, indent: 5, item: index, highlighted: onInput && part == 0))
                }
                if onInput, input.isText {
                    // Where the keys go, said: a text input takes what is typed until the focus leaves it.
                    let hint = (input.replacesOnType ? "入力すると置き換えます・Backspaceで直す" : "入力中（\(input.takesAnyText ? "日本語も可" : "全角数字も可")）")
                        + "・Enter 実行・Esc 戻る"
                    for part in StyledLine(hint, theme.muted).wrapped(to: max(1, width - 8), indent: 0) {
                        lines.append(Line(text: part, indent: 7, item: index))
                    }
                }
            }
        }
        return lines
    }

    /// The desk key that runs the row directly, if any (注文確認 c).
    private func shortcut(for item: PanelItem) -> Key? {
        DeskAction(rawValue: item.kind.rawValue).flatMap { state.keymap.keys(for: $0).first }
    }
}

extension DeskState {
    /// Whether the panel's keys go to an input of the chosen row (not to the row itself).
    var focusIsOnInput: Bool { focus == .panel && panelInput != nil }

    /// A pane's title, naming the pane that has the focus (not by colour alone).
    func paneTitle(_ title: String, _ pane: Pane) -> String {
        focus == pane ? "\(title)（操作中）" : title
    }
}
