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
        switch CP932.decode(bytes) {
        case .success(let text): return (text, .cp932)
        case .failure(let invalid):
            let line = bytes[..<invalid.offset].reduce(1) { $0 + ($1 == 0x0A ? 1 : 0) }
            throw FileFormatError(line: line, "Shift_JIS（CP932）としてもUTF-8としても読めません。文字コードを確かめてください")
        }
    }

    /// The text as CP932 bytes, or the first character CP932 cannot hold.
    public static func cp932(_ text: String) -> Result<[UInt8], UnencodableCharacter> {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            guard let (first, second) = CP932.bytes(of: scalar) else {
                let bad = text.first { $0.unicodeScalars.contains(scalar) } ?? Character(scalar)
                return .failure(UnencodableCharacter(character: bad))
            }
            bytes.append(first)
            if let second { bytes.append(second) }
        }
        return .success(bytes)
    }

    /// The first character of `text` CP932 cannot hold, if any.
    public static func firstUnencodable(in text: String) -> Character? {
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return nil }
        guard let scalar = text.unicodeScalars.first(where: { CP932.bytes(of: $0) == nil }) else { return nil }
        return text.first { $0.unicodeScalars.contains(scalar) }
    }

    /// Bytes of `text` in CP932, as the carriers count a field's length.
    public static func cp932Length(_ text: String) -> Int {
        text.unicodeScalars.reduce(0) { $0 + ($1.value < 0x80 || (0xFF61...0xFF9F).contains($1.value) ? 1 : 2) }
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

