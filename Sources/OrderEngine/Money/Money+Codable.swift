/// An amount in a stored document: its yen as a number, unset as the word `"unset"` (never a
/// number: -9999 is RMS's sentinel, not an amount, and `null` would read as a missing optional).
/// One value, not the nested object a synthesized enum writes (`{"yen":{"_0":3240}}`): orders
/// hold dozens of amounts, and the nested form was half of a document's encoding and reading.
/// Documents written before keep that form and are read as they are.
extension Money: Codable {
    static let unsetWord = "unset"

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .unset: try container.encode(Self.unsetWord)
        case .yen(let value): try container.encode(value)
        }
    }

    public init(from decoder: any Decoder) throws {
        let single = try decoder.singleValueContainer()
        do {
            self = .yen(try single.decode(Int.self))
            return
        } catch DecodingError.typeMismatch {
            // Not a number: the word, or a document of the earlier form.
        }
        do {
            let word = try single.decode(String.self)
            guard word == Self.unsetWord else {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "金額は数か \"\(Self.unsetWord)\" です（\"\(word)\"）")
            }
            self = .unset
            return
        } catch DecodingError.typeMismatch {
            // An object: the earlier form.
        }
        let legacy = try decoder.container(keyedBy: LegacyKey.self)
        if legacy.contains(.unset) {
            self = .unset
        } else if legacy.contains(.yen) {
            self = .yen(try legacy.nestedContainer(keyedBy: LegacyValueKey.self, forKey: .yen).decode(Int.self, forKey: ._0))
        } else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "金額が読めません（yen も unset もありません）"))
        }
    }

    /// The synthesized form's keys: `{"yen":{"_0":3240}}`, `{"unset":{}}`.
    private enum LegacyKey: String, CodingKey { case unset, yen }
    private enum LegacyValueKey: String, CodingKey { case _0 }
}
