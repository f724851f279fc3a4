import OrderEngine

/// Reads fixed-width ASCII digits.
struct FixedWidthScanner {
    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    func number(_ start: Int, _ length: Int) -> Int? {
        guard start + length <= bytes.count else { return nil }
        var value = 0
        for byte in bytes[start..<(start + length)] {
            guard byte >= 0x30, byte <= 0x39 else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    func byte(_ index: Int, is character: Character) -> Bool {
        index < bytes.count && bytes[index] == character.asciiValue
    }
}

func zeroPadded(_ value: Int, _ width: Int) -> String {
    let digits = String(value)
    return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
}
