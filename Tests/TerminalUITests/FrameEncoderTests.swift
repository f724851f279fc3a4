import CNcursesw
import Foundation
import Testing
@testable import TerminalUI

/// A screen that understands what ``TerminalCapabilities/ansi`` writes (cursor moves, clear,
/// attributes, UTF-8 text of narrow and wide characters): what a terminal would show.
private struct ANSIScreen {
    var lines: [[Character]]
    var bold: [[Bool]]
    var column = 0
    var row = 0
    var isBold = false

    init(width: Int, height: Int) {
        lines = Array(repeating: Array(repeating: " ", count: width), count: height)
        bold = Array(repeating: Array(repeating: false, count: width), count: height)
    }

    mutating func apply(_ bytes: [UInt8]) {
        var scalars = String(decoding: bytes, as: UTF8.self).unicodeScalars.makeIterator()
        while let scalar = scalars.next() {
            guard scalar == "\u{1B}" else {
                let width = DisplayWidth.of(scalar)
                lines[row][column] = Character(scalar)
                bold[row][column] = isBold
                if width == 2 { lines[row][column + 1] = "\0" }
                column += width
                continue
            }
            _ = scalars.next()  // [
            var parameters = ""
            while let next = scalars.next() {
                guard next.properties.isAlphabetic else {
                    parameters.unicodeScalars.append(next)
                    continue
                }
                let numbers = parameters.split(separator: ";").map { Int($0) ?? 0 }
                switch next {
                case "H":
                    row = (numbers.first ?? 1) - 1
                    column = (numbers.count > 1 ? numbers[1] : 1) - 1
                case "J":
                    for y in lines.indices { lines[y] = lines[y].map { _ in " " } }
                case "m":
                    if numbers.isEmpty || numbers.contains(0) { isBold = false }
                    if numbers.contains(1) { isBold = true }
                default:
                    break
                }
                break
            }
        }
    }

    var text: String {
        lines.map { String($0.filter { $0 != "\0" }).replacingTrailingSpaces() }.joined(separator: "\n")
    }
}

@Suite("Writing frames to the terminal")
struct FrameEncoderTests {
    let encoder = FrameEncoder(capabilities: .ansi)

    func frame(_ lines: [String], width: Int = 20) -> ScreenBuffer {
        var screen = ScreenBuffer(width: width, height: lines.count)
        for (y, line) in lines.enumerated() { screen.put(line, x: 0, y: y, style: CellStyle(bold: line.hasPrefix("!"))) }
        return screen
    }

    @Test("frame after frame, the terminal shows exactly the last one: wide characters, attributes, changed spans only")
    func terminalFollowsFrames() {
        var terminal = ANSIScreen(width: 20, height: 4)
        let frames = [
            frame(["受注一覧 新規受付", "[ ] 398211-1 山田", "!送料未設定", "status"]),
            frame(["受注一覧 新規受付", "[x] 398211-1 山田", "!送料未設定", "status"]),
            frame(["受注一覧 楽天処理中", "[x] 398211-2 林", "ok", "status"]),
            frame(["受注一覧 楽天処理中", "[x] 398211-2 林", "ok", "status"]),
        ]
        var previous: ScreenBuffer?
        for (index, next) in frames.enumerated() {
            terminal.apply(encoder.encode(next, after: previous))
            #expect(terminal.text == next.text, "frame \(index)")
            for y in 0..<next.height {
                for x in 0..<next.width where !next[x, y].isContinuation {
                    #expect(terminal.bold[y][x] == next[x, y].style.bold, "frame \(index) (\(x), \(y))")
                }
            }
            previous = next
        }
    }

