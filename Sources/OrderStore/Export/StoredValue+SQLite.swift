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

    /// A column's value made by ``OrderColumns``, never from outside data: a real number there is
    /// a fault of this code.
    init(made value: DatabaseValue, column name: String) {
        guard let stored = StoredValue(value) else { preconditionFailure("列 \(name) の値 \(value) は整数・文字列・バイナリのどれでもありません") }
        self = stored
    }

    /// As GRDB binds it.
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let value): value.databaseValue
        }
    }
}
