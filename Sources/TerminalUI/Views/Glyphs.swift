/// The characters the desk draws its chrome with. Box-drawing characters are East Asian
/// Ambiguous width, drawn two cells wide by terminals set up for Japanese; `--ascii` avoids them.
public struct Glyphs: Sendable {
    public let horizontal: Character
    public let vertical: Character
    public let topLeft: Character
    public let topRight: Character
    public let bottomLeft: Character
    public let bottomRight: Character
    public let separator: String
    public let marked: String
    public let unmarked: String
    /// Where typing goes in a text input or the search line.
    public let textCursor: String
    /// Around a pick list's choice: ‹出荷待ち›.
    public let choiceOpen: String
    public let choiceClose: String

    public static let unicode = Glyphs(
        horizontal: "─", vertical: "│", topLeft: "┌", topRight: "┐", bottomLeft: "└", bottomRight: "┘",
        separator: " │ ", marked: "[x]", unmarked: "[ ]", textCursor: "_", choiceOpen: "< ", choiceClose: " >")

    public static let ascii = Glyphs(
        horizontal: "-", vertical: "|", topLeft: "+", topRight: "+", bottomLeft: "+", bottomRight: "+",
        separator: " | ", marked: "[x]", unmarked: "[ ]", textCursor: "_", choiceOpen: "< ", choiceClose: " >")
}
