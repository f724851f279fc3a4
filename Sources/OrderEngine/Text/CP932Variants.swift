/// The characters Shift_JIS's two mappings give differently: JIS X 0208's (what RMS keeps and its
/// API sends) and Windows' CP932 (what its CSV download is written in). 〜 in one is ～ in the
/// other; comparing a CSV with an API order folds them, so that a wave dash is no difference.
public enum CP932Variants {
    /// JIS's character → CP932's (WAVE DASH → FULLWIDTH TILDE, MINUS SIGN → FULLWIDTH HYPHEN-MINUS…).
    static let folds: [Unicode.Scalar: Unicode.Scalar] = [
        "\u{301C}": "\u{FF5E}", "\u{2212}": "\u{FF0D}", "\u{2016}": "\u{2225}", "\u{2014}": "\u{2015}",
        "\u{00A2}": "\u{FFE0}", "\u{00A3}": "\u{FFE1}", "\u{00AC}": "\u{FFE2}",
    ]

    /// `text` with each JIS variant written as CP932's.
    public static func folded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { folds[$0] != nil }) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(folds[scalar] ?? scalar) }
        return String(scalars)
    }
}
