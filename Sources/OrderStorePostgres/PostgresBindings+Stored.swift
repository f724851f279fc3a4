import NIOCore
import OrderStore
import PostgresNIO

extension PostgresBindings {
    /// A value of a ``StoredTable`` column, bound as its kind.
    mutating func append(stored value: StoredValue) {
        switch value {
        case .null: appendNull()
        case .integer(let integer): append(integer)
        case .text(let text): append(text)
        case .blob(let data): append(ByteBuffer(bytes: data))
        }
    }
}
