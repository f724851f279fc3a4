/// A check of TOML text before it reaches TOMLKit's parser (toml++), which stops the whole
/// process on an assertion for some characters outside quotes (found by fuzzing: a table name
/// holding U+FFFD, `[�desk]`). TOML allows only ASCII outside strings and comments, so any
/// other character there is refused here, with its line, as TOML's own errors are.
public enum TOMLTextCheck {
    /// The 1-based line and the character of the first non-ASCII character outside strings and
    /// comments; nil when there is none.
    public static func firstStrayCharacter(in text: String) -> (line: Int, character: Character)? {
        var line = 1
        var inComment = false
        var quote: [Character]?  // the delimiter of the string being read: ", ', """ or '''
        var escaped = false
        let characters = Array(text)
        var index = 0
        func starts(with delimiter: [Character]) -> Bool {
            index + delimiter.count <= characters.count && Array(characters[index..<index + delimiter.count]) == delimiter
        }
        while index < characters.count {
            let character = characters[index]
            if character == "\n" || character == "\r\n" {
                line += 1
                inComment = false
                if quote?.count == 1 { quote = nil }  // a one-line string ends at the line (TOML's own error follows)
                index += 1
                continue
            }
            if inComment {
                index += 1
                continue
            }
            if let delimiter = quote {
                if escaped {
                    escaped = false
                } else if character == "\\", delimiter.first == "\"" {
                    escaped = true
                } else if starts(with: delimiter) {
                    quote = nil
                    index += delimiter.count
                    continue
                }
                index += 1
                continue
            }
            switch character {
            case "#":
                inComment = true
            case "\"", "'":
                let triple = [character, character, character]
                quote = starts(with: triple) ? triple : [character]
                index += quote!.count
                continue
            default:
                if !character.isASCII { return (line, character) }
            }
            index += 1
        }
        return nil
    }
}
