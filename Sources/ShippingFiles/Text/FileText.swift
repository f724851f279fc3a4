import Foundation

/// How a carrier's file is encoded. The carriers' software writes Shift_JIS (CP932); some tools
/// write UTF-8, with or without a BOM.
public enum FileEncoding: String, Sendable, CaseIterable {
    case cp932
    case utf8
    case utf8BOM = "utf8-bom"

    public var label: String {
        switch self {
        case .cp932: "Shift_JIS（CP932）"
        case .utf8: "UTF-8"
        case .utf8BOM: "UTF-8（BOM付き）"
        }
    }
}

/// A file that cannot be read as the format says: what and where.
public struct FileFormatError: Error, Sendable, Equatable, CustomStringConvertible {
    public let line: Int?
    public let problem: String

    public init(line: Int? = nil, _ problem: String) {
        self.line = line
        self.problem = problem
    }

    public var description: String { line.map { "\($0)行目: \(problem)" } ?? problem }
}

/// Text in and out of the carriers' encodings, strictly: a byte that is not the encoding's is an
/// error, never a replacement character; a character CP932 cannot hold is named, never guessed.
public enum FileText {
    /// The bytes as text, and the encoding they were in: UTF-8 when they are valid UTF-8 (a BOM
    /// says so too), else CP932; neither is an error.
    public static func decode(_ bytes: [UInt8], as encoding: FileEncoding? = nil) throws(FileFormatError) -> (String, FileEncoding) {
        let hasBOM = bytes.starts(with: [0xEF, 0xBB, 0xBF])
        if encoding != .cp932, let text = strictUTF8(hasBOM ? Array(bytes.dropFirst(3)) : bytes) {
            return (text, hasBOM ? .utf8BOM : .utf8)
        }
        if encoding == .utf8 || encoding == .utf8BOM || hasBOM {
            throw FileFormatError("UTF-8として読めません（\(firstBadLine(bytes))行目）。文字コードを確かめてください")
        }
        guard let text = String(data: Data(bytes), encoding: .shiftJIS), !text.contains("\u{FFFD}") else {
            throw FileFormatError("Shift_JIS（CP932）としてもUTF-8としても読めません。文字コードを確かめてください")
        }
        return (text, .cp932)
    }

    /// The text as CP932 bytes, or the first character CP932 cannot hold.
    public static func cp932(_ text: String) -> Result<[UInt8], UnencodableCharacter> {
        if let data = text.data(using: .shiftJIS, allowLossyConversion: false) { return .success(Array(data)) }
        let bad = text.first { String($0).data(using: .shiftJIS, allowLossyConversion: false) == nil } ?? "?"
        return .failure(UnencodableCharacter(character: bad))
    }

    /// The first character of `text` CP932 cannot hold, if any.
    public static func firstUnencodable(in text: String) -> Character? {
        if text.allSatisfy(\.isASCII) { return nil }
        if case .failure(let bad) = cp932(text) { return bad.character }
        return nil
    }

    /// Bytes of `text` in CP932, as the carriers count a field's length.
    public static func cp932Length(_ text: String) -> Int {
        text.reduce(0) { $0 + ($1.isASCII || $1.isHalfWidthKana ? 1 : 2) }
    }

    private static func strictUTF8(_ bytes: [UInt8]) -> String? {
        String(validating: bytes, as: UTF8.self)
    }

    private static func firstBadLine(_ bytes: [UInt8]) -> Int {
        var line = 1
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            if String(validating: bytes[start..<index], as: UTF8.self) == nil { return line }
            line += 1
            start = index + 1
        }
        return line
    }
}

/// A character an encoding cannot hold.
public struct UnencodableCharacter: Error, Sendable, Equatable {
    public let character: Character
}

extension Character {
    /// ｱ-ﾝ, ﾞ, ﾟ: one byte each in CP932.
    var isHalfWidthKana: Bool {
        unicodeScalars.allSatisfy { (0xFF61...0xFF9F).contains($0.value) }
    }
}
