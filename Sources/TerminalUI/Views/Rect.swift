/// A rectangle of cells on the screen.
public struct Rect: Sendable, Hashable {
    public var x: Int
    public var y: Int
    public var width: Int
    public var height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }

    /// The inside of a box drawn on this rectangle.
    public var inner: Rect { Rect(x: x + 1, y: y + 1, width: width - 2, height: height - 2) }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }
}

extension ScreenBuffer {
    /// A frame with a title in its top edge.
    mutating func box(_ rect: Rect, title: String, theme: Theme, focused: Bool) {
        guard rect.width >= 4, rect.height >= 2 else { return }
        let g = theme.glyphs
        let style = focused ? theme.focusedFrame : theme.frame
        let horizontal = String(repeating: g.horizontal, count: rect.width - 2)
        put(String(g.topLeft) + horizontal + String(g.topRight), x: rect.x, y: rect.y, style: style)
        put(String(g.bottomLeft) + horizontal + String(g.bottomRight), x: rect.x, y: rect.maxY - 1, style: style)
        for row in (rect.y + 1)..<(rect.maxY - 1) {
            put(String(g.vertical), x: rect.x, y: row, style: style)
            put(String(g.vertical), x: rect.maxX - 1, y: row, style: style)
        }
        put(" \(title) ", x: rect.x + 2, y: rect.y, style: focused ? theme.focusedTitle : theme.title, limit: rect.maxX - 2)
    }
}
