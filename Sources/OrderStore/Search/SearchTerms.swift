import OrderEngine
/// What the text search indexes and how a query is read.
///
/// Japanese has no spaces between words, so names and item names are indexed as character
/// bigrams, and the last character of a run alone (佐藤翔太 → 佐藤 藤翔 翔太 太): a query becomes the
/// phrase of its bigrams, so any substring of two characters or more is found through the index,
/// and a single character is a prefix query (every character begins a token). Kana are folded
/// (``KanaFolding``): hiragana and half-width katakana find katakana. Numbers (order numbers,
/// phone numbers) are searched by their tail: their digits are indexed reversed, so a tail is a
/// prefix.
public enum SearchTerms {
    /// The tokens of a document, as ``IndexTextWriter`` writes them: bigrams of each run of
    /// non-ASCII characters and its last character; ASCII words as they are, lower-cased.
    static func tokens(_ text: String) -> [String] {
        runs(text, lastCharacterAlone: true).flatMap { $0 }
    }

    /// The runs of a text (a Latin word, or characters between separators), each as its tokens:
    /// bigrams, with the run's last character alone for a document (`lastCharacterAlone`); a
    /// run of one character is that character. Works on Unicode scalars (every kana and kanji is
    /// one).
    static func runs(_ text: String, lastCharacterAlone: Bool) -> [[String]] {
        var runs: [[String]] = []
        var ascii = String.UnicodeScalarView()
        var wide: [Unicode.Scalar] = []
        func flush() {
            if !ascii.isEmpty {
                runs.append([String(ascii).lowercased()])
                ascii.removeAll()
            }
            guard !wide.isEmpty else { return }
            var tokens: [String] = []
            if wide.count > 1 {
                for index in 0..<(wide.count - 1) {
                    var pair = String.UnicodeScalarView()
                    pair.append(wide[index])
                    pair.append(wide[index + 1])
                    tokens.append(String(pair))
                }
            }
            // The last character alone, so that every character begins a token.
            if wide.count == 1 || lastCharacterAlone, let last = wide.last { tokens.append(String(String.UnicodeScalarView([last]))) }
            runs.append(tokens)
            wide.removeAll(keepingCapacity: true)
        }
        for scalar in KanaFolding.folded(text).unicodeScalars {
            if scalar.isASCII {
                if !wide.isEmpty { flush() }
                if isWordCharacter(scalar) { ascii.append(scalar) } else { flush() }
            } else if Self.separates(scalar) {
                flush()
            } else {
                if !ascii.isEmpty { flush() }
                wide.append(folded(scalar))
            }
        }
        flush()
        return runs
    }

    /// A wide character as both indexes keep it: in lower case where it has one (Ａ → ａ, É → é),
    /// as `unicode61` folded them before the indexes split on spaces (``StoreSchemaV7``).
    @inline(__always) static func folded(_ scalar: Unicode.Scalar) -> Unicode.Scalar {
        switch scalar.value {
        // Kana and kanji, the common case, have no case.
        case 0x3041...0x30FF, 0x4E00...0x9FFF: return scalar
        case 0xFF21...0xFF3A: return Unicode.Scalar(scalar.value + 0x20)!
        default:
            guard scalar.properties.changesWhenLowercased else { return scalar }
            let lower = scalar.properties.lowercaseMapping.unicodeScalars
            return lower.count == 1 ? lower.first! : scalar
        }
    }

