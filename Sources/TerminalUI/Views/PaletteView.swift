/// The command palette over the desk: the line typed, then each action it finds with its group
/// and its key, the chosen one reversed.
struct PaletteView {
    let palette: CommandPalette
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let matches = palette.matches
        let width = min(72, screenRect.width - 4)
        let listRows = max(1, min(matches.count, screenRect.height - 8, 12))
        let height = listRows + 4
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(1, (screenRect.height - height) / 3), width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: "コマンド（\(matches.count)件）", theme: theme, focused: true)
        let inner = rect.inner
        screen.put(": " + palette.query + theme.glyphs.textCursor, x: inner.x + 1, y: inner.y, style: CellStyle(bold: true), limit: inner.maxX)
        if matches.isEmpty {
            screen.put("当たる処理はありません（名前・読み・英語名で）", x: inner.x + 1, y: inner.y + 1, style: theme.muted, limit: inner.maxX)
        }
        // Scrolled so that the chosen match shows.
        let top = max(0, min(palette.cursor - listRows + 1, matches.count - listRows))
        for (offset, entry) in matches.dropFirst(top).prefix(listRows).enumerated() {
            let y = inner.y + 1 + offset
            // What the operator's role does not allow is listed, dimmed, with the role it needs in the key's place.
            let key = entry.refusal != nil ? "要\(entry.action.requiredRole.label)" : keymap.keys(for: entry.action).first.map(\.description) ?? ""
            let keyWidth = 10
            let groupWidth = min(18, entry.group.displayWidth)
            let titleEnd = inner.maxX - keyWidth - groupWidth - 2
            screen.put(entry.title, x: inner.x + 1, y: y, style: entry.refusal != nil ? theme.muted : .plain, limit: titleEnd)
            screen.put(entry.group, x: titleEnd + 1, y: y, style: theme.muted, limit: inner.maxX - keyWidth)
            screen.put(key, x: inner.maxX - keyWidth, y: y, width: keyWidth - 1, alignment: .trailing,
                       style: entry.refusal != nil ? theme.muted : CellStyle(bold: true))
            if top + offset == palette.cursor { screen.restyle(x: inner.x, y: y, width: inner.width) { $0.reverse = true } }
        }
        if let refusal = palette.chosen?.refusal {
            screen.put(refusal, x: inner.x + 1, y: inner.maxY - 1, style: theme.color(.yellow, bold: true), limit: inner.maxX)
        } else {
            screen.put("Enter 実行  ↑↓ 選ぶ  Esc 閉じる", x: inner.x + 1, y: inner.maxY - 1, style: theme.muted, limit: inner.maxX)
        }
    }
}
