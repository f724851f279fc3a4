/// A check of TOML text before it reaches TOMLKit's parser (toml++), which stops the whole
/// process on an assertion for some malformed input (found by fuzzing: `[\u{FFFD}desk]`,
/// `[# …`, `[\r`, `x = [}}]`). The text must be made of TOML's statements — comments, table
/// headers, `key = value` with strings, numbers, booleans, dates, arrays and inline tables — each
/// well formed as to its tokens; toml++ then reads the values. Anything else is refused here,
/// with its line, as TOML's own errors are.
public enum TOMLTextCheck {
    /// The first problem of `text` that toml++ must not see: its 1-based line and what it is.
    public static func problem(in text: String) -> (line: Int, text: String)? {
        var reader = Reader(bytes: Array(text.utf8))
        do {
            try reader.document()
            return nil
        } catch {
            return (reader.line, error.text)
        }
    }

    struct Problem: Error {
        let text: String
    }

    struct Reader {
        let bytes: [UInt8]
        var index = 0
        var line = 1

        init(bytes: [UInt8]) { self.bytes = bytes }

        var current: UInt8? { index < bytes.count ? bytes[index] : nil }

        func fail(_ text: String) -> Problem { Problem(text: text) }

        mutating func document() throws(Problem) {
            while current != nil {
                skipBlanks()
                switch current {
                case nil: return
                case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): try endOfLine()
                case UInt8(ascii: "["):
                    index += 1
                    let array = current == UInt8(ascii: "[")
                    if array { index += 1 }
                    try keyPath()
                    try expect("]", "表の名前の後に「]」が必要です")
                    if array { try expect("]", "表の配列の名前の後に「]]」が必要です") }
                    try endOfLine()
                default:
                    try keyValue()
                    try endOfLine()
                }
            }
        }

        mutating func keyValue() throws(Problem) {
            try keyPath()
            try expect("=", "キーの後に「=」が必要です")
            skipBlanks()
            try value()
        }

        mutating func keyPath() throws(Problem) {
            while true {
                skipBlanks()
                try key()
                skipBlanks()
                guard current == UInt8(ascii: ".") else { return }
                index += 1
            }
        }

        mutating func key() throws(Problem) {
            switch current {
            case UInt8(ascii: "\""): try quotedString(UInt8(ascii: "\""))
            case UInt8(ascii: "'"): try quotedString(UInt8(ascii: "'"))
            case let byte? where Self.isBareKey(byte):
                while let byte = current, Self.isBareKey(byte) { index += 1 }
            case let byte?:
                throw fail(byte < 0x80 ? "キーが必要な所に「\(Character(Unicode.Scalar(byte)))」があります" : "引用符の外に使えない文字があります")
            case nil:
                throw fail("キーが必要です")
            }
        }

        mutating func value() throws(Problem) {
            switch current {
            case UInt8(ascii: "\""):
                if starts(with: "\"\"\"") { try multilineString("\"\"\"") } else { try quotedString(UInt8(ascii: "\"")) }
            case UInt8(ascii: "'"):
                if starts(with: "'''") { try multilineString("'''") } else { try quotedString(UInt8(ascii: "'")) }
            case UInt8(ascii: "["):
                try array()
            case UInt8(ascii: "{"):
                try inlineTable()
            case let byte? where Self.isScalarStart(byte):
                // Numbers, booleans, dates and times: toml++ reads what they are.
                while let byte = current, Self.isScalar(byte) || (byte == UInt8(ascii: " ") && next.map(Self.isDigit) == true && looksLikeDate) {
                    index += 1
                }
            default:
                throw fail("値（文字列、数、真偽値、日付、配列）が必要です")
            }
        }

        /// A space inside a value is a date and time (`2026-12-03 10:00:00`).
        var looksLikeDate: Bool {
            var start = index
            while start > 0, Self.isScalar(bytes[start - 1]) { start -= 1 }
            return index - start == 10 && bytes[start + 4] == UInt8(ascii: "-")
        }

        var next: UInt8? { index + 1 < bytes.count ? bytes[index + 1] : nil }

