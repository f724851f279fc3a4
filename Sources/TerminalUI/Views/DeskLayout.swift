/// Where each part of the desk goes for a terminal size: header, status tabs, the grid, then the
/// processing panel and the detail pane side by side, and the message line at the bottom.
public struct DeskLayout: Sendable, Equatable {
    public static let minimumWidth = 80
    public static let minimumHeight = 24

    public let header: Rect
    public let tabs: Rect
    public let grid: Rect
    public let panel: Rect
    public let detail: Rect
    public let footer: Rect

    public init(width: Int, height: Int) {
        header = Rect(x: 0, y: 0, width: width, height: 1)
        tabs = Rect(x: 0, y: 1, width: width, height: 1)
        footer = Rect(x: 0, y: height - 1, width: width, height: 1)
        let bottomHeight = min(18, max(10, height * 2 / 5))
        let gridHeight = height - 3 - bottomHeight
        grid = Rect(x: 0, y: 2, width: width, height: gridHeight)
        let panelWidth = min(40, max(32, width / 4))
        panel = Rect(x: 0, y: 2 + gridHeight, width: panelWidth, height: bottomHeight)
        detail = Rect(x: panelWidth, y: 2 + gridHeight, width: width - panelWidth, height: bottomHeight)
    }

    /// Grid rows that fit under the column header.
    public var gridBodyRows: Int { max(1, grid.inner.height - 1) }

    public static func fits(width: Int, height: Int) -> Bool {
        width >= minimumWidth && height >= minimumHeight
    }
}
