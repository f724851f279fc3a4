import Foundation

/// Shift_JIS as Windows writes it (CP932), by table: built once from Foundation's converter, one
/// character at a time (about 40 ms), then each character a lookup. Converting each field through
/// Foundation took seconds for 10,000 labels.
enum CP932 {
    struct Tables: Sendable {
        /// Two-byte code (lead << 8 | trail) → its scalar.
        var decode: [UInt16: Unicode.Scalar] = [:]
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
                tables.decode[UInt16(lead) << 8 | UInt16(trail)] = scalar
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
        var scalars = String.UnicodeScalarView()
        scalars.reserveCapacity(bytes.count)
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            if byte < 0x80 {
                scalars.append(Unicode.Scalar(byte))
                index += 1
            } else if (0xA1...0xDF).contains(byte) {
                scalars.append(Unicode.Scalar(0xFF61 + UInt32(byte) - 0xA1)!)
                index += 1
            } else if index + 1 < bytes.count, let scalar = tables.decode[UInt16(byte) << 8 | UInt16(bytes[index + 1])] {
                scalars.append(scalar)
                index += 2
            } else {
                return .failure(InvalidByte(offset: index))
            }
        }
        return .success(String(scalars))
    }
}