        mutating func array() throws(Problem) {
            index += 1
            while true {
                try skipWhitespaceAndComments()
                if current == UInt8(ascii: "]") {
                    index += 1
                    return
                }
                try value()
                try skipWhitespaceAndComments()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "]"):
                    index += 1
                    return
                default: throw fail("配列の値の後に「,」か「]」が必要です")
                }
            }
        }

        mutating func inlineTable() throws(Problem) {
            index += 1
            skipBlanks()
            if current == UInt8(ascii: "}") {
                index += 1
                return
            }
            while true {
                try keyValue()
                skipBlanks()
                switch current {
                case UInt8(ascii: ","): index += 1
                case UInt8(ascii: "}"):
                    index += 1
                    return
                default: throw fail("表の値の後に「,」か「}」が必要です")
                }
            }
        }

        /// A one-line string: `"…"` with backslash escapes, or `'…'` without.
        mutating func quotedString(_ quote: UInt8) throws(Problem) {
            index += 1
            while let byte = current {
                switch byte {
                case quote:
                    index += 1
                    return
                case UInt8(ascii: "\\") where quote == UInt8(ascii: "\""):
                    index += 2
                case UInt8(ascii: "\n"), UInt8(ascii: "\r"):
                    throw fail("文字列が行の終わりまでに閉じていません")
                default:
                    index += 1
                }
            }
            throw fail("文字列が閉じていません")
        }

        mutating func multilineString(_ delimiter: String) throws(Problem) {
            index += 3
            while current != nil {
                if starts(with: delimiter) {
                    index += 3
                    // Up to two more quotes belong to the string.
                    while current == delimiter.utf8.first { index += 1 }
                    return
                }
                if current == UInt8(ascii: "\\"), delimiter == "\"\"\"" { index += 1 }
                if current == UInt8(ascii: "\n") { line += 1 }
                index += 1
            }
            throw fail("複数行の文字列が閉じていません")
        }

        func starts(with text: String) -> Bool {
            let pattern = Array(text.utf8)
            return index + pattern.count <= bytes.count && Array(bytes[index..<index + pattern.count]) == pattern
        }

        mutating func expect(_ character: Character, _ problem: String) throws(Problem) {
            skipBlanks()
            guard current == character.asciiValue else { throw fail(problem) }
            index += 1
        }

        mutating func skipBlanks() {
            while current == UInt8(ascii: " ") || current == UInt8(ascii: "\t") { index += 1 }
        }

        /// Spaces, line ends and comments, as arrays may hold between their values.
        mutating func skipWhitespaceAndComments() throws(Problem) {
            while true {
                skipBlanks()
                switch current {
                case UInt8(ascii: "#"), UInt8(ascii: "\n"), UInt8(ascii: "\r"): try endOfLine()
                default: return
                }
            }
        }

        /// Blanks, an optional comment, then the line's end (or the text's).
        mutating func endOfLine() throws(Problem) {
            skipBlanks()
            if current == UInt8(ascii: "#") {
                while let byte = current, byte != UInt8(ascii: "\n"), byte != UInt8(ascii: "\r") { index += 1 }
            }
            switch current {
            case nil: return
            case UInt8(ascii: "\n"):
                index += 1
                line += 1
            case UInt8(ascii: "\r"):
                guard next == UInt8(ascii: "\n") else { throw fail("改行（CR）の後に LF がありません") }
                index += 2
                line += 1
            case let byte?:
                throw fail(byte < 0x80 ? "行の終わりに余分な「\(Character(Unicode.Scalar(byte)))」があります" : "引用符の外に使えない文字があります")
            }
        }

        static func isBareKey(_ byte: UInt8) -> Bool {
            isDigit(byte) || (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || byte == 0x5F || byte == 0x2D
        }

        static func isDigit(_ byte: UInt8) -> Bool { (0x30...0x39).contains(byte) }

        static func isScalarStart(_ byte: UInt8) -> Bool {
            isDigit(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: "-") || byte == UInt8(ascii: "t")
                || byte == UInt8(ascii: "f") || byte == UInt8(ascii: "i") || byte == UInt8(ascii: "n")
        }

        /// What numbers (hex, octal, binary, exponents, _), booleans, inf/nan and dates are made of.
        static func isScalar(_ byte: UInt8) -> Bool {
            isBareKey(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
        }
    }
}
