/// A tracking number (お問い合わせ番号・荷物番号) as RMS takes it: ASCII letters and digits, at
/// most 120 characters. Typed or read from a carrier's file with hyphens, spaces or full-width
/// digits, it is normalised; a 12-digit number of ヤマト運輸, 佐川急便 or 日本郵便 must pass its check
/// digit (the last digit is the first eleven mod 7).
public enum TrackingNumber {
    public static let maximumLength = 120

    /// Carriers whose 12-digit numbers carry the mod-7 check digit.
    public static let checkDigitCarriers: Set<String> = ["1001", "1002", "1003", "1030"]

    /// The number as sent to RMS, or why it cannot be one.
    public static func normalized(_ text: String, carrier: Carrier?) throws(ActionInputError) -> String {
        var number = ""
        for character in text {
            let ascii = character.typedASCII
            if ascii == "-" || ascii == " " || character.isWhitespace { continue }
            guard ascii.isASCII, ascii.isLetter || ascii.isNumber else {
                throw ActionInputError("荷物番号に使えない文字「\(character)」があります（半角英数字のみ）")
            }
            number.append(ascii)
        }
        guard !number.isEmpty else { throw ActionInputError("荷物番号が空です") }
        guard number.count <= maximumLength else { throw ActionInputError("荷物番号が\(maximumLength)文字を超えています（\(number.count)文字）") }
        if let carrier, checkDigitCarriers.contains(carrier.code), number.count == 12, number.allSatisfy(\.isNumber),
            !passesCheckDigit(number)
        {
            throw ActionInputError("荷物番号 \(number) の検査数字が合いません（\(carrier.name)の12桁の番号は、先頭11桁を7で割った余りが末尾の数字です）")
        }
        return number
    }

    /// Whether a 12-digit number's last digit is its first eleven digits mod 7.
    public static func passesCheckDigit(_ number: String) -> Bool {
        let digits = number.compactMap(\.wholeNumberValue)
        guard digits.count == 12 else { return false }
        let body = digits.prefix(11).reduce(0) { $0 * 10 + $1 }
        return body % 7 == digits[11]
    }
}
