import ShopSettings

/// The list of saved views, numbered 1…9, 0 for the tenth: a number shows it.
struct SavedViewsView {
    let views: [SavedView]
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let shown = Array(views.prefix(10))
        let width = min(screenRect.width - 4, 72)
        let height = min(screenRect.height - 2, shown.count + 4)
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(1, (screenRect.height - height) / 2), width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: "保存した表示", theme: theme, focused: true)
        let inner = rect.inner
        for (index, view) in shown.enumerated() where inner.y + index < inner.maxY - 1 {
            let y = inner.y + index
            let x = screen.put("\((index + 1) % 10)", x: inner.x + 1, y: y, style: CellStyle(bold: true), limit: inner.maxX)
            let detail = [view.status?.name, view.search].compactMap { $0 }.joined(separator: "  ")
            let after = screen.put(" \(view.name)", x: x, y: y, limit: inner.maxX)
            screen.put("  \(detail)", x: after, y: y, style: theme.muted, limit: inner.maxX - 1)
        }
        screen.put("番号で表示します（ほかのキーで閉じる）", x: inner.x + 1, y: inner.maxY - 1, style: theme.muted, limit: inner.maxX)
    }
}
