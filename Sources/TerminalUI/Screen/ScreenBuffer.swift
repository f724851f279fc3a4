/// One frame of the screen as cells. Views draw into it; the back end sends only what changed.
///
/// A wide character takes two cells: the left one holds it, the right one is a continuation
/// (``Cell/isContinuation``). Writing never splits a wide character and never goes past a limit.
public struct ScreenBuffer: Sendable, Equatable {
    /// A cell is plain values (no reference counting): a frame of 4,800 cells is drawn and
    /// compared with the last one on every key.
    public struct Cell: Sendable, Hashable {
        /// The character's one Unicode scalar (every kana, kanji and ASCII letter); for a character
        /// of several scalars (a letter with a combining mark, an emoji sequence),
        /// ``ScreenBuffer/clusterFlag`` with the index of its text in the buffer's clusters.
        public var code: UInt32
        /// 2 for the left half of a wide character, 0 for its right half, 1 otherwise.
        public var width: UInt8
        public var style: CellStyle

        public static let blank = Cell(code: 0x20, width: 1, style: .plain)

        static func space(width: UInt8 = 1, style: CellStyle) -> Cell { Cell(code: 0x20, width: width, style: style) }

        public var isContinuation: Bool { width == 0 }
        var isCluster: Bool { code & ScreenBuffer.clusterFlag != 0 }
    }

    /// Marks a cell's code as an index into ``clusters`` (no Unicode scalar has this bit).
    static let clusterFlag: UInt32 = 0x8000_0000

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// The text of characters made of several scalars, for the cells that point here.
    private var clusters: [String] = []

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    public subscript(x: Int, y: Int) -> Cell {
        cells[y * width + x]
    }

    /// The character of the cell at (x, y).
    public func character(_ x: Int, _ y: Int) -> Character {
        let cell = cells[y * width + x]
        if cell.isCluster { return Character(clusters[Int(cell.code & ~Self.clusterFlag)]) }
        return Character(Unicode.Scalar(cell.code) ?? " ")
    }

    /// The Unicode scalars of the cell at (x, y), as the terminal is sent them.
    public func scalars(_ x: Int, _ y: Int) -> [UInt32] {
        let cell = cells[y * width + x]
        guard cell.isCluster else { return [cell.code] }
        return clusters[Int(cell.code & ~Self.clusterFlag)].unicodeScalars.map(\.value)
    }

    /// Whether the cell at (x, y) looks the same as in `other` (a cluster is compared by its text).
    public func sameCell(_ x: Int, _ y: Int, as other: ScreenBuffer) -> Bool {
        let mine = cells[y * width + x]
        let theirs = other.cells[y * width + x]
        guard mine != theirs || mine.isCluster else { return true }
        guard mine.width == theirs.width, mine.style == theirs.style, mine.isCluster, theirs.isCluster else { return false }
        return character(x, y) == other.character(x, y)
    }

    public static func == (lhs: ScreenBuffer, rhs: ScreenBuffer) -> Bool {
        guard lhs.width == rhs.width, lhs.height == rhs.height else { return false }
        for y in 0..<lhs.height {
            for x in 0..<lhs.width where !lhs.sameCell(x, y, as: rhs) { return false }
        }
        return true
    }

    private mutating func code(for character: Character) -> UInt32 {
        let scalars = character.unicodeScalars
        if let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex { return first.value }
        clusters.append(String(character))
        return Self.clusterFlag | UInt32(clusters.count - 1)
    }

