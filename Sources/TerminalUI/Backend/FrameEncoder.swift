/// Turns a frame into the bytes that bring the terminal from the frame shown before to it: for
/// each row, the spans of changed cells (short unchanged gaps are written again), with the
/// attributes switched only where they change. One frame is one write: ncurses' refresh flushes
/// at every cursor move, which made a page forty writes to the terminal.
public struct FrameEncoder: Sendable {
    public let capabilities: TerminalCapabilities

    public init(capabilities: TerminalCapabilities) {
        self.capabilities = capabilities
    }

    /// The bytes for `frame`; the whole screen when `previous` is nil or of another size. The
    /// terminal is left with its attributes off.
    public func encode(_ frame: ScreenBuffer, after previous: ScreenBuffer?) -> [UInt8] {
        let previous = Self.base(for: frame, shown: previous)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(previous == nil ? frame.width * frame.height * 3 : 256)
        var style = CellStyle.plain
        if previous == nil { bytes += capabilities.reset + capabilities.clear }
        for y in 0..<frame.height {
            for (first, changedLast) in Self.changedSpans(row: y, frame: frame, previous: previous) {
                var last = changedLast
                // The bottom right cell is never written: on a terminal that wraps at once it would scroll the screen.
                if y == frame.height - 1 {
                    last = min(last, frame.width - 2)
                    while last > first, frame[last, y].width > 1, last + Int(frame[last, y].width) - 1 > frame.width - 2 { last -= 1 }
                }
                guard first <= last else { continue }
                bytes += capabilities.moveTo(first, y)
                for x in first...last {
                    let cell = frame[x, y]
                    if cell.isContinuation { continue }
                    if cell.style != style {
                        append(cell.style, to: &bytes)
                        style = cell.style
                    }
                    if cell.isCluster {
                        for scalar in frame.scalars(x, y) { Self.appendUTF8(scalar, to: &bytes) }
                    } else {
                        Self.appendUTF8(cell.code, to: &bytes)
                    }
                }
            }
        }
        if style != .plain { bytes += capabilities.reset }
        return bytes
    }

    /// The frame on screen when `frame` can be written as changes to it (same size); nil when the
    /// screen is to be written whole.
    static func base(for frame: ScreenBuffer, shown: ScreenBuffer?) -> ScreenBuffer? {
        shown.flatMap { $0.width == frame.width && $0.height == frame.height ? $0 : nil }
    }

    static func appendUTF8(_ scalar: UInt32, to bytes: inout [UInt8]) {
        switch scalar {
        case 0..<0x80:
            bytes.append(UInt8(scalar))
        case 0x80..<0x800:
            bytes.append(0xC0 | UInt8(scalar >> 6))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        case 0x800..<0x10000:
            bytes.append(0xE0 | UInt8(scalar >> 12))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        default:
            bytes.append(0xF0 | UInt8(scalar >> 18))
            bytes.append(0x80 | UInt8((scalar >> 12) & 0x3F))
            bytes.append(0x80 | UInt8((scalar >> 6) & 0x3F))
            bytes.append(0x80 | UInt8(scalar & 0x3F))
        }
    }

    /// Attributes off, then the style's on: simpler than turning single attributes off, which
    /// terminals do not all have a way for.
    private func append(_ style: CellStyle, to bytes: inout [UInt8]) {
        bytes += capabilities.reset
        if style.bold { bytes += capabilities.bold }
        if style.dim { bytes += capabilities.dim }
        if style.underline { bytes += capabilities.underline }
        if style.reverse { bytes += capabilities.reverse }
        if let color = style.foreground, let foreground = capabilities.foreground { bytes += foreground(color) }
        if let color = style.background, let background = capabilities.background { bytes += background(color) }
    }

    /// Unchanged cells in a row up to this many are written again rather than skipped with a
    /// cursor move, which costs about as many bytes.
    static let skipAfter = 8

    /// The spans of row `y` that differ from `previous`, each widened to whole wide characters;
    /// the whole row when there is nothing to compare with.
    static func changedSpans(row y: Int, frame: ScreenBuffer, previous: ScreenBuffer?) -> [(Int, Int)] {
        guard frame.width > 0 else { return [] }
        guard let previous else { return [(0, frame.width - 1)] }
        var spans: [(Int, Int)] = []
        var start: Int?
        var last = 0
        for x in 0..<frame.width where !frame.sameCell(x, y, as: previous) {
            if let first = start, x - last > skipAfter {
                spans.append(widened(first, last, row: y, frame: frame, previous: previous))
                start = x
            } else if start == nil {
                start = x
            }
            last = x
        }
        if let first = start { spans.append(widened(first, last, row: y, frame: frame, previous: previous)) }
        return spans
    }

    private static func widened(_ first: Int, _ last: Int, row y: Int, frame: ScreenBuffer, previous: ScreenBuffer) -> (Int, Int) {
        var start = first
        var end = last
        // Back to the first cell of the character covering `start`, on either frame (a cluster
        // such as ﾎﾟ may cover more than two); on to the last cell of the one at `end`.
        while start > 0, frame[start, y].isContinuation || previous[start, y].isContinuation { start -= 1 }
        let covered = max(Int(frame[end, y].width), Int(previous[end, y].width), 1)
        end = min(frame.width - 1, end + covered - 1)
        return (start, end)
    }
}
