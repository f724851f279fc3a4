import Foundation

/// Comma-separated values as the carriers' software reads and writes them: fields quoted when
/// they hold a comma, a quote or a line break; CRLF between records.
public enum CSV {
    /// One record of a file, with the line it starts on (1-based).
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    /// The records of `text`, a blank line too (one empty field), so that every line of a file is
    /// accounted for; a quote left open is an error that names its line. Read over the text's
    /// UTF-8 bytes: the separators are ASCII, which never occur inside a multi-byte character.
    public static func records(_ text: String) throws(FileFormatError) -> [Record] {
        var text = text
        var result: Result<[Record], FileFormatError> = .success([])
        text.withUTF8 { bytes in
            do throws(FileFormatError) {
                result = .success(try records(bytes))
            } catch {
                result = .failure(error)
            }
        }
        return try result.get()
    }

    private static func records(_ bytes: UnsafeBufferPointer<UInt8>) throws(FileFormatError) -> [Record] {
        let quote: UInt8 = 0x22, comma: UInt8 = 0x2C, newline: UInt8 = 0x0A, carriageReturn: UInt8 = 0x0D
        var records: [Record] = []
        var fields: [String] = []
        var line = 1
        var recordLine = 1
        var index = 0
        let count = bytes.count
        func endRecord() {
            records.append(Record(line: recordLine, fields: fields))
            let width = fields.count
            fields = []
            fields.reserveCapacity(width)
        }
        while index < count {
            // One field, from `index`.
            if bytes[index] == quote {
                let start = index + 1
                var cursor = start
                var closed = false
                var doubled = false
                while cursor < count {
                    let byte = bytes[cursor]
                    if byte == quote {
                        if cursor + 1 < count, bytes[cursor + 1] == quote {
                            doubled = true
                            cursor += 2
                            continue
                        }
                        closed = true
                        break
                    }
                    if byte == newline { line += 1 }
                    cursor += 1
                }
                guard closed else { throw FileFormatError(line: recordLine, "引用符（\"）が閉じていません") }
                // What follows the closing quote up to the separator belongs to the field too (tolerant).
                var tail = cursor + 1
                while tail < count, bytes[tail] != comma, bytes[tail] != newline, bytes[tail] != carriageReturn { tail += 1 }
                if !doubled, tail == cursor + 1 {
                    // Nearly every field: read where it is, without a copy byte by byte.
                    fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<cursor]), as: UTF8.self))
                } else {
                    var value: [UInt8] = []
                    value.reserveCapacity(tail - start)
                    var at = start
                    while at < cursor {
                        value.append(bytes[at])
                        at += bytes[at] == quote ? 2 : 1
                    }
                    value += bytes[(cursor + 1)..<tail]
                    fields.append(String(decoding: value, as: UTF8.self))
                }
                index = tail
            } else {
                var end = index
                while end < count, bytes[end] != comma, bytes[end] != newline, bytes[end] != carriageReturn { end += 1 }
                fields.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self))
                index = end
            }
            // The separator after it.
            if index < count, bytes[index] == carriageReturn { index += 1 }
            if index >= count {
                endRecord()
                break
            }
            if bytes[index] == comma {
                index += 1
                if index == count { fields.append(""); endRecord() }
            } else if bytes[index] == newline {
                index += 1
                endRecord()
                line += 1
                recordLine = line
            }
        }
        return records
    }

    /// One record as every file Juchu writes takes it — the carriers' label files and
    /// `juchu export` alike: each field neutralised where a spreadsheet would run it (``field(_:)``),
    /// joined by commas (no line break).
    public static func line(_ fields: [String]) -> String {
        fields.map(field).joined(separator: ",")
    }

    /// One field as written. A text a spreadsheet would read as a formula — one that starts with
    /// =, +, -, @, a tab, CR or LF — gets a leading `'`, the mark OWASP's CSV Injection page and
    /// ASVS 1.2.10 give (a whole number such as `-500` is a number, not a formula, and stays). In
    /// a carrier's file the mark is printed as it is: no carrier's documents say their software
    /// refuses it, and a name printed with a `'` is better than a formula run on the shop's PC.
    /// Quoted (RFC 4180), its quotes doubled, when it holds a comma, a double quote, CR or LF —
    /// looked at scalar by scalar, as "\r\n" is one Character in Swift, equal to neither "\r"
    /// nor "\n".
    public static func field(_ value: String) -> String {
        var value = value
        if neutralises(value) { value = "'" + value }
        guard value.unicodeScalars.contains(where: { $0 == "," || $0 == "\"" || $0 == "\r" || $0 == "\n" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Whether ``field(_:)`` marks `value` with a leading `'` (one more byte in a carrier's field).
    static func neutralises(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first else { return false }
        return "=+-@\t\r\n".unicodeScalars.contains(first) && !isWholeNumber(value)
    }

    /// `-500`, `+3`: a sign and digits only.
    private static func isWholeNumber(_ value: String) -> Bool {
        let digits = value.unicodeScalars.dropFirst()
        return !digits.isEmpty && "+-".unicodeScalars.contains(value.unicodeScalars.first!) && digits.allSatisfy { ("0"..."9").contains($0) }
    }
}
