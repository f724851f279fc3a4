/// A check of TOML text before it reaches TOMLKit's parser (toml++), which stops the whole
/// process on an assertion where it expects a key and finds something else (found by fuzzing:
/// a table name holding U+FFFD, `[# …`). TOML allows only ASCII outside strings and comments,
/// and a table header's keys start with a bare-key character or a quote; anything else is
/// refused here, with its line, as TOML's own errors are.
public enum TOMLTextCheck {
    /// The first problem of `text` that toml++ must not see: its line and what it is.
    public static func problem(in text: String) -> (line: Int, text: String)? {
        if let stray = firstStrayCharacter(in: text) { return (stray.line, "引用符の外に使えない文字「\(stray.character)」があります") }
        if let line = firstMalformedHeader(in: text) { return (line, "表の名前（[ ] の中）がキーで始まっていません") }
        return nil
    }

    /// The line of the first table header (`[a.b]`, `[[a]]`) where a key should start and does
    /// not; nil when there is none. Lines inside multi-line strings are not headers.
    static func firstMalformedHeader(in text: String) -> Int? {
        var inMultiline = false
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            // An odd count of triple quotes on a line opens or closes a multi-line string.
            let triples = line.components(separatedBy: "\"\"\"").count - 1 + line.components(separatedBy: "'''").count - 1
            let wasInside = inMultiline
            if triples % 2 == 1 { inMultiline.toggle() }
            guard !wasInside else { continue }
            var characters = Substring(line.drop { $0 == " " || $0 == "\t" })
            guard characters.first == "[" else { continue }
            characters = characters.dropFirst()
            if characters.first == "[" { characters = characters.dropFirst() }
            // Each dotted part must start as a key does.
            var expectingKey = true
            var quote: Character?
            for character in characters {
                if let open = quote {
                    if character == open { quote = nil }
                    continue
                }
                if character == " " || character == "\t" { continue }
                if expectingKey {
                    guard character.isBareKeyCharacter || character == "\"" || character == "'" else { return number + 1 }
                    if character == "\"" || character == "'" { quote = character }
                    expectingKey = false
                } else if character == "." {
                    expectingKey = true
                } else if character == "]" {
                    break
                }
            }
            if expectingKey { return number + 1 }
        }
        return nil
    }

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

extension Character {
    /// A-Z a-z 0-9 _ -: what a bare TOML key is made of.
    var isBareKeyCharacter: Bool {
        guard let ascii = asciiValue else { return false }
        return (0x30...0x39).contains(ascii) || (0x41...0x5A).contains(ascii) || (0x61...0x7A).contains(ascii) || ascii == 0x5F || ascii == 0x2D
    }
}
