extension StringProtocol {
    /// Cells this text takes on a terminal.
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// The text cut to at most `width` cells, never splitting a wide character, then padded with
    /// spaces to exactly `width` cells. Control characters (newlines in remarks) become spaces.
    public func fitted(to width: Int, alignment: TextAlignment = .leading) -> String {
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        for character in self {
            let c: Character = character.isControl ? " " : character
            let w = DisplayWidth.of(c)
            if used + w > width { break }
            kept.append(c)
            used += w
        }
        let padding = String(repeating: " ", count: width - used)
        return alignment == .leading ? kept + padding : padding + kept
    }
}

public enum TextAlignment: Sendable {
    case leading, trailing
}

extension Character {
    /// Newlines, tabs and other C0/C1 controls, which must never reach the terminal as text.
    var isControl: Bool {
        guard let scalar = unicodeScalars.first else { return false }
        return scalar.value < 0x20 || (0x7F..<0xA0).contains(scalar.value)
    }
}
