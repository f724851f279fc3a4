/// Kana as the indexes keep them, so that a name is found however its kana were typed:
/// hiragana and half-width katakana become full-width katakana (むらかみ, ﾑﾗｶﾐ → ムラカミ), a
/// half-width voiced mark joining the kana before it (ﾎﾟ → ポ, ｶﾞ → ガ). The same for what is
/// stored and what is typed.
public enum KanaFolding {
    /// `text` with its kana folded; `text` itself when it has none to fold (nearly every name).
    public static func folded(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: needsFolding) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x3041...0x3096:
                scalars.append(Unicode.Scalar(scalar.value + 0x60)!)
            case 0xFF9E, 0xFF9F:
                // ﾞ and ﾟ: voiced forms of the kana before, or the full-width marks alone.
                let semi = scalar.value == 0xFF9F
                if let last = scalars.last, let voiced = voiced(last, semi: semi) {
                    scalars.removeLast()
                    scalars.append(voiced)
                } else {
                    scalars.append(Unicode.Scalar(semi ? 0x309C : 0x309B)!)
                }
            case 0xFF61...0xFF9D:
                scalars.append(Unicode.Scalar(halfWidth[Int(scalar.value - 0xFF61)])!)
            default:
                scalars.append(scalar)
            }
        }
        return String(scalars)
    }

    @inline(__always) static func needsFolding(_ scalar: Unicode.Scalar) -> Bool {
        (0x3041...0x3096).contains(scalar.value) || (0xFF61...0xFF9F).contains(scalar.value)
    }

    /// U+FF61 ｡ … U+FF9D ﾝ, as full-width characters.
    static let halfWidth: [UInt32] = [
        0x3002, 0x300C, 0x300D, 0x3001, 0x30FB, 0x30F2,  // ｡｢｣､･ｦ
        0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, 0x30FC,  // ｧｨｩｪｫｬｭｮｯｰ
        0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA,  // ｱｲｳｴｵ
        0x30AB, 0x30AD, 0x30AF, 0x30B1, 0x30B3,  // ｶｷｸｹｺ
        0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD,  // ｻｼｽｾｿ
        0x30BF, 0x30C1, 0x30C4, 0x30C6, 0x30C8,  // ﾀﾁﾂﾃﾄ
        0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE,  // ﾅﾆﾇﾈﾉ
        0x30CF, 0x30D2, 0x30D5, 0x30D8, 0x30DB,  // ﾊﾋﾌﾍﾎ
        0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2,  // ﾏﾐﾑﾒﾓ
        0x30E4, 0x30E6, 0x30E8,  // ﾔﾕﾖ
        0x30E9, 0x30EA, 0x30EB, 0x30EC, 0x30ED,  // ﾗﾘﾙﾚﾛ
        0x30EF, 0x30F3,  // ﾜﾝ
    ]

    /// The voiced (゛) or semi-voiced (゜) form of a full-width katakana, when it has one.
    static func voiced(_ kana: Unicode.Scalar, semi: Bool) -> Unicode.Scalar? {
        let value = kana.value
        if semi {
            // ハヒフヘホ → パピプペポ
            guard (0x30CF...0x30DB).contains(value), (value - 0x30CF) % 3 == 0 else { return nil }
            return Unicode.Scalar(value + 2)
        }
        switch value {
        case 0x30A6: return Unicode.Scalar(0x30F4)  // ウ → ヴ
        case 0x30EF: return Unicode.Scalar(0x30F7)  // ワ → ヷ
        case 0x30F2: return Unicode.Scalar(0x30FA)  // ヲ → ヺ
        // カ…ト (every other code point), ツ at 0x30C4 among them.
        case 0x30AB...0x30C2 where (value - 0x30AB) % 2 == 0: return Unicode.Scalar(value + 1)
        case 0x30C4, 0x30C6, 0x30C8: return Unicode.Scalar(value + 1)
        case 0x30CF...0x30DB where (value - 0x30CF) % 3 == 0: return Unicode.Scalar(value + 1)
        default: return nil
        }
    }
}
