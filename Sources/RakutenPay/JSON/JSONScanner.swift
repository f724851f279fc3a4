#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads JSON in place: skips values, finds where they start and end, and reads leaves
/// (strings, numbers, literals) without building a document. Strict about structure, so a
/// truncated or garbled body is an error wherever it breaks.
struct JSONScanner {
    let bytes: UnsafeBufferPointer<UInt8>

    struct Failure: Error, CustomStringConvertible {
        let offset: Int
        let problem: String
        var description: String { "JSONの\(offset)バイト目: \(problem)" }
    }

    static let maximumDepth = 512

    @inline(__always) func byte(_ index: Int) -> UInt8 { index < bytes.count ? bytes[index] : 0 }

    func skipSpace(_ index: Int) -> Int {
        var index = index
        while index < bytes.count {
            switch bytes[index] {
            case 0x20, 0x0A, 0x0D, 0x09: index += 1
            default: return index
            }
        }
        return index
    }

    /// The index just after the value starting at `index`.
    func skipValue(_ index: Int, depth: Int = 0) throws(Failure) -> Int {
        guard depth < Self.maximumDepth else { throw Failure(offset: index, problem: "入れ子が深すぎます") }
        switch byte(index) {
        case UInt8(ascii: "\""): return try skipString(index)
        case UInt8(ascii: "{"):
            var i = skipSpace(index + 1)
            if byte(i) == UInt8(ascii: "}") { return i + 1 }
            while true {
                guard byte(i) == UInt8(ascii: "\"") else { throw Failure(offset: i, problem: "キー（文字列）が必要です") }
                i = skipSpace(try skipString(i))
                guard byte(i) == UInt8(ascii: ":") else { throw Failure(offset: i, problem: "「:」が必要です") }
                i = skipSpace(try skipValue(skipSpace(i + 1), depth: depth + 1))
                switch byte(i) {
                case UInt8(ascii: ","): i = skipSpace(i + 1)
                case UInt8(ascii: "}"): return i + 1
                default: throw Failure(offset: i, problem: "「,」か「}」が必要です")
                }
            }
        case UInt8(ascii: "["):
            var i = skipSpace(index + 1)
            if byte(i) == UInt8(ascii: "]") { return i + 1 }
            while true {
                i = skipSpace(try skipValue(i, depth: depth + 1))
                switch byte(i) {
                case UInt8(ascii: ","): i = skipSpace(i + 1)
                case UInt8(ascii: "]"): return i + 1
                default: throw Failure(offset: i, problem: "「,」か「]」が必要です")
                }
            }
        case UInt8(ascii: "t"): return try skipLiteral(index, "true")
        case UInt8(ascii: "f"): return try skipLiteral(index, "false")
        case UInt8(ascii: "n"): return try skipLiteral(index, "null")
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try skipNumber(index)
        default: throw Failure(offset: index, problem: index >= bytes.count ? "途中で終わっています" : "値を読めません")
        }
    }

    func skipLiteral(_ index: Int, _ word: StaticString) throws(Failure) -> Int {
        let length = word.utf8CodeUnitCount
        for offset in 0..<length where byte(index + offset) != word.utf8Start[offset] {
            throw Failure(offset: index, problem: "値を読めません")
        }
        return index + length
    }