    /// Writes `text` from (x, y) without going past `limit` (the right edge when nil).
    /// Returns the column after the last cell written. Text cut at the limit ends in 「…」
    /// (``markCut(from:at:y:end:style:)``): nothing is cut without a mark.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, style: CellStyle = .plain, limit: Int? = nil) -> Int {
        guard y >= 0, y < height else { return x }
        let end = min(limit ?? width, width)
        var column = x
        var lastStart = x
        // Text of characters that are one scalar each (nearly all the desk draws) goes scalar by
        // scalar, without breaking it into grapheme clusters.
        if text.unicodeScalars.allSatisfy(DisplayWidth.standsAlone) {
            let scalars = text.unicodeScalars
            var index = scalars.startIndex
            while index < scalars.endIndex {
                let scalar = scalars[index]
                guard let next = place(scalar.value, width: DisplayWidth.isWide(scalar.value) ? 2 : 1, at: column, y: y, end: end, style: style)
                else {
                    if !scalars[index...].allSatisfy(\.properties.isWhitespace) { markCut(from: x, at: lastStart, y: y, end: end, style: style) }
                    return end
                }
                lastStart = column
                column = next
                index = scalars.index(after: index)
            }
            return column
        }
        // An invisible format character (a direction override, a zero-width joiner) is dropped and a
        // control character drawn as a space, so that buyer text never reorders or shifts the cells.
        let visible = text.unicodeScalars.contains(where: TerminalText.isInvisible)
            ? String(String.UnicodeScalarView(text.unicodeScalars.filter { !TerminalText.isInvisible($0) })) : String(text)
        var index = visible.startIndex
        while index < visible.endIndex {
            let character = visible[index]
            let c: Character = character.isControl ? " " : character
            let w = DisplayWidth.of(c)
            index = visible.index(after: index)
            if w == 0 { continue }
            guard let next = place(code(for: c), width: w, at: column, y: y, end: end, style: style) else {
                markCut(from: x, at: lastStart, y: y, end: end, style: style)
                return end
            }
            lastStart = column
            column = next
        }
        return column
    }

    /// Text that did not fit before `end`: its last cell becomes 「…」 — after the last character
    /// written when there is a cell free before the edge, otherwise over that character.
    private mutating func markCut(from x: Int, at lastStart: Int, y: Int, end: Int, style: CellStyle) {
        guard end > x, end - 1 >= 0 else { return }
        // The last character written ends at or before `end`; the cell at end - 1 is either its
        // last cell or a space left by a wide character that did not fit.
        let at = max(x, lastStart, 0)
        let mark = end - 1 >= at && cells[y * width + end - 1].code == 0x20 && cells[y * width + end - 1].width == 1 ? end - 1 : at
        set(Cell(code: 0x2026, width: 1, style: style), x: mark, y: y)
        // A wide character the mark replaced leaves its second cell a space.
        if mark + 1 < end, cells[y * width + mark + 1].width == 0 { set(.space(style: style), x: mark + 1, y: y) }
    }

    /// Writes `text` into exactly `width` cells from (x, y), cut by display width and padded with
    /// spaces in `style` on the side `alignment` leaves free: what ``String/fitted(to:alignment:)``
    /// then ``put(_:x:y:style:limit:)`` draw, without building the padded string.
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, width w: Int, alignment: TextAlignment, style: CellStyle = .plain) {
        guard y >= 0, y < height, w > 0 else { return }
        var start = x
        if alignment == .trailing {
            let textWidth = DisplayWidth.of(text)
            if textWidth < w {
                fill(x: x, y: y, width: w - textWidth, height: 1, style: style)
                start = x + w - textWidth
            }
        }
        let end = put(text, x: start, y: y, style: style, limit: x + w)
        if end < x + w { fill(x: end, y: y, width: x + w - end, height: 1, style: style) }
    }

    /// The cells of row `y` from `x`, `count` of them, when none is a character of several
    /// scalars (whose text lives in this buffer only); nil otherwise.
    public func plainCells(x: Int, y: Int, count: Int) -> ArraySlice<Cell>? {
        guard y >= 0, y < height, x >= 0, count >= 0, x + count <= width else { return nil }
        let slice = cells[(y * width + x)..<(y * width + x + count)]
        return slice.contains(where: \.isCluster) ? nil : slice
    }

    /// Copies cells taken with ``plainCells(x:y:count:)`` to (x, y), as they are.
    public mutating func paste(_ line: ArraySlice<Cell>, x: Int, y: Int) {
        guard y >= 0, y < height, x >= 0, x + line.count <= width else { return }
        let start = y * width + x
        cells.replaceSubrange(start..<(start + line.count), with: line)
    }

    /// Puts one character at `column`; returns the column after it, or nil at the edge (a wide
    /// character that does not fit is replaced by a space up to the edge).
    private mutating func place(_ code: UInt32, width w: Int, at column: Int, y: Int, end: Int, style: CellStyle) -> Int? {
        if column + w > end {
            if column < end, column >= 0 { set(.space(style: style), x: column, y: y) }
            return nil
        }
        if column >= 0 {
            set(Cell(code: code, width: UInt8(w), style: style), x: column, y: y)
            // The cells a wide character or a cluster of several (ﾎﾟ) covers after its first.
            for covered in 1..<max(1, w) { set(.space(width: 0, style: style), x: column + covered, y: y) }
        }
        return column + w
    }

    /// Paints a rectangle with spaces in `style`.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: CellStyle = .plain) {
        for row in max(0, y)..<min(height, y + h) {
            for column in max(0, x)..<min(width, x + w) {
                set(.space(style: style), x: column, y: row)
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
        let row = y * width
        let index = row + x
        // Overwriting part of a wide character (or of a cluster such as ﾎﾟ) blanks the rest of it.
        let old = cells[index]
        if old.isContinuation, !cell.isContinuation {
            var head = x - 1
            while head > 0, cells[row + head].isContinuation { head -= 1 }
            for column in max(0, head)..<x { cells[row + column] = .space(style: cells[row + column].style) }
        }
        if old.width > 1, cell.width < old.width {
            for column in (x + max(1, Int(cell.width)))..<min(width, x + Int(old.width)) where cells[row + column].isContinuation {
                cells[row + column] = .space(style: cells[row + column].style)
            }
        }
        cells[index] = cell
        if cell.width > 1, x + Int(cell.width) > width {
            cells[index] = .space(style: cell.style)
        }
    }

    /// The text of row `y` as the terminal shows it (for tests and snapshots).
    public func line(_ y: Int) -> String {
        var text = ""
        for x in 0..<width where !self[x, y].isContinuation { text.append(character(x, y)) }
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
