import Foundation

/// Shift_JIS as Windows writes it (CP932), by table: built once from Foundation's converter, one
/// character at a time (about 40 ms), then each character a lookup. Converting each field through
/// Foundation took seconds for 10,000 labels.
enum CP932 {
    struct Tables: Sendable {
        /// Two-byte code (lead << 8 | trail) → its scalar's value, 0 where CP932 has none: a flat
        /// table, so that a file of 100,000 lines is read without a hash per character.
        var decode = [UInt32](repeating: 0, count: 0x10000)
        /// Scalar → its bytes, as Foundation's encoder chooses between duplicates (≒ 0x81E0, ⅰ 0xFA40).
        var encode: [UInt32: UInt16] = [:]
    }

    static let tables: Tables = {
        var tables = Tables()
        for lead in UInt8(0x81)...0xFC where !(0xA0...0xDF).contains(lead) {
            for trail in UInt8(0x40)...0xFC where trail != 0x7F {
                guard let text = String(data: Data([lead, trail]), encoding: .shiftJIS), text.unicodeScalars.count == 1,
                    let scalar = text.unicodeScalars.first, scalar != "\u{FFFD}"
                else { continue }
                tables.decode[Int(lead) << 8 | Int(trail)] = scalar.value
                if tables.encode[scalar.value] == nil, let bytes = text.data(using: .shiftJIS), bytes.count == 2 {
                    tables.encode[scalar.value] = UInt16(bytes[0]) << 8 | UInt16(bytes[1])
                }
            }
        }
        return tables
    }()

    /// The bytes of one scalar, or nil when CP932 has none.
    static func bytes(of scalar: Unicode.Scalar) -> (UInt8, UInt8?)? {
        let value = scalar.value
        if value < 0x80 { return (UInt8(value), nil) }
        if (0xFF61...0xFF9F).contains(value) { return (UInt8(value - 0xFF61 + 0xA1), nil) }
        guard let code = tables.encode[value] else { return nil }
        return (UInt8(code >> 8), UInt8(code & 0xFF))
    }

    /// A byte that is not CP932, at its offset.
    struct InvalidByte: Error {
        let offset: Int
    }

    /// The text of `bytes`, or the offset of the first byte that is not CP932.
    static func decode(_ bytes: [UInt8]) -> Result<String, InvalidByte> {
        // Written as UTF-8 straight away (at most 3 bytes for each 2 read, 3 for a half-width kana).
        var utf8: [UInt8] = []
        utf8.reserveCapacity(bytes.count + bytes.count / 2)
        let table = tables.decode
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            let value: UInt32
            if byte < 0x80 {
                utf8.append(byte)
                index += 1
                continue
            } else if (0xA1...0xDF).contains(byte) {
                value = 0xFF61 + UInt32(byte) - 0xA1
                index += 1
            } else if index + 1 < bytes.count, case let found = table[Int(byte) << 8 | Int(bytes[index + 1])], found != 0 {
                value = found
                index += 2
            } else {
                return .failure(InvalidByte(offset: index))
            }
            // CP932's characters all lie in the Basic Multilingual Plane: one (a two-byte code of an
            // ASCII character, should the table have one), two or three bytes.
            if value < 0x80 {
                utf8.append(UInt8(value))
            } else if value < 0x800 {
                utf8.append(UInt8(0xC0 | value >> 6))
                utf8.append(UInt8(0x80 | value & 0x3F))
            } else {
                utf8.append(UInt8(0xE0 | value >> 12))
                utf8.append(UInt8(0x80 | (value >> 6) & 0x3F))
                utf8.append(UInt8(0x80 | value & 0x3F))
            }
        }
        return .success(String(decoding: utf8, as: UTF8.self))
    }
}
