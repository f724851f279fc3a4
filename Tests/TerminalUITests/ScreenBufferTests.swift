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

    @Test("a wide character that does not fit before the limit becomes a space, never spills over")
    func clipAtLimit() {
        var screen = ScreenBuffer(width: 10, height: 1)
        screen.put("|||||||||||", x: 0, y: 0)
        screen.put("あいう", x: 0, y: 0, limit: 5)
        #expect(screen.line(0) == "あい |||||")
        var edge = ScreenBuffer(width: 5, height: 1)
        edge.put("あいう", x: 0, y: 0)
        #expect(edge.line(0) == "あい ")
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
}