    /// An ASCII letter or digit (what Unicode calls alphabetic, among ASCII, is just the letters).
    @inline(__always) static func isWordCharacter(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    /// Spaces (全角 included), punctuation (・ 、 【】) and symbols (× ★) end a word; the long
    /// vowel mark ー is a letter here.
    @inline(__always) static func separates(_ scalar: Unicode.Scalar) -> Bool {
        // Kana and kanji, the common case, without asking for Unicode properties.
        switch scalar.value {
        case 0x3041...0x3096, 0x30A1...0x30FA, 0x30FC, 0x4E00...0x9FFF, 0xFF10...0xFF19, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return false
        default:
            break
        }
        switch scalar.properties.generalCategory {
        case .spaceSeparator, .lineSeparator, .paragraphSeparator, .control, .openPunctuation, .closePunctuation,
            .otherPunctuation, .dashPunctuation, .connectorPunctuation, .initialPunctuation, .finalPunctuation,
            .mathSymbol, .currencySymbol, .otherSymbol, .modifierSymbol:
            return scalar.value != 0x30FC
        default:
            return false
        }
    }

    /// What the operator typed, as what the indexes must hold: for each run of each word, its
    /// tokens in a row (a phrase of bigrams), or the start of a token (`prefix`: one character, or
    /// a Latin word being typed). Every part must be found ("村上 彩": 村上 and 彩).
    static func searchParts(_ text: String) -> [(tokens: [String], prefix: Bool)] {
        var parts: [(tokens: [String], prefix: Bool)] = []
        for word in text.split(whereSeparator: \.isWhitespace) {
            for tokens in runs(String(word), lastCharacterAlone: false) {
                let prefix = tokens.count == 1 && (tokens[0].unicodeScalars.count == 1 || tokens[0].allSatisfy(\.isASCII))
                parts.append((tokens, prefix))
            }
        }
        return parts
    }

    /// What a backend without SQLite's full-text index keeps of a document (``OrderSearchIndex``)
    /// to find its tokens by an index of whole terms: each token, and each token's beginnings
    /// marked with `^` (`^佐`; a Latin word's every beginning, `^s` `^sa` …), so that a part typed
    /// as a prefix (``searchParts(_:)``) is a term too. (`^` is never in a token: ASCII tokens are
    /// letters and digits.)
    public static func indexedTerms(_ document: String) -> [String] {
        indexedTermsText(document).split(separator: " ").map(String.init)
    }

    /// ``indexedTerms(_:)`` as one text, a space between each (no term holds one: the document's
    /// tokens are split at spaces): sorted and made unique byte by byte, as the server compares
    /// them. Worked on the document's bytes, each term a range of them (and whether `^` comes
    /// first): a Set of Strings sorted by Unicode's rules took most of an import's time on
    /// PostgreSQL, and an array for each term still a good part of it.
    public static func indexedTermsText(_ document: String) -> String {
        var document = document
        return document.withUTF8 { bytes -> String in
            var terms: [IndexedTerm] = []
            terms.reserveCapacity(bytes.count / 2)
            var start = 0
            while start < bytes.count {
                guard bytes[start] != 0x20 else {
                    start += 1
                    continue
                }
                var end = start
                var ascii = true
                while end < bytes.count, bytes[end] != 0x20 {
                    if bytes[end] >= 0x80 { ascii = false }
                    end += 1
                }
                terms.append(IndexedTerm(start, end, marked: false, in: bytes))
                // A Latin word's every beginning; else its first character (its lead byte says how long).
                let lead = bytes[start]
                let first = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
                for length in ascii ? 1...(end - start) : first...first {
                    terms.append(IndexedTerm(start, start + length, marked: true, in: bytes))
                }
                start = end
            }
            terms.sort { $0.order($1, in: bytes) < 0 }
            var text: [UInt8] = []
            text.reserveCapacity(terms.reduce(0) { $0 + $1.length + 1 })
            var previous: IndexedTerm?
            for term in terms {
                if let previous, previous.order(term, in: bytes) == 0 { continue }
                if previous != nil { text.append(0x20) }
                if term.marked { text.append(0x5E) }
                text.append(contentsOf: bytes[term.start..<term.end])
                previous = term
            }
            return String(decoding: text, as: UTF8.self)
        }
    }

    /// A term as a range of the document's bytes, `^` first when `marked`, with its first eight
    /// bytes as one number: most terms are told apart by it, without a byte-by-byte loop.
    private struct IndexedTerm {
        let start: Int
        let end: Int
        let marked: Bool
        let head: UInt64

        init(_ start: Int, _ end: Int, marked: Bool, in bytes: UnsafeBufferPointer<UInt8>) {
            (self.start, self.end, self.marked) = (start, end, marked)
            var head: UInt64 = 0
            for index in 0..<8 { head = head << 8 | UInt64(index < end - start + (marked ? 1 : 0) ? Self.byte(index, start, marked, bytes) : 0) }
            self.head = head
        }

        var length: Int { end - start + (marked ? 1 : 0) }

        private static func byte(_ index: Int, _ start: Int, _ marked: Bool, _ bytes: UnsafeBufferPointer<UInt8>) -> UInt8 {
            marked ? (index == 0 ? 0x5E : bytes[start + index - 1]) : bytes[start + index]
        }

        /// Below 0, 0 or above: the byte order of the two terms.
        func order(_ other: IndexedTerm, in bytes: UnsafeBufferPointer<UInt8>) -> Int {
            if head != other.head { return head < other.head ? -1 : 1 }
            for index in 8..<max(8, min(length, other.length)) {
                let (x, y) = (Self.byte(index, start, marked, bytes), Self.byte(index, other.start, other.marked, bytes))
                if x != y { return x < y ? -1 : 1 }
            }
            return length == other.length ? 0 : (length < other.length ? -1 : 1)
        }
    }

    /// The terms a part of a search must find among ``indexedTerms(_:)``: its tokens, or its
    /// beginning marked.
    static func indexedTerms(of part: (tokens: [String], prefix: Bool)) -> [String] {
        part.prefix ? ["^" + part.tokens[0]] : part.tokens
    }

    /// The FTS5 query for what the operator typed (``searchParts(_:)``): each part a phrase, or a
    /// prefix query; all ANDed. Nil when there is nothing to search for.
    static func matchQuery(_ text: String) -> String? {
        let parts = searchParts(text).map { part in
            let escaped = part.tokens.map { $0.replacingOccurrences(of: "\"", with: "\"\"") }
            return part.prefix ? "\"\(escaped[0])\" *" : "\"" + escaped.joined(separator: " ") + "\""
        }
        return parts.isEmpty ? nil : parts.joined(separator: " AND ")
    }

    /// The digits of a number, reversed, so that "the last four digits" is a prefix. Full-width
    /// digits, as an IME types them, are the digits they show; anything else is left out. The same
    /// for what is stored and what is typed.
    public static func reversedDigits(_ text: String) -> String {
        var digits: [UInt8] = []
        digits.reserveCapacity(24)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39: digits.append(UInt8(scalar.value))
            case 0xFF10...0xFF19: digits.append(UInt8(scalar.value - 0xFF10 + 0x30))
            default: break
            }
        }
        digits.reverse()
        return String(decoding: digits, as: UTF8.self)
    }

    /// The prefix query for the last digits typed (`090-1234` → `"4321090" *`). Nil when no
    /// digit was typed.
    static func tailQuery(_ text: String) -> String? {
        let tail = reversedDigits(text)
        return tail.isEmpty ? nil : "\"" + tail + "\" *"
    }

    /// Whether a query is a number to look up by its tail (order number or phone).
    static func isNumberQuery(_ text: String) -> Bool {
        guard let number = asciiNumber(text) else { return false }
        return number.filter(\.isNumber).count >= 3
    }

    /// Digits and hyphens as typed, full-width (as an IME types them) or not, in ASCII
    /// (「２０２６１２０３－６３３５」 → 20261203-6335); nil when the text has anything else.
    static func asciiNumber(_ text: String) -> String? {
        var ascii = ""
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x30...0x39, 0x2D: ascii.unicodeScalars.append(scalar)
            case 0xFF10...0xFF19: ascii.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            // Full-width hyphen-minus, hyphen, minus sign, dashes: what an IME gives for "-".
            case 0xFF0D, 0x2010, 0x2011, 0x2012, 0x2013, 0x2212: ascii.append("-")
            default: return nil
            }
        }
        return ascii.isEmpty ? nil : ascii
    }

    /// The beginning of an order number typed with its hyphens, without the shop's id or with
    /// it (`20261203-6335`, `398211-20261203`): nil for digits alone (a tail) or anything else.
    static func orderNumberStart(_ text: String) -> String? {
        guard let number = asciiNumber(text), number.contains("-"), number.filter(\.isNumber).count >= 3 else { return nil }
        return number
    }
}
