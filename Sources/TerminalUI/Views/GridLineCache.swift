import OrderEngine
import OrderStore
import ShopSettings

/// The grid's rows as drawn in the last frame, by what they show: a cursor step or a mark redraws
/// at most one row and copies the others (formatting ten columns of thirty rows on every key was
/// half of a frame's work). Only the last frame's rows are kept, and none once the columns change.
final class GridLineCache {
    private struct Line {
        let row: OrderRow
        let marked: Bool
        let cells: [ScreenBuffer.Cell]
    }

    private var columns: GridColumns?
    private var lines: [OrderNumber: Line] = [:]
    private var drawn: [OrderNumber: Line] = [:]

    /// Starts a frame laid out in `columns`.
    func begin(_ columns: GridColumns) {
        if columns != self.columns {
            self.columns = columns
            lines = [:]
        }
        drawn = [:]
        drawn.reserveCapacity(lines.count)
    }

    /// Draws `row` at (x, y), `width` cells: copied when the last frame drew it the same way,
    /// else drawn by `draw` and kept.
    func line(
        _ row: OrderRow, marked: Bool, x: Int, y: Int, width: Int, into screen: inout ScreenBuffer,
        draw: (inout ScreenBuffer) -> Void
    ) {
        // Looked up by number and compared whole: cheaper than hashing every field of the row.
        if let line = lines[row.number], line.marked == marked, line.cells.count == width, line.row == row {
            screen.paste(line.cells[...], x: x, y: y)
            drawn[row.number] = line
            return
        }
        draw(&screen)
        // A copy of the cells: a slice would share the frame's storage and copy all of it on the next write.
        if let cells = screen.plainCells(x: x, y: y, count: width) {
            drawn[row.number] = Line(row: row, marked: marked, cells: Array(cells))
        }
    }

    /// Ends the frame: what it drew is what the next one may copy.
    func end() {
        lines = drawn
        drawn = [:]
    }
}
