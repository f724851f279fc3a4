extension StringProtocol {
    /// Cells this text takes on a terminal.
    public var displayWidth: Int { DisplayWidth.of(self) }

    /// The text cut to at most `width` cells, never splitting a wide character, then padded with
    /// spaces to exactly `width` cells. Control characters (newlines in remarks) become spaces. A
    /// text cut ends in 「…」 (blanks left out at its end are no cut).
    public func fitted(to width: Int, alignment: TextAlignment = .leading) -> String {
        guard width > 0 else { return "" }
        // Controls (newlines in remarks) are measured as the spaces they are drawn as.
        let whole = String(map { $0.isControl ? " " : $0 }).trimmingTrailingBlanks
        if whole.displayWidth > width { return (whole.cut(to: width - 1) + "…").padded(to: width, alignment: alignment) }
        return whole.cut(to: width).padded(to: width, alignment: alignment)
    }

    /// The text cut to at most `width` cells, never splitting a wide character; not padded.
    private func cut(to width: Int) -> String {
        guard width > 0 else { return "" }
        var kept = ""
        var used = 0
        if unicodeScalars.allSatisfy(DisplayWidth.standsAlone) {
            var scalars = String.UnicodeScalarView()
            for scalar in unicodeScalars {
                let w = DisplayWidth.isWide(scalar.value) ? 2 : 1
                if used + w > width { break }
                scalars.append(scalar)
                used += w
            }
            kept = String(scalars)
        } else {
            kept = slowFitted(to: width, used: &used)
        }
        return kept
    }

    /// The end of the text that fits in `width` cells, never splitting a wide character.
    public func suffix(fitting width: Int) -> String {
        var kept: [Character] = []
        var used = 0
        for character in reversed() {
            let w = DisplayWidth.of(character)
            if used + w > width { break }
            kept.append(character)
            used += w
        }
        return String(kept.reversed())
    }

    /// ``fitted(to:alignment:)`` character by character, for text with combining marks, emoji
    /// sequences or controls.
    private func slowFitted(to width: Int, used: inout Int) -> String {
        var kept = ""
        for character in self {
            let c: Character = character.isControl ? " " : character
            let w = DisplayWidth.of(c)
            if used + w > width { break }
            kept.append(c)
            used += w
        }
        return kept
    }
}

extension String {
    var trimmingTrailingBlanks: String {
        var text = self
        while let last = text.last, last == " " { text.removeLast() }
        return text
    }

    func padded(to width: Int, alignment: TextAlignment) -> String {
        let padding = String(repeating: " ", count: max(0, width - displayWidth))
        return alignment == .leading ? self + padding : padding + self
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
