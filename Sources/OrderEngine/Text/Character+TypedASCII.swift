extension Character {
    /// What an operator meant by a character typed into an amount, number or date: full-width
    /// forms as an IME types them become ASCII (「１２３」, 「２０２６－１２－０３」, 「，」, 「　」; NFKC's
    /// mapping for them), and the dashes an IME may give for "-" (ー, ‐, ―, −) become "-": in the
    /// desk's inputs and in tracking numbers read from anywhere.
    public var typedASCII: Character {
        guard let scalar = unicodeScalars.first, unicodeScalars.count == 1 else { return self }
        switch scalar.value {
        case 0xFF01...0xFF5E: return Character(Unicode.Scalar(scalar.value - 0xFEE0)!)
        case 0x3000: return " "
        case 0x30FC, 0x2010, 0x2011, 0x2012, 0x2013, 0x2015, 0x2212, 0xFF70: return "-"
        default: return self
        }
    }
}
