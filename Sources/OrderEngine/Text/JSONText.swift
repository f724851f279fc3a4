import Foundation

/// JSON with sorted keys, as the journal and the store keep a value in a text: the same value is
/// always the same text, so that the journal can compare it.
enum JSONText {
    /// `value` as JSON. Only for values of strings, integers, booleans and their arrays and
    /// dictionaries, which JSONEncoder cannot fail on: a failure is a programming error, stopped
    /// loudly rather than stored as nothing.
    static func encode(_ value: some Encodable) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        do {
            return String(decoding: try encoder.encode(value), as: UTF8.self)
        } catch {
            preconditionFailure("JSON of a value of strings and integers could not be made: \(error)")
        }
    }
}
