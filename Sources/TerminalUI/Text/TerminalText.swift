/// Text from outside — a buyer's name, an address, a remark, a line of a carrier's file — as it
/// may go to a terminal: never a command to it. A control character (C0 but tab and line feed,
/// DEL, C1; ESC starts an escape sequence, a CR not ending a line overwrites it) is shown as what
/// it is (^[, ^M, <U+009B>), and an invisible format character (direction overrides and isolates, zero-width
/// spaces and joiners, BOM) is dropped: none of them moves the cursor, colours, reorders or hides
/// what follows.
public enum TerminalText {
    public static func safe(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { isControl($0) || isInvisible($0) }) else { return text }
        var result = String.UnicodeScalarView()
        let scalars = Array(text.unicodeScalars)
        for (index, scalar) in scalars.enumerated() {
            if isInvisible(scalar) { continue }
            // A CSV's CRLF is a line's end, drawn as one; a CR alone would draw over the line.
            let endsLine = scalar == "\r" && index + 1 < scalars.count && scalars[index + 1] == "\n"
            guard isControl(scalar), !endsLine else {
                result.append(scalar)
                continue
            }
            let shown = scalar.value < 0x20 ? "^" + String(Unicode.Scalar(UInt8(scalar.value + 0x40)))
                : scalar.value == 0x7F ? "^?" : "<U+\(String(scalar.value, radix: 16, uppercase: true).leftPadded(to: 4))>"
            result.append(contentsOf: shown.unicodeScalars)
        }
        return String(result)
    }

    /// C0 (but tab and line feed, which lay text out), DEL and C1.
    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t" && scalar != "\n") || (0x7F...0x9F).contains(scalar.value)
    }

    /// A character a terminal draws as nothing or that changes how others are drawn: Unicode's
    /// format characters (Cf) — U+200B–200F, U+202A–202E, U+2060–2069, U+FEFF, U+061C…
    public static func isInvisible(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        // ASCII, Latin, kana and kanji, full-width forms: never one (and looked at first, as most text is).
        case 0..<0xAD, 0xAE..<0x600, 0x3000...0x9FFF, 0xFF00...0xFFEF: false
        default: scalar.properties.generalCategory == .format
        }
    }
}

extension String {
    fileprivate func leftPadded(to length: Int) -> String {
        String(repeating: "0", count: max(0, length - count)) + self
    }
}
