import OrderEngine

extension StoredValue {
    /// A condition's value as both backends keep it (an integer: SQLite has no boolean type).
    static func flag(_ value: Bool) -> StoredValue { .integer(value ? 1 : 0) }

    /// An amount in yen; NULL while it is unset.
    static func yen(_ money: Money) -> StoredValue { money.yen.map { .integer(Int64($0)) } ?? .null }

    /// A text, or NULL.
    static func textOrNull(_ value: String?) -> StoredValue { value.map { .text($0) } ?? .null }
}
