import OrderEngine
import OrderStore

/// The order grid: the rows loaded so far (a window from the top, extended as the cursor goes
/// down), the cursor, and the first row shown.
public struct GridModel: Sendable {
    public var rows: [OrderRow] = []
    public var cursor = 0
    public var top = 0
    /// Whether the store holds more rows after the last one loaded.
    public var hasMore = false
    /// Rows matching the current filter in the store.
    public var total = 0
    /// Rows the grid can show at once; set by the layout when it draws.
    public var visibleRows = 10

    public init() {}

    public var cursorRow: OrderRow? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// Moves the cursor by `delta` rows, clamped, and keeps it in view.
    public mutating func move(by delta: Int) {
        guard !rows.isEmpty else { return }
        cursor = min(max(0, cursor + delta), rows.count - 1)
        scrollToCursor()
    }

    public mutating func moveTo(_ index: Int) {
        guard !rows.isEmpty else { return }
        cursor = min(max(0, index), rows.count - 1)
        scrollToCursor()
    }

    /// A cursor off screen brings it to the middle: the view jumps half a page rather than
    /// creeping a row at a time, so a key held down redraws the grid once every half page
    /// instead of on every step (mutt's way, kind to slow links).
    mutating func scrollToCursor() {
        let height = max(1, visibleRows)
        if cursor < top || cursor >= top + height { top = cursor - height / 2 }
        top = max(0, min(top, max(0, rows.count - height)))
    }

    /// True when the next page would run past what is loaded and more rows exist: the rows are
    /// read before the key's frame is drawn.
    public var needsMoreRows: Bool { hasMore && cursor + visibleRows >= rows.count }

    /// True when the cursor is within three pages of the end of what is loaded and more rows
    /// exist: the desk reads them while the keys pause, so that paging rarely waits on a read.
    public var wantsReadAhead: Bool { hasMore && cursor + visibleRows * 3 >= rows.count }

    /// Replaces the rows, keeping the cursor on the same order when it is still there.
    public mutating func replaceRows(_ newRows: [OrderRow], hasMore: Bool) {
        let current = cursorRow?.number
        rows = newRows
        self.hasMore = hasMore
        if let current, let index = newRows.firstIndex(where: { $0.number == current }) {
            cursor = index
        } else {
            cursor = min(cursor, max(0, newRows.count - 1))
        }
        scrollToCursor()
    }

    /// More rows below the last: the cursor stays.
    public mutating func append(_ more: [OrderRow], hasMore: Bool) {
        rows += more
        self.hasMore = hasMore
    }

    /// The rows on screen.
    public var shownRows: ArraySlice<OrderRow> { rows[min(top, rows.count)..<min(top + max(1, visibleRows), rows.count)] }
}

extension OrderRow {
    /// Whether the 注意 column says anything for the row.
    var hasNotes: Bool {
        let failed = if case .failed = sync { true } else { false }
        return failed || readProblem != nil || hasRMSDifference || isShippingFeeUnset || isBundled || hasPendingEdit || isBundleCandidate
    }
}
