/// A key the desk understands, decoded from whatever the terminal sent.
public enum Key: Sendable, Hashable {
    case character(Character)
    /// Ctrl with a letter: `.control("c")` is Ctrl-C.
    case control(Character)
    case up, down, left, right
    case pageUp, pageDown, home, end
    case enter, tab, backTab, escape, backspace, delete, insert
    case function(Int)
    /// The terminal changed size.
    case resize

    public static let space = Key.character(" ")

    /// A printable character (typed into a search or an input), not a key with a name or Ctrl.
    public var isCharacter: Bool { if case .character = self { true } else { false } }
}

extension Key: CustomStringConvertible {
    /// The key's name as keymap.toml writes it.
    public var description: String {
        switch self {
        case .character(" "): "Space"
        case .character(let c): String(c)
        case .control(let c): "C-\(c)"
        case .up: "Up"
        case .down: "Down"
        case .left: "Left"
        case .right: "Right"
        case .pageUp: "PageUp"
        case .pageDown: "PageDown"
        case .home: "Home"
        case .end: "End"
        case .enter: "Enter"
        case .tab: "Tab"
        case .backTab: "S-Tab"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Delete"
        case .insert: "Insert"
        case .function(let n): "F\(n)"
        case .resize: "Resize"
        }
    }

    /// Reads a key name as keymap.toml writes it; nil when it is not one.
    public init?(name: String) {
        let named: [String: Key] = [
            "Space": .space, "Up": .up, "Down": .down, "Left": .left, "Right": .right,
            "PageUp": .pageUp, "PgUp": .pageUp, "PageDown": .pageDown, "PgDn": .pageDown,
            "Home": .home, "End": .end, "Enter": .enter, "Return": .enter, "Tab": .tab, "S-Tab": .backTab,
            "BackTab": .backTab, "Esc": .escape, "Escape": .escape, "Backspace": .backspace, "Delete": .delete,
            "Insert": .insert,
        ]
        if let key = named[name] {
            self = key
        } else if name.hasPrefix("C-"), name.count == 3, let c = name.last, c.isLetter, c.isASCII {
            self = .control(Character(c.lowercased()))
        } else if name.hasPrefix("F"), let n = Int(name.dropFirst()), (1...12).contains(n) {
            self = .function(n)
        } else if name.count == 1, let c = name.first, !c.isControl, c != " " {
            self = .character(c)
        } else {
            return nil
        }
    }
}
