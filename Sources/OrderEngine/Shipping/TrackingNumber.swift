/// A tracking number (お問い合わせ番号・荷物番号) as RMS takes it, checked against its carrier on
/// every path (the desk's form, `juchu tracking set`, the carriers' files). Typed or read with
/// hyphens, spaces or full-width characters, it is normalised; then each carrier's own shape is
/// asked for (tracking-numbers research, notes §8):
/// - ヤマト運輸 (宅急便, コンパクト, ネコポス, DM便), クロネコゆうパケット and 佐川急便: 12 digits whose
///   last is the first eleven mod 7 (「7DR」);
/// - 日本郵便 (and 楽天倉庫出荷): 12 digits by 7DR (ゆうパック, ゆうパケット, クリックポスト, レターパック),
///   11 digits whose last is the first ten mod 7 (書留, 特定記録), or an international UPU S10
///   number (EJ123456789JP, its check digit by the weights 8 6 4 2 3 5 9 7, mod 11);
/// - EMS: an S10 number;
/// - every other carrier: ASCII letters and digits, at most 120 (RMS's own limit).
public enum TrackingNumber {
    public static let maximumLength = 120

    /// The number as sent to RMS, or why it cannot be one for `carrier`.
    public static func normalized(_ text: String, carrier: Carrier?) throws(ActionInputError) -> String {
        var number = ""
        for character in text {
            let ascii = character.typedASCII
            if ascii == "-" || ascii == " " || character.isWhitespace { continue }
            guard ascii.isASCII, ascii.isLetter || ascii.isNumber else {
                throw ActionInputError("荷物番号に使えない文字「\(character)」があります（英数字のみ）")
            }
            number.append(ascii.uppercased())
        }
        guard !number.isEmpty else { throw ActionInputError("荷物番号が空です") }
        guard number.count <= maximumLength else { throw ActionInputError("荷物番号が\(maximumLength)文字を超えています（\(number.count)文字）") }
        if let carrier, let problem = problem(number, carrier: carrier) {
            throw ActionInputError("荷物番号 \(number) は\(carrier.name)の番号ではありません: \(problem)")
        }
        return number
    }

    /// What is wrong with a normalised `number` for `carrier`, or nil.
    static func problem(_ number: String, carrier: Carrier) -> String? {
        let digits = number.allSatisfy(\.isNumber)
        switch carrier.code {
        case "1001", "1002", "1030":
            guard digits else { return "数字12桁です（英字は使えません）" }
            guard number.count == 12 else { return "数字12桁です（\(number.count)桁）" }
            return passesCheckDigit(number) ? nil : checkDigitProblem
        case "1003", "1029":
            if digits, number.count == 12 { return passesCheckDigit(number) ? nil : checkDigitProblem }
            if digits, number.count == 11 {
                return passesRegisteredCheckDigit(number) ? nil : "検査数字が合いません（11桁の番号（書留・特定記録）は、先頭10桁を7で割った余りが末尾の数字です）。打ち間違いがないか確かめてください"
            }
            if number.count == 13, !digits { return passesS10(number) ? nil : s10Problem }
            return "数字12桁（ゆうパック・ゆうパケット・クリックポスト）、数字11桁（書留）か国際郵便の13文字（例 EJ123456789JP）です（\(number.count)文字）"
        case "1017":
            return passesS10(number) ? nil : s10Problem
        default:
            return nil
        }
    }

    static let checkDigitProblem = "検査数字が合いません（12桁の番号は、先頭11桁を7で割った余りが末尾の数字です）。打ち間違いがないか確かめてください"
    static let s10Problem = "国際郵便の番号は英字2文字・数字9桁・英字2文字で、9桁目が検査数字です（例 EJ123456789JP）。打ち間違いがないか確かめてください"

    /// Whether a 12-digit number's last digit is its first eleven digits mod 7.
    public static func passesCheckDigit(_ number: String) -> Bool {
        passesMod7(number, length: 12)
    }

    /// 書留・特定記録 (11 digits): the last digit is the first ten mod 7.
    static func passesRegisteredCheckDigit(_ number: String) -> Bool {
        passesMod7(number, length: 11)
    }

    private static func passesMod7(_ number: String, length: Int) -> Bool {
        let digits = number.compactMap(\.wholeNumberValue)
        guard digits.count == length, number.count == length else { return false }
        let body = digits.dropLast().reduce(0) { $0 * 10 + $1 }
        return body % 7 == digits[length - 1]
    }

    /// UPU S10: two letters, eight digits, a check digit, two letters; the eight digits weighted
    /// 8 6 4 2 3 5 9 7, the check digit 11 − (sum mod 11), 10 → 0, 11 → 5.
    static func passesS10(_ number: String) -> Bool {
        let characters = Array(number)
        guard characters.count == 13, characters[0..<2].allSatisfy(\.isLetter), characters[11..<13].allSatisfy(\.isLetter) else { return false }
        let digits = characters[2..<11].compactMap(\.wholeNumberValue)
        guard digits.count == 9 else { return false }
        let sum = zip(digits.prefix(8), [8, 6, 4, 2, 3, 5, 9, 7]).reduce(0) { $0 + $1.0 * $1.1 }
        var check = 11 - sum % 11
        if check == 10 { check = 0 } else if check == 11 { check = 5 }
        return check == digits[8]
    }
}
