/// The processing panel: the actions, and whether they apply to the checked rows or the cursor row.
struct PanelView {
    let state: DeskState
    let theme: Theme

    func draw(in rect: Rect, into screen: inout ScreenBuffer) {
        let focused = state.focus == .panel
        screen.box(rect, title: "処理パネル", theme: theme, focused: focused)
        let inner = rect.inner
        guard inner.height > 0 else { return }
        let scope = state.marks.isEmpty ? "カーソル行に適用" : "選択 \(state.marks.count)件に適用"
        screen.put(scope, x: inner.x + 1, y: inner.y, style: state.marks.isEmpty ? theme.muted : theme.color(.yellow, bold: true),
                   limit: inner.maxX)
        var y = inner.y + 1
        var lastGroup = ""
        for (index, item) in state.panelItems.enumerated() where y < inner.maxY {
            if item.group != lastGroup {
                lastGroup = item.group
                screen.put(item.group, x: inner.x + 1, y: y, style: theme.label, limit: inner.maxX)
                y += 1
                guard y < inner.maxY else { break }
            }
            let key = state.keymap.keys(for: item.action).first.map { "[\($0)]" } ?? ""
            let keyWidth = key.displayWidth
            screen.put(item.title.fitted(to: max(0, inner.width - keyWidth - 4)), x: inner.x + 3, y: y, limit: inner.maxX)
            screen.put(key, x: inner.maxX - keyWidth - 1, y: y, style: theme.muted, limit: inner.maxX)
            if focused, index == state.panelCursor {
                screen.restyle(x: inner.x, y: y, width: inner.width) { $0.reverse = true }
            }
            y += 1
        }
    }
}
