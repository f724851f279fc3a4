import OrderEngine

/// 受注を登録 over the desk: the sections as tabs, the focused one's fields (the focused field
/// reversed) with what is wrong with the value being typed, the totals and the tax per rate as the
/// invoice will say them, what a postcode filled, and why a save was refused.
struct HandOrderFormView {
    let form: HandOrderForm
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        // The whole order checked once for the frame: the focused field's problem and the totals.
        let checked = form.checked
        var lines: [(line: StyledLine, field: HandOrderForm.Field?)] = []
        var tabs = StyledLine()
        for (index, section) in form.sections.enumerated() {
            if index > 0 { tabs.add(" ", .plain) }
            tabs.add(" \(section.title) ", index == form.sectionIndex ? CellStyle(bold: true, reverse: true) : theme.muted)
        }
        lines.append((tabs, nil))
        for field in form.sections[form.sectionIndex].fields {
            if case .line(let index, .product) = field {
                lines.append((StyledLine("商品\(index + 1)", CellStyle(bold: true)), nil))
            }
            lines.append((line(for: field), field))
            if field == form.focused, let problem = form.focusedProblem(in: checked) { lines.append((StyledLine("  ✗ \(problem)", theme.error), nil)) }
        }
        lines.append((totals(checked), nil))
        if let note = form.postcodeNote { lines.append((StyledLine(note, theme.muted), nil)) }
        for problem in form.problems { lines.append((StyledLine(problem, theme.error), nil)) }
        let (save, cancel) = FormBox.saveAndCancel(keymap)
        let sections = [keymap.keys(for: .pageDown).first, keymap.keys(for: .pageUp).first].compactMap { $0?.description }.joined(separator: "/")
        if case .line = form.focused {
            let add = keymap.keys(for: .panelAddRow).first?.description ?? "C-n"
            let remove = keymap.keys(for: .panelRemoveRow).first?.description ?? "Delete"
            lines.append((StyledLine("\(add) 商品を追加  \(remove) この商品を削除（商品リストの欄で）", theme.muted), nil))
        }
        lines.append((StyledLine("↑↓ 項目  \(sections) 画面  ←→ 選ぶ  \(save) 登録  \(cancel) 取りやめ", theme.muted), nil))
        FormBox.draw(lines.map(\.line), focusedLine: lines.firstIndex { $0.field == form.focused } ?? 0,
                     title: "受注を登録", in: screenRect, into: &screen, theme: theme)
    }

    /// 商品合計・請求金額 and the tax per rate, as the order will have them; （入力中） until it checks.
    private func totals(_ checked: Result<Order, HandOrderProblems>) -> StyledLine {
        guard case .success(let order) = checked else {
            return StyledLine([("請求金額 ", theme.label), ("（入力中）", theme.muted)])
        }
        var line = StyledLine([("商品合計 ", theme.label), ("\(order.goodsPrice)", .plain), ("  請求金額 ", theme.label),
                               ("\(order.requestPrice)", CellStyle(bold: true))])
        let byRate = TaxBreakdown.goodsByRate(order.packages.flatMap(\.items)).sorted { $0.key > $1.key }
        for (rate, amount) in byRate {
            line.add("  \(Int((rate * 100).rounded()))%対象 \(Money.groupedYen(amount))", theme.muted)
        }
        return line
    }

    private func line(for field: HandOrderForm.Field) -> StyledLine {
        let focused = field == form.focused
        let input = focused ? CellStyle(bold: true, reverse: true) : CellStyle(underline: true)
        var shown: String
        if case .line(let index, .product) = field {
            shown = form.productDisplay(index)
        } else {
            shown = form.text(of: field)
            if field == .deliveryTime, let code = DetailLimits.timeSlot(shown), code != 0, shown.allSatisfy(\.isNumber) {
                shown += "（\(DeliveryDetails.text(ofTimeSlot: code) ?? "")）"
            }
            if field.isAmount, !shown.isEmpty, !isUnits(field) { shown += " 円" }
            if case .line(_, .taxRate) = field, !shown.isEmpty { shown += "%" }
        }
        if form.focusedIsChoice, focused { shown = "< \(shown) >" }
        // A long value takes one line, cut with …, until it is focused.
        if !focused, shown.displayWidth > EditFormView.valueWidth { shown = shown.fitted(to: EditFormView.valueWidth) }
        let label = if case .line = field { "  " + field.label } else { field.label }
        return StyledLine([(label.fitted(to: 16), theme.label), (shown.isEmpty ? " " : shown, input)])
    }

    private func isUnits(_ field: HandOrderForm.Field) -> Bool { if case .line(_, .units) = field { true } else { false } }
}
