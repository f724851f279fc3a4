import OrderEngine

/// 注文内容修正 over the desk: the sections as tabs, the focused one's fields (the focused field
/// reversed), what is wrong with the value being typed, the totals before and after on the
/// amounts, what a postcode filled, and why a save was refused.
struct EditFormView {
    /// The cells a field's value takes when it is not focused: with its label and 「変更」, one line of the box at 80 columns.
    static let valueWidth = 50
    let form: OrderEditForm
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        var lines: [(line: StyledLine, field: OrderEditForm.Field?)] = []
        // The sections, the focused one reversed: PageDown and PageUp move between them.
        var tabs = StyledLine()
        for (index, section) in form.sections.enumerated() {
            if index > 0 { tabs.add(" ", .plain) }
            tabs.add(" \(section.title) ", index == form.sectionIndex ? CellStyle(bold: true, reverse: true) : theme.muted)
        }
        lines.append((tabs, nil))
        let section = form.sections[form.sectionIndex]
        for field in section.fields {
            lines.append((line(for: field), field))
            if field == form.focused, let problem = form.focusedProblem { lines.append((StyledLine("  ✗ \(problem)", theme.error), nil)) }
        }
        if form.sectionIndex == 0 {
            // The totals in RMS's words: 総合計 as RMS's screen shows it, and 請求金額 after points.
            let edited: Order? = if case .success(let edit) = form.edit { edit.applied(to: form.original) } else { nil }
            for (title, total) in [("総合計 ", \Order.grandTotal), ("請求金額 ", \Order.requestPrice)] {
                let after = edited.map { $0[keyPath: total].description } ?? "（入力中）"
                lines.append((StyledLine([(title, theme.label), ("\(form.original[keyPath: total]) → \(after)", CellStyle(bold: true))]), nil))
            }
        }
        if let note = form.postcodeNote { lines.append((StyledLine(note, theme.muted), nil)) }
        if form.original.origin.isRakutenAPI {
            lines.append((StyledLine("保存した修正は処理パネル「入力内容を反映する（RMS）」でRMSに送ります", theme.muted), nil))
        }
        for problem in form.problems { lines.append((StyledLine(problem, theme.error), nil)) }
        let (save, cancel) = FormBox.saveAndCancel(keymap)
        let sections = [keymap.keys(for: .pageDown).first, keymap.keys(for: .pageUp).first].compactMap { $0?.description }.joined(separator: "/")
        lines.append((StyledLine("↑↓ 項目  \(sections) 画面  ←→ 選ぶ  \(save) 保存  \(cancel) 取りやめ", theme.muted), nil))
        // The focused field stays on screen when the items do not all fit.
        FormBox.draw(lines.map(\.line), focusedLine: lines.firstIndex { $0.field == form.focused } ?? 0,
                     title: "注文内容修正 \(form.original.number)", in: screenRect, into: &screen, theme: theme)
    }

    private func line(for field: OrderEditForm.Field) -> StyledLine {
        let focused = field == form.focused
        let input = focused ? CellStyle(bold: true, reverse: true) : CellStyle(underline: true)
        switch field {
        case .fee(let kind):
            let text = form.text(of: field)
            return StyledLine([(kind.label.fitted(to: 14), theme.label), (text.fitted(to: 8, alignment: .trailing), input),
                               (text.isEmpty ? " 未設定" : " 円", text.isEmpty ? theme.error : .plain)])
        case .units(let p, let i):
            return StyledLine([("・" + form.itemName(p, i), .plain)])
        case .unitPrice(let p, let i):
            let units = OrderEditForm.Field.units(package: p, item: i)
            let unitsStyle = units == form.focused ? CellStyle(bold: true, reverse: true) : CellStyle(underline: true)
            return StyledLine([("  数量 ", theme.label), (form.text(of: units).fitted(to: 4, alignment: .trailing), unitsStyle),
                               ("  単価 ", theme.label), (form.text(of: field).fitted(to: 8, alignment: .trailing), input), (" 円", .plain)])
        case .reductionReason:
            return StyledLine([("楽天減額理由".fitted(to: 14), theme.label), ("< \(form.reasonLabel) >", input),
                               ("  金額を下げるときに必要です", theme.muted)])
        case .detail(let detail):
            let label: String = if let contact = OrderEditForm.contact(of: detail) { contact.part.label } else { detail.label }
            var shown = form.display(of: field)
            if form.focusedIsChoice, focused { shown = "< \(shown) >" }
            // A long value (a buyer's remarks) takes one line, cut with …, until it is focused.
            if !focused, shown.displayWidth > Self.valueWidth { shown = shown.fitted(to: Self.valueWidth) }
            let changed = form.text(of: field) != detail.text(in: form.original)
            var line = StyledLine([(label.fitted(to: 16), theme.label), (shown.isEmpty ? " " : shown, input)])
            if changed { line.add("  変更", theme.color(.magenta)) }
            return line
        }
    }
}
