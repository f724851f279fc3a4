import OrderEngine

/// 注文内容修正 over the desk: each amount in its field (the focused one reversed), the total
/// before and after, the reduction reason for a Rakuten order, and why a save was refused.
struct EditFormView {
    let form: OrderEditForm
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        var lines: [(line: StyledLine, field: OrderEditForm.Field?)] = []
        for field in form.fields {
            lines.append((line(for: field), field))
        }
        // The totals in RMS's words: 総合計 as RMS's screen shows it, and 請求金額 after points.
        let edited = (try? form.edit.get()).map { $0.applied(to: form.original) }
        for (title, total) in [("総合計 ", \Order.grandTotal), ("請求金額 ", \Order.requestPrice)] {
            let after = edited.map { $0[keyPath: total].description } ?? "（入力中）"
            lines.append((StyledLine([(title, theme.label), ("\(form.original[keyPath: total]) → \(after)", CellStyle(bold: true))]), nil))
        }
        if form.original.origin.isRakutenAPI {
            lines.append((StyledLine("保存した修正は処理パネル「入力内容を反映する（RMS）」でRMSに送ります", theme.muted), nil))
        }
        for problem in form.problems { lines.append((StyledLine(problem, theme.error), nil)) }
        let (save, cancel) = FormBox.saveAndCancel(keymap)
        lines.append((StyledLine("↑↓ 項目  数字で入力  ←→ 減額理由  \(save) 保存  \(cancel) 取りやめ", theme.muted), nil))
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
        }
    }
}
