/// A form over the desk (注文内容修正, 荷物番号の入力): its lines in a centred box, wrapped to it (a
/// reason a save was refused is read whole), the line with the focus kept on screen when they do
/// not all fit; and the keys that save and cancel it, as the keymap has them.
enum FormBox {
    static func draw(_ given: [StyledLine], focusedLine: Int, title: String, in screenRect: Rect, into screen: inout ScreenBuffer, theme: Theme) {
        let width = min(screenRect.width - 4, 90)
        var lines: [StyledLine] = []
        var starts: [Int] = []
        for line in given {
            starts.append(lines.count)
            lines += line.wrapped(to: width - 4, indent: 2)
        }
        let focusedLine = starts.indices.contains(focusedLine) ? starts[focusedLine] : 0
        let rows = min(lines.count, screenRect.height - 4)
        let rect = Rect(x: (screenRect.width - width) / 2, y: max(1, (screenRect.height - rows - 2) / 2), width: width, height: rows + 2)
        screen.fill(x: rect.x, y: rect.y, width: rect.width, height: rect.height)
        screen.box(rect, title: title, theme: theme, focused: true)
        let first = max(0, min(focusedLine - rows / 2, lines.count - rows))
        for (offset, line) in lines.dropFirst(first).prefix(rows).enumerated() {
            line.draw(x: rect.x + 2, y: rect.y + 1 + offset, limit: rect.maxX - 2, into: &screen)
        }
    }

    /// The key that saves (Enter) and the one that cancels (Esc when it is bound) in `keymap`.
    static func saveAndCancel(_ keymap: Keymap) -> (save: String, cancel: String) {
        let cancelKeys = keymap.keys(for: .dialogCancel)
        return (keymap.keys(for: .activate).first.map(\.description) ?? "Enter",
                (cancelKeys.first { $0 == .escape } ?? cancelKeys.first).map(\.description) ?? "Esc")
    }
}
