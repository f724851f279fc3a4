import OrderEngine
/// Writes the tokens of the full-text index (``SearchTerms/tokens(_:)``) straight into one UTF-8
/// buffer, as SQLite takes them: no string per bigram, none for the whole. A million orders of an
/// import go through here.
struct IndexTextWriter {
    private(set) var bytes: [UInt8] = []
    /// The last wide character of the current run, and how many the run has had.
    private var previous: Unicode.Scalar?
    private var wideCount = 0
    /// Where the current ASCII word starts in `bytes`.
    private var asciiStart: Int?

    init() {
        bytes.reserveCapacity(512)
    }

    /// Adds `text` to the current text: a name given in parts (family name, first name) is one
    /// run of characters, so that a bigram spans the two (佐藤翔太 → 藤翔).
    mutating func append(_ text: String) {
        for scalar in KanaFolding.folded(text).unicodeScalars {
            if scalar.isASCII {
                endWide()
                if SearchTerms.isWordCharacter(scalar) {
                    if asciiStart == nil {
                        separate()
                        asciiStart = bytes.count
                    }
                    bytes.append(UInt8(scalar.value))
                } else {
                    endASCII()
                }
            } else if SearchTerms.separates(scalar) {
                endASCII()
                endWide()
            } else {
                endASCII()
                let scalar = SearchTerms.folded(scalar)
                if let previous {
                    separate()
                    append(previous)
                    append(scalar)
                }
                previous = scalar
                wideCount += 1
            }
        }
    }

    /// Ends the current text: the next one starts a word of its own.
    mutating func endText() {
        endASCII()
        endWide()
    }

    private mutating func separate() {
        if let last = bytes.last, last != 0x20 { bytes.append(0x20) }
    }

    private mutating func endWide() {
        // The run's last character is a token of its own (a lone one too): every character then
        // begins a token, and one typed alone is found by its prefix.
        if wideCount >= 1, let previous {
            separate()
            append(previous)
        }
        wideCount = 0
        previous = nil
    }

    private mutating func endASCII() {
        guard let start = asciiStart else { return }
        // Lower-case in place.
        for index in start..<bytes.count where bytes[index] >= 0x41 && bytes[index] <= 0x5A { bytes[index] += 0x20 }
        asciiStart = nil
    }

    private mutating func append(_ scalar: Unicode.Scalar) {
        // The closure form: `UTF8.encode(_:)` alone returns a buffer appended through a generic path.
        UTF8.encode(scalar) { bytes.append($0) }
    }
}
