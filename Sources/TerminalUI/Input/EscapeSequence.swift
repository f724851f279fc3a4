/// Keys a terminal sends as ESC and a sequence that ncurses did not recognise — when TERM names a
/// different terminal than the one in use (xterm's Home is ESC [ 1 ~ in tmux, ESC O H in xterm).
/// Decoded here, or dropped whole: the rest of a sequence must never arrive as keys ('[' is a
/// binding of its own).
enum EscapeSequence {
    /// Whether `scalar` can follow ESC to start a sequence (CSI "[" or SS3 "O").
    static func starts(with scalar: Unicode.Scalar) -> Bool { scalar == "[" || scalar == "O" }

    /// Whether `scalar` ends a sequence begun with "[" or "O" (its final byte).
    static func isFinal(_ scalar: Unicode.Scalar, afterIntroducer introducer: Unicode.Scalar, length: Int) -> Bool {
        introducer == "O" ? length >= 1 : (0x40...0x7E).contains(scalar.value)
    }

    /// The key for the sequence after ESC ("[1~", "OH", "[1;5C"); nil when the desk has no such key.
    static func key(for body: String) -> Key? {
        guard let introducer = body.first, let final = body.last, body.count >= 2 else { return nil }
        // Modifiers ("1;5" in "[1;5C") are dropped: Ctrl-Right is Right to the desk.
        let parameters = body.dropFirst().dropLast().split(separator: ";").first.map(String.init) ?? ""
        switch (introducer, final) {
        case (_, "A"): return .up
        case (_, "B"): return .down
        case (_, "C"): return .right
        case (_, "D"): return .left
        case (_, "H"): return .home
        case (_, "F"): return .end
        case ("[", "Z"): return .backTab
        case ("O", "P"): return .function(1)
        case ("O", "Q"): return .function(2)
        case ("O", "R"): return .function(3)
        case ("O", "S"): return .function(4)
        case ("[", "~"): return tilde[parameters]
        default: return nil
        }
    }

    /// The keys of "ESC [ n ~" by n.
    private static let tilde: [String: Key] = [
        "1": .home, "7": .home, "4": .end, "8": .end, "2": .insert, "3": .delete, "5": .pageUp, "6": .pageDown,
        "11": .function(1), "12": .function(2), "13": .function(3), "14": .function(4), "15": .function(5),
        "17": .function(6), "18": .function(7), "19": .function(8), "20": .function(9), "21": .function(10),
        "23": .function(11), "24": .function(12),
    ]
}
