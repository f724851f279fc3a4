/// What the text search indexes and how a query is read.
///
/// Japanese has no spaces between words, so names and item names are indexed as character
/// bigrams (佐藤翔太 → 佐藤 藤翔 翔太) and a query becomes the phrase of its bigrams: any substring
/// of two characters or more is found through the index. Numbers (order numbers, phone numbers)
/// are searched by their tail, through reversed copies kept in indexed columns.
public enum SearchTerms {
    /// The text stored in the full-text index for an order.
    static func indexText(names: [String], items: [String]) -> String {
        (names + items).flatMap(tokens).joined(separator: " ")
    }

    /// Bigrams of each run of non-ASCII characters; ASCII words as they are, lower-cased.
    static func tokens(_ text: String) -> [String] {
        var tokens: [String] = []
        for word in text.split(whereSeparator: { $0.isWhitespace || $0 == "・" || $0 == "、" }) {
            if word.allSatisfy(\.isASCII) {
                let ascii = word.lowercased().filter { $0.isLetter || $0.isNumber }
                if !ascii.isEmpty { tokens.append(ascii) }
                continue
            }
            let characters = Array(word.filter { !$0.isPunctuation && !$0.isSymbol })
            if characters.count == 1 { tokens.append(String(characters)) }
            for index in 0..<max(0, characters.count - 1) {
                tokens.append(String(characters[index...index + 1]))
            }
        }
        return tokens
    }

    /// The FTS5 query for what the operator typed: each word a phrase of its bigrams, words ANDed.
    /// Nil when there is nothing to search for.
    static func matchQuery(_ text: String) -> String? {
        var parts: [String] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            let tokens = tokens(String(word))
            guard !tokens.isEmpty else { continue }
            let escaped = tokens.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }
            if tokens.count == 1, tokens[0].count == 1, !tokens[0].allSatisfy(\.isASCII) {
                parts.append("\"\(escaped[0])\" *")
            } else {
                parts.append("\"" + escaped.joined(separator: " ") + "\"")
            }
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// The digits of a phone number, reversed, so that "the last four digits" is a prefix.
    public static func reversedDigits(_ text: String) -> String {
        String(text.filter(\.isASCII).filter(\.isNumber).reversed())
    }

    /// Whether a query is a number to look up by its tail (order number or phone).
    static func isNumberQuery(_ text: String) -> Bool {
        let digits = text.filter(\.isNumber)
        return digits.count >= 3 && text.allSatisfy { $0.isNumber || $0 == "-" }
    }
}
