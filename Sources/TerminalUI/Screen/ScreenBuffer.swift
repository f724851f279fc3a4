/// One frame of the screen as cells. Views draw into it; the back end sends only what changed.
///
/// A wide character takes two cells: the left one holds it, the right one is a continuation
/// (``Cell/isContinuation``). Writing never splits a wide character and never goes past a limit.
public struct ScreenBuffer: Sendable, Equatable {
    public struct Cell: Sendable, Hashable {
        public var character: Character
        /// 2 for the left half of a wide character, 0 for its right half, 1 otherwise.
        public var width: UInt8
        public var style: CellStyle

        public static let blank = Cell(character: " ", width: 1, style: .plain)

        public var isContinuation: Bool { width == 0 }
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// Writes `text` from (x, y) without going past `limit` (the right edge when nil).
    /// Returns the column after the last cell written.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = x
        for character in text {
            let c: Character = character.isControl ? " " : character
            let w = DisplayWidth.of(c)
            if w == 0 { continue }
            if column + w > end {
                // A wide character that does not fit is replaced by a space up to the edge.
                if column < end, column >= 0 { set(Cell(character: " ", width: 1, style: style), x: column, y: y) }
                return end
            }
            if column >= 0 {
                set(Cell(character: c, width: UInt8(w), style: style), x: column, y: y)
                if w == 2 { set(Cell(character: " ", width: 0, style: style), x: column + 1, y: y) }
            }
            column += w
        }
        return column
    }

    /// Paints a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                set(Cell(character: " ", width: 1, style: style), x: column, y: row)
            }
        }
    }

    /// Changes the style of cells without touching their text (the cursor row's highlight).
    public mutating func restyle(x: Int, y: Int, width w: Int, _ change: (inout CellStyle) -> Void) {
        guard y >= 0, y < height else { return }
        for column in max(0, x)..<min(width, x + w) {
            change(&cells[y * width + column].style)
        }
    }

    private mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width else { return }
        let index = y * width + x
        // Overwriting half of a wide character blanks its other half.
        let old = cells[index]
        if old.isContinuation, x > 0, cells[index - 1].width == 2 {
            cells[index - 1] = Cell(character: " ", width: 1, style: cells[index - 1].style)
        }
        if old.width == 2, x + 1 < width, cell.width != 2 {
            cells[index + 1] = Cell(character: " ", width: 1, style: cells[index + 1].style)
        }
        cells[index] = cell
        if cell.width == 2, x + 1 >= width {
            cells[index] = Cell(character: " ", width: 1, style: cell.style)
        }
    }

    /// The text of row `y` as the terminal shows it (for tests and snapshots).
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !self[x, y].isContinuation { text.append(self[x, y].character) }
        return text
    }

    /// Every row, trailing spaces removed.
    public var text: String {
        (0..<height).map { line($0).replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

extension String {
    func replacingTrailingSpaces() -> String {
        var copy = self
        while copy.last == " " { copy.removeLast() }
        return copy
    }
}
