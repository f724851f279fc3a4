import Foundation

/// Comma-separated values as the carriers' software reads and writes them: fields quoted when
/// they hold a comma, a quote or a line break; CRLF between records.
public enum CSV {
    /// One record of a file, with the line it starts on (1-based).
    public struct Record: Sendable, Equatable {
        public let line: Int
        public let fields: [String]
    }

    /// The records of `text`; a quote left open is an error that names its line. Read over the
    /// text's UTF-8 bytes: the separators are ASCII, which never occur inside a multi-byte character.
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
            if !(fields.count == 1 && fields[0].isEmpty) { records.append(Record(line: recordLine, fields: fields)) }
            fields = []
        }
        while index < count {
            // One field, from `index`.
            if bytes[index] == quote {
                var value: [UInt8] = []
                var cursor = index + 1
                var closed = false
                while cursor < count {
                    let byte = bytes[cursor]
                    if byte == quote {
                        if cursor + 1 < count, bytes[cursor + 1] == quote {
                            value.append(quote)
                            cursor += 2
                            continue
                        }
                        closed = true
                        cursor += 1
                        break
                    }
                    if byte == newline { line += 1 }
                    value.append(byte)
                    cursor += 1
                }
                guard closed else { throw FileFormatError(line: recordLine, "引用符（\"）が閉じていません") }
                // What follows the closing quote up to the separator belongs to the field too (tolerant).
                var tail = cursor
                while tail < count, bytes[tail] != comma, bytes[tail] != newline, bytes[tail] != carriageReturn { tail += 1 }
                value += bytes[cursor..<tail]
                fields.append(String(decoding: value, as: UTF8.self))
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

    /// One record: each field quoted when it must be, joined by commas (no line break).
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }
}
