/// Finds the exact bytes of each element of a top-level array in a JSON document, without
/// building the document: so that an order can be kept exactly as RMS sent it.
enum JSONSlices {
    /// The elements of the array under `key` at the top level; empty when there is none.
    static func elements(of key: String, in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        let quotedKey = Array("\"\(key)\"".utf8)
        var index = 0
        var depth = 0
        // Find `"key"` at depth 1, then its `[`.
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\""):
                if depth == 1, bytes[index...].starts(with: quotedKey) {
                    index += quotedKey.count
                    while index < bytes.count, bytes[index] != UInt8(ascii: ":") { index += 1 }
                    index += 1
                    while index < bytes.count, isSpace(bytes[index]) { index += 1 }
                    guard index < bytes.count, bytes[index] == UInt8(ascii: "[") else { return [] }
                    return arrayElements(startingAt: index, in: bytes)
                }
                index = skipString(from: index, in: bytes)
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                index += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                index += 1
            default:
                index += 1
            }
        }
        return []
    }

    /// The elements of the array whose `[` is at `open`.
    private static func arrayElements(startingAt open: Int, in bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var elements: [ArraySlice<UInt8>] = []
        var index = open + 1
        var depth = 0
        var start: Int?
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") {
                if start == nil { start = index }
                index = skipString(from: index, in: bytes)
                continue
            }
            switch byte {
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                if start == nil { start = index }
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                if depth == 0 {
                    if let start { elements.append(trimmed(bytes[start..<index])) }
                    return elements
                }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 {
                    if let start { elements.append(trimmed(bytes[start..<index])) }
                    start = nil
                }
            default:
                if start == nil, !isSpace(byte) { start = index }
            }
            index += 1
        }
        return elements
    }

    /// The index after the string whose opening quote is at `quote`.
    private static func skipString(from quote: Int, in bytes: [UInt8]) -> Int {
        var index = quote + 1
        while index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "\\"): index += 2
            case UInt8(ascii: "\""): return index + 1
            default: index += 1
            }
        }
        return index
    }

    private static func isSpace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
    }

    private static func trimmed(_ slice: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var slice = slice
        while let last = slice.last, isSpace(last) { slice.removeLast() }
        return slice
    }
}
