import OrderEngine

/// A kept mail over the desk: which of the order's mails it is (template, when, by whom, where it
/// stands), its headers and body, scrolled.
struct MailViewerView {
    let viewer: MailViewer
    let keymap: Keymap
    let theme: Theme

    func draw(in screenRect: Rect, into screen: inout ScreenBuffer) {
        let mail = viewer.current
        let record = mail.record
        let width = min(screenRect.width - 4, 100)
        let height = screenRect.height - 2
        let rect = Rect(x: (screenRect.width - width) / 2, y: 1, width: width, height: height)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: "送ったメール \(viewer.number)（\(viewer.index + 1)/\(viewer.mails.count)）", theme: theme, focused: true)
        let inner = rect.inner
        let at = JapanTime(record.finishedAt ?? record.createdAt)
        var head = StyledLine("\(record.template)\(record.attempt > 0 ? "（再送信 \(record.attempt)）" : "")  \(at.dateText) \(at.shortText.suffix(5))  \(record.operatorName)  ", theme.label)
        head.add(record.stateLabel, record.state == .done ? theme.color(.green, bold: false) : theme.color(.yellow, bold: true))
        head.draw(x: inner.x + 1, y: inner.y, limit: inner.maxX - 1, into: &screen)
        let visible = max(1, inner.height - 3)
        for (offset, line) in mail.lines.dropFirst(viewer.scroll).prefix(visible).enumerated() {
            StyledLine(line).draw(x: inner.x + 1, y: inner.y + 2 + offset, limit: inner.maxX - 1, into: &screen)
        }
        let close = keymap.keys(for: .dialogCancel).first { $0 == .escape }.map(\.description) ?? "Esc"
        let footer = "↑↓ スクロール（\(min(mail.lines.count, viewer.scroll + 1))-\(min(mail.lines.count, viewer.scroll + visible))/\(mail.lines.count)行）  [ ] 前後のメール  \(close) 閉じる"
        StyledLine(footer, theme.muted).draw(x: inner.x + 1, y: inner.maxY - 1, limit: inner.maxX - 1, into: &screen)
    }
}