    /// The index after the string whose opening quote is at `index`.
    func skipString(_ index: Int) throws(Failure) -> Int {
        var i = index + 1
        // Eight bytes at a time while none is a quote, a backslash or a control character: names,
        // addresses and item names are long runs of three-byte characters.
        if let base = bytes.baseAddress {
            while i + 8 <= bytes.count {
                let special = Self.specialBytes(UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
                if special != 0 {
                    // The lowest flag is exact (flags above it may not be): the first such byte.
                    i += special.trailingZeroBitCount >> 3
                    break
                }
                i += 8
            }
        }
        while i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "\""): return i + 1
            case UInt8(ascii: "\\"): i += 2
            case 0..<0x20: throw Failure(offset: i, problem: "文字列に制御文字があります")
            default: i += 1
            }
        }
        throw Failure(offset: index, problem: "文字列が閉じていません")
    }

    /// Of eight bytes read little-endian, the high bit of each that is a quote, a backslash or
    /// below 0x20 (the bit tricks of "Bit Twiddling Hacks": a byte is zero in `x ^ repeated(b)`
    /// where it equals `b`). Only the lowest flag is sure: a borrow can flag a byte above it.
    @inline(__always) static func specialBytes(_ word: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ x: UInt64) -> UInt64 { (x &- ones) & ~x & highs }
        let quote = hasZero(word ^ (ones &* 0x22))
        let backslash = hasZero(word ^ (ones &* 0x5C))
        let control = (word &- ones &* 0x20) & ~word & highs
        return quote | backslash | control
    }

    /// Whether the string at `index` (its opening quote) is exactly `text`.
    func stringEquals(_ index: Int, _ end: Int, _ text: String) -> Bool {
        var text = text
        return text.withUTF8 { utf8 in
            // The string's content is index+1 ..< end-1; keys with escapes never match a plain key.
            let length = end - index - 2
            guard utf8.count == length else { return false }
            for offset in 0..<length where bytes[index + 1 + offset] != utf8[offset] { return false }
            return true
        }
    }

    /// The string whose opening quote is at `index` and which ends at `end` (the tape knows
    /// where): without an escape, its bytes are the string, with no scan for its end.
    func string(_ index: Int, end: Int) throws(Failure) -> String {
        let content = UnsafeBufferPointer(rebasing: bytes[(index + 1)..<(end - 1)])
        guard let base = content.baseAddress, !content.isEmpty else { return "" }
        if memchr(base, Int32(UInt8(ascii: "\\")), content.count) == nil { return String(decoding: content, as: UTF8.self) }
        return try string(index)
    }

    func string(_ index: Int) throws(Failure) -> String {
        let start = index + 1
        var i = start
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") {
                return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
            }
            if b == UInt8(ascii: "\\") { break }
            i += 1
        }
        var utf8 = Array(UnsafeBufferPointer(rebasing: bytes[start..<i]))
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case UInt8(ascii: "\""):
                return String(decoding: utf8, as: UTF8.self)
            case UInt8(ascii: "\\"):
                let escaped = byte(i + 1)
                i += 2
                switch escaped {
                case UInt8(ascii: "\""): utf8.append(0x22)
                case UInt8(ascii: "\\"): utf8.append(0x5C)
                case UInt8(ascii: "/"): utf8.append(0x2F)
                case UInt8(ascii: "b"): utf8.append(0x08)
                case UInt8(ascii: "f"): utf8.append(0x0C)
                case UInt8(ascii: "n"): utf8.append(0x0A)
                case UInt8(ascii: "r"): utf8.append(0x0D)
                case UInt8(ascii: "t"): utf8.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4(i)
                    i += 4
                    if (0xD800..<0xDC00).contains(code) {
                        guard byte(i) == UInt8(ascii: "\\"), byte(i + 1) == UInt8(ascii: "u") else {
                            throw Failure(offset: i, problem: "サロゲートペアが閉じていません")
                        }
                        let low = try hex4(i + 2)
                        guard (0xDC00..<0xE000).contains(low) else { throw Failure(offset: i, problem: "サロゲートペアが不正です") }
                        i += 6
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    guard let scalar = Unicode.Scalar(code) else { throw Failure(offset: i, problem: "不正な文字コードです") }
                    utf8.append(contentsOf: UTF8.encode(scalar)!)
                default:
                    throw Failure(offset: i - 1, problem: "不正なエスケープです")
                }
            default:
                utf8.append(b)
                i += 1
            }
        }
        throw Failure(offset: index, problem: "文字列が閉じていません")
    }

    private func hex4(_ index: Int) throws(Failure) -> UInt32 {
        var value: UInt32 = 0
        for offset in 0..<4 {
            let b = byte(index + offset)
            let digit: UInt32
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(b - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(b - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(b - UInt8(ascii: "A") + 10)
            default: throw Failure(offset: index, problem: "\\u の後に16進数4桁が必要です")
            }
            value = value << 4 | digit
        }
        return value
    }

    enum Number {
        case integer(Int)
        case double(Double)
    }

    /// The number at `index` and the index after it.
    func number(_ index: Int) throws(Failure) -> (value: Number, end: Int) {
        let end = try skipNumber(index)
        return (try number(index, end: end), end)
    }

    /// The number at `index`, already checked to end at `end` (the tape knows where): read
    /// without skipping it again.
    func number(_ index: Int, end: Int) throws(Failure) -> Number {
        var i = index
        let negative = byte(i) == UInt8(ascii: "-")
        if negative { i += 1 }
        var integer = 0
        var overflow = false
        if end - i <= 18 {
            // Up to 18 digits cannot overflow: most of an order's numbers.
            while i < end, case let digit = bytes[i] &- UInt8(ascii: "0"), digit < 10 {
                integer = integer &* 10 &+ Int(digit)
                i += 1
            }
        } else {
            while i < end, case let digit = bytes[i] &- UInt8(ascii: "0"), digit < 10 {
                let (times, o1) = integer.multipliedReportingOverflow(by: 10)
                let (plus, o2) = times.addingReportingOverflow(Int(digit))
                integer = plus
                overflow = overflow || o1 || o2
                i += 1
            }
        }
        if i == end, !overflow { return .integer(negative ? -integer : integer) }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[index..<end]), as: UTF8.self)
        guard let value = Double(text) else { throw Failure(offset: index, problem: "数値が不正です") }
        return .double(value)
    }

    /// The index after the number at `index`, checked against JSON's grammar but not read: a
    /// value is read when a model asks for it, and the tape skips every number once before.
    func skipNumber(_ index: Int) throws(Failure) -> Int {
        var i = index
        if byte(i) == UInt8(ascii: "-") { i += 1 }
        let digitsStart = i
        while case UInt8(ascii: "0")...UInt8(ascii: "9") = byte(i) { i += 1 }
        guard i > digitsStart else { throw Failure(offset: index, problem: "数値が不正です") }
        if byte(digitsStart) == UInt8(ascii: "0"), i - digitsStart > 1 { throw Failure(offset: index, problem: "数値が不正です") }
        if byte(i) == UInt8(ascii: ".") {
            i += 1
            let start = i
            while case UInt8(ascii: "0")...UInt8(ascii: "9") = byte(i) { i += 1 }
            guard i > start else { throw Failure(offset: index, problem: "数値が不正です") }
        }
        if byte(i) == UInt8(ascii: "e") || byte(i) == UInt8(ascii: "E") {
            i += 1
            if byte(i) == UInt8(ascii: "+") || byte(i) == UInt8(ascii: "-") { i += 1 }
            let start = i
            while case UInt8(ascii: "0")...UInt8(ascii: "9") = byte(i) { i += 1 }
            guard i > start else { throw Failure(offset: index, problem: "数値が不正です") }
        }
        return i
    }

    /// What kind of value starts at `index`, for messages.
    func kindName(at index: Int) -> String {
        switch byte(index) {
        case UInt8(ascii: "\""): "文字列"
        case UInt8(ascii: "{"): "オブジェクト"
        case UInt8(ascii: "["): "配列"
        case UInt8(ascii: "t"), UInt8(ascii: "f"): "真偽値"
        case UInt8(ascii: "n"): "null"
        default: "数値"
        }
    }

    func isNull(_ index: Int) -> Bool { byte(index) == UInt8(ascii: "n") }
}
