import OrderEngine

/// 荷物番号の入力 over the desk: basket by basket, each parcel's 配送会社, 荷物番号 and 発送日 (the
/// focused one reversed) with where it stands, a blank row for one more, and why a save was refused.
struct ParcelFormView {
    let form: ParcelForm
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        var lines: [(line: StyledLine, row: Int?)] = []
        for package in form.original.packages {
            let name = package.destination.fullName
            lines.append((StyledLine([("送付先 \(package.basketID)", theme.label), ("  \(name) 様  〒\(package.destination.zipCode)", .plain)]), nil))
            for (index, entry) in form.entries.enumerated() where entry.basketID == package.basketID {
                lines.append((line(for: entry, at: index), index))
            }
        }
        if form.original.isBundled {
            lines.append((StyledLine("同梱注文です: 荷物番号は同梱のすべての注文に入ります", theme.color(.magenta, bold: true)), nil))
        }
        for problem in form.problems { lines.append((StyledLine(problem, theme.error), nil)) }
        lines.append((StyledLine("報告済の荷物を変えると訂正待ち、削除すると削除待ちになり、「荷物番号の訂正・削除を送る（RMS）」で送ります", theme.muted), nil))
        let (save, cancel) = FormBox.saveAndCancel(keymap)
        let add = keymap.keys(for: .panelAddRow).first.map(\.description) ?? "-"
        let remove = keymap.keys(for: .panelRemoveRow).first.map(\.description) ?? "-"
        let choose = keymap.keys(for: .panelNextChoice).first.map(\.description) ?? "Space"
        let next = keymap.keys(for: .focusNext).first.map(\.description) ?? "Tab"
        lines.append((StyledLine("↑↓ 荷物  \(next) 項目  \(choose) 配送会社  \(add) 追加  \(remove) 削除  \(save) 保存  \(cancel) 取りやめ", theme.muted), nil))
        // The focused parcel stays on screen when the baskets do not all fit.
        FormBox.draw(lines.map(\.line), focusedLine: lines.firstIndex { $0.row == form.row } ?? 0,
                     title: "荷物番号の入力 \(form.original.number)", in: screenRect, into: &screen, theme: theme)
    }

    private func line(for entry: ParcelForm.Entry, at index: Int) -> StyledLine {
        func style(_ column: ParcelForm.Column) -> CellStyle {
            if entry.isLocked || entry.deleting { return theme.muted }
            return index == form.row && column == form.column ? CellStyle(bold: true, reverse: true) : CellStyle(underline: true)
        }
        let carrier = "< \(form.carrier(of: entry).name.fitted(to: 14)) >"
        var line = StyledLine([("  ", .plain), (carrier, style(.carrier)), ("  ", .plain),
                               (entry.number.fitted(to: 14), style(.number)), ("  ", .plain), (entry.date.fitted(to: 10), style(.date))])
        if entry.deleting {
            line.add("  削除します", theme.error)
        } else if let parcel = entry.original {
            line.add("  \(parcel.report.label)", parcel.report == .reported ? theme.color(.green, bold: false) : theme.muted)
        } else {
            line.add(entry.number.isEmpty ? "  （追加する荷物番号）" : "  追加", theme.muted)
        }
        return line
    }
}
