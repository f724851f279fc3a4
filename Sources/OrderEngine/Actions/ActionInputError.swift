/// An action's input the operator typed that cannot be used: what is wrong, in their words.
public struct ActionInputError: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

extension String {
    func trimmingCharacters(in set: CharacterSetLike) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

/// Which characters to trim: only whitespace is needed here (full-width spaces included).
enum CharacterSetLike {
    case whitespaces

    func contains(_ character: Character) -> Bool { character.isWhitespace }
}