    @Test("a one-cell change is one move and one character; an unchanged frame writes nothing")
    func smallChanges() {
        let before = frame(["[ ] 398211-1", "status"])
        let after = frame(["[x] 398211-1", "status"])
        #expect(encoder.encode(after, after: before) == Array("\u{1B}[1;2Hx".utf8))
        #expect(encoder.encode(after, after: after).isEmpty)
        // Changes far apart are two spans; a short gap between them is written again.
        #expect(String(decoding: encoder.encode(frame(["b23456789012345678c"]), after: frame(["a23456789012345678d"])), as: UTF8.self)
            == "\u{1B}[1;1Hb\u{1B}[1;19Hc")
        #expect(String(decoding: encoder.encode(frame(["b2345c"]), after: frame(["a2345d"])), as: UTF8.self) == "\u{1B}[1;1Hb2345c")
        // A wide character changed is rewritten whole.
        #expect(String(decoding: encoder.encode(frame(["林", "x"]), after: frame(["森", "x"])), as: UTF8.self) == "\u{1B}[1;1H林")
    }

    @Test("with no frame to compare with, the screen is cleared and written whole; attributes end off")
    func fullFrame() {
        let bytes = String(decoding: encoder.encode(frame(["x", "!受注"]), after: nil), as: UTF8.self)
        #expect(bytes.hasPrefix("\u{1B}[m\u{1B}[H\u{1B}[2J\u{1B}[1;1Hx"))
        // The last row up to the bottom right cell, which is left alone: a terminal that wraps
        // at once would scroll there.
        #expect(bytes.hasSuffix("\u{1B}[2;1H\u{1B}[m\u{1B}[1m!受注\u{1B}[m" + String(repeating: " ", count: 14)))
        var bold = ScreenBuffer(width: 4, height: 1)
        bold.put("ab", x: 0, y: 0, style: CellStyle(bold: true))
        #expect(String(decoding: encoder.encode(bold, after: ScreenBuffer(width: 4, height: 1)), as: UTF8.self) == "\u{1B}[1;1H\u{1B}[m\u{1B}[1mab\u{1B}[m")
    }

    @Test("terminfo's strings are written without their padding; a terminal without colours or dim goes without them")
    func terminfoCapabilities() throws {
        #expect(TerminalCapabilities.bytes(of: "\u{1B}[%i%p1%d;%p2%dH$<5>") == Array("\u{1B}[%i%p1%d;%p2%dH".utf8))
        #expect(TerminalCapabilities.bytes(of: "a$<2.5*/>b$c$<x>") == Array("ab$c$<x>".utf8))
        try #require(juchu_use_terminfo("vt100") != 0, "vt100 の terminfo がありません")
        defer { juchu_release_terminfo() }
        let vt100 = CursesTerminal.capabilities(colors: true)
        #expect(vt100.moveTo(4, 2) == Array("\u{1B}[3;5H".utf8))
        #expect(vt100.reset == Array("\u{1B}[m\u{0F}".utf8) && vt100.bold == Array("\u{1B}[1m".utf8))
        #expect(vt100.dim.isEmpty && vt100.foreground == nil && vt100.background == nil)
        juchu_release_terminfo()
        try #require(juchu_use_terminfo("xterm-256color") != 0)
        let xterm = CursesTerminal.capabilities(colors: true)
        #expect(xterm.foreground?(.red) == Array("\u{1B}[31m".utf8) && xterm.dim == Array("\u{1B}[2m".utf8))
        #expect(CursesTerminal.capabilities(colors: false).foreground == nil)
    }
}

extension FrameEncoderTests {
    @Test("half-width kana with ﾞ/ﾟ (one Character, two cells) leave no stray cell: each frame drawn over another equals a fresh draw")
    func clustersOfSeveralCells() {
        let width = 30
        let frames = [
            frame(["東京都港区ﾛｯﾎﾟﾝｷﾞ1-2-3", "ｶﾞｰﾃﾞﾝﾌﾟﾚｲｽ 恵比寿"], width: width),
            frame(["大阪府大阪市北区梅田", "ﾊﾟﾝ"], width: width),
            frame(["ﾛｯﾎﾟﾝｷﾞ ﾋﾙｽﾞ", "ガーデンプレイス"], width: width),
            frame(["ﾃﾞﾊﾟｰﾄ", "ﾊﾞﾋﾞﾌﾞﾍﾞﾎﾞﾊﾟﾋﾟﾌﾟﾍﾟﾎﾟ"], width: width),
        ]
        var terminal = ANSIScreen(width: width, height: 2)
        var previous: ScreenBuffer?
        for (index, next) in frames.enumerated() {
            terminal.apply(encoder.encode(next, after: previous))
            var fresh = ANSIScreen(width: width, height: 2)
            fresh.apply(encoder.encode(next, after: nil))
            #expect(terminal.lines == fresh.lines, "frame \(index)")
            #expect(terminal.text == next.text, "frame \(index)")
            previous = next
        }
    }
}
