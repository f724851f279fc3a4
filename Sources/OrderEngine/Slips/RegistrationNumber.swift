/// 適格請求書発行事業者の登録番号: `T` and 13 digits, whose first digit checks the other twelve as a
/// 法人番号's does (9 − (Σ digit × (1 for odd, 2 for even places from the right)) mod 9). A number
/// that fails the check is a typing mistake that would make every invoice printed invalid.
public struct RegistrationNumber: Sendable, Hashable, CustomStringConvertible {
    /// `T1234567890123`.
    public let rawValue: String

    /// Reads what the shop wrote: full-width characters, hyphens and spaces are forgiven; a wrong
    /// length, a letter other than the leading T, or a failed check digit is refused with what is wrong.
    public init(_ text: String) throws(RegistrationNumberError) {
        let cleaned = String(text.map(\.typedASCII).filter { $0 != "-" && $0 != " " })
        guard let first = cleaned.first, first == "T" || first == "t" else {
            throw RegistrationNumberError(text: text, problem: "T で始めてください（T と13桁の数字）")
        }
        let digits = cleaned.dropFirst()
        guard digits.count == 13, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else {
            throw RegistrationNumberError(text: text, problem: "T の後は13桁の数字です（\(digits.count)文字あります）")
        }
        let values = digits.map { Int(String($0))! }
        guard values[0] == Self.checkDigit(of: Array(values.dropFirst())) else {
            throw RegistrationNumberError(text: text, problem: "チェックデジット（T の次の1桁）が合いません。番号を確かめてください")
        }
        rawValue = "T" + String(digits)
    }

    /// A number written in the code (the demo shop's): one that fails the check is a bug here.
    public init(checked text: String) {
        do {
            try self.init(text)
        } catch {
            preconditionFailure(error.description)
        }
    }

    /// The check digit of a 法人番号's twelve base digits.
    static func checkDigit(of base: [Int]) -> Int {
        var sum = 0
        for (place, digit) in base.reversed().enumerated() { sum += digit * (place % 2 == 0 ? 1 : 2) }
        return 9 - sum % 9
    }

    public var description: String { rawValue }
}

/// A registration number the desk will not print, and why.
public struct RegistrationNumberError: Error, Sendable, CustomStringConvertible {
    public let text: String
    public let problem: String

    public var description: String { "登録番号「\(text)」: \(problem)" }
}
