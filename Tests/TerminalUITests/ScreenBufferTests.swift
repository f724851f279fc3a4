import Testing
@testable import TerminalUI

@Suite("The cell buffer")
struct ScreenBufferTests {
    @Test("a wide character takes two cells and reads back once")
    func wide() {
        var screen = ScreenBuffer(width: 10, height: 1)
        let end = screen.put("注文", x: 1, y: 0)
        #expect(end == 5)
        #expect(screen[1, 0].width == 2 && screen[2, 0].isContinuation)
        #expect(screen.line(0) == " 注文     ")
    }

    @Test("a character of several scalars (a combining mark, an emoji sequence) reads back whole and compares by its text")
    func clusters() {
        let decomposed = "か\u{3099}"  // が as か + combining voiced mark, as some sources send it
        var first = ScreenBuffer(width: 10, height: 1)
        first.put("\(decomposed)1", x: 0, y: 0)
        #expect(first.line(0) == "\(decomposed)1       ")
        #expect(first.scalars(0, 0) == [0x304B, 0x3099])
        // The same text drawn after another cluster sits at another index: still the same cell.
        var second = ScreenBuffer(width: 10, height: 1)
        second.put("e\u{301}", x: 5, y: 0)
        second.put("\(decomposed)1", x: 0, y: 0)
        #expect(second.sameCell(0, 0, as: first))
        #expect(!second.sameCell(5, 0, as: first))
        second.put("     ", x: 5, y: 0)
        #expect(second == first)
    }

    @Test("text cut at the limit ends in …, a wide character never spills over; trailing blanks cut are no cut")
    func clipAtLimit() {
        var screen = ScreenBuffer(width: 10, height: 1)
        screen.put("|||||||||||", x: 0, y: 0)
        #expect(screen.line(0) == "|||||||||…")
        screen.put("あいう", x: 0, y: 0, limit: 5)
        #expect(screen.line(0) == "あい…||||…")
        var edge = ScreenBuffer(width: 5, height: 1)
        edge.put("あいう", x: 0, y: 0)
        #expect(edge.line(0) == "あい…")
        var exact = ScreenBuffer(width: 6, height: 1)
        exact.put("中村一郎", x: 0, y: 0, limit: 6)
        #expect(exact.line(0) == "中村… ", "the last wide character gives way to the mark")
        exact.put("abcdef   ", x: 0, y: 0)
        #expect(exact.line(0) == "abcdef", "only blanks were left out")
        exact.put("ab", x: 0, y: 0, limit: 0)
        #expect(exact.line(0) == "abcdef", "no room, no mark")
    }

    @Test("overwriting half of a wide character blanks the other half")
    func overwriteHalf() {
        var screen = ScreenBuffer(width: 6, height: 1)
        screen.put("漢字", x: 0, y: 0)
        screen.put("x", x: 1, y: 0)
        #expect(screen.line(0) == " x字  ")
        screen.put("y", x: 2, y: 0)
        #expect(screen.line(0) == " xy   ")
    }

    @Test("control characters never reach the screen")
    func controls() {
        var screen = ScreenBuffer(width: 8, height: 1)
        screen.put("a\nb\tc", x: 0, y: 0)
        #expect(screen.line(0) == "a b c   ")
    }

    @Test("a buyer's invisible characters never reach the screen: direction overrides and isolates, zero-width joiners and spaces are dropped, an escape is a space, and the cells after them stay in their columns")
    func invisibles() {
        var screen = ScreenBuffer(width: 12, height: 1)
        let end = screen.put("\u{2066}中\u{202E}村\u{200D}\u{1B}[2J\u{2069}|", x: 0, y: 0)
        #expect(screen.line(0) == "中村 [2J|   ", "\(screen.line(0).debugDescription)")
        #expect(end == 9, "the measured width is what is drawn")
        #expect("\u{2066}中\u{202E}村\u{2069}".displayWidth == 4)
        for x in 0..<12 { #expect(screen.scalars(x, 0).allSatisfy { !TerminalText.isInvisible(Unicode.Scalar($0)!) }) }
    }

    @Test("text for a command's terminal: controls shown as what they are (^[, ^M), invisible characters dropped, tab and line feed kept")
    func terminalText() {
        #expect(TerminalText.safe("中村\u{1B}[2J\r\n\u{202E}郎\t\u{9B}x") == "中村^[[2J\r\n郎\t<U+009B>x", "CR LF ends a line")
        #expect(TerminalText.safe("山田\r偽の行\r") == "山田^M偽の行^M", "a CR alone would draw over the line")
        #expect(TerminalText.safe("ソフト\u{AD}ハイフン") == "ソフトハイフン", "U+00AD is a format character")
        #expect(TerminalText.safe("東京都千代田区1-1") == "東京都千代田区1-1")
    }
}
