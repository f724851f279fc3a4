import GRDB

extension StoredValue {
    /// SQLite's value; nil for a real number, which no column of the store holds.
    init?(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let number): self = .integer(number)
        case .string(let text): self = .text(text)
        case .blob(let data): self = .blob(data)
        case .double: return nil
        }
    }
}
