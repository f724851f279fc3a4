/// The control strings a frame is written with, as terminfo gives them for the terminal in use
/// (``CursesTerminal`` reads them); tests use plain ANSI ones.
public struct TerminalCapabilities: Sendable {
    /// Moves the cursor to (column, row), both from 0 (terminfo `cup`).
    public var moveTo: @Sendable (_ column: Int, _ row: Int) -> [UInt8]
    /// Clears the screen (`clear`).
    public var clear: [UInt8]
    /// All attributes and colours off (`sgr0`).
    public var reset: [UInt8]
    public var bold: [UInt8]
    public var reverse: [UInt8]
    public var dim: [UInt8]
    public var underline: [UInt8]
    /// Foreground and background colour (`setaf`, `setab`); nil when colours are off.
    public var foreground: (@Sendable (TerminalColor) -> [UInt8])?
    public var background: (@Sendable (TerminalColor) -> [UInt8])?

    public init(
        moveTo: @escaping @Sendable (Int, Int) -> [UInt8], clear: [UInt8], reset: [UInt8], bold: [UInt8],
        reverse: [UInt8], dim: [UInt8], underline: [UInt8],
        foreground: (@Sendable (TerminalColor) -> [UInt8])?, background: (@Sendable (TerminalColor) -> [UInt8])?
    ) {
        self.moveTo = moveTo
        self.clear = clear
        self.reset = reset
        self.bold = bold
        self.reverse = reverse
        self.dim = dim
        self.underline = underline
        self.foreground = foreground
        self.background = background
    }

    /// A terminfo string as bytes to write, its padding (`$<5>`, a delay for hardware terminals
    /// that tputs would wait out) taken away.
    public static func bytes(of capability: String) -> [UInt8] {
        var bytes: [UInt8] = []
        let utf8 = Array(capability.utf8)
        var index = 0
        while index < utf8.count {
            if utf8[index] == UInt8(ascii: "$"), index + 1 < utf8.count, utf8[index + 1] == UInt8(ascii: "<"),
                let end = utf8[(index + 2)...].firstIndex(of: UInt8(ascii: ">")),
                utf8[(index + 2)..<end].allSatisfy({ (0x30...0x39).contains($0) || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "*") || $0 == UInt8(ascii: "/") })
            {
                index = end + 1
                continue
            }
            bytes.append(utf8[index])
            index += 1
        }
        return bytes
    }

    /// ECMA-48 sequences, as xterm and its kin understand them.
    public static let ansi = TerminalCapabilities(
        moveTo: { Array("\u{1B}[\($1 + 1);\($0 + 1)H".utf8) }, clear: Array("\u{1B}[H\u{1B}[2J".utf8),
        reset: Array("\u{1B}[m".utf8), bold: Array("\u{1B}[1m".utf8), reverse: Array("\u{1B}[7m".utf8),
        dim: Array("\u{1B}[2m".utf8), underline: Array("\u{1B}[4m".utf8),
        foreground: { Array("\u{1B}[3\($0.rawValue)m".utf8) }, background: { Array("\u{1B}[4\($0.rawValue)m".utf8) })
}
