import Foundation
import GRDB

/// A row of the store read by column name, as each backend reads it: what builds an order back
/// (``OrderRecord``) and a journal entry, once for both.
public protocol StoredRowReading {
    func text(_ column: String) throws -> String?
    func integer(_ column: String) throws -> Int64?
    func bytes(_ column: String) throws -> Data?
    /// A condition's value: SQLite's 0 or 1, PostgreSQL's boolean.
    func bool(_ column: String) throws -> Bool
}

extension Row: StoredRowReading {
    public func text(_ column: String) -> String? { self[column] }
    public func integer(_ column: String) -> Int64? { self[column] }
    public func bytes(_ column: String) -> Data? { self[column] }
    public func bool(_ column: String) -> Bool { self[column] }
}

extension StoredRowReading {
    /// A column that must hold a value; its absence (``EmptyColumn``) is said by the reader, which
    /// knows whose row it is.
    func required<T>(_ value: T?, _ column: String) throws -> T {
        guard let value else { throw EmptyColumn(column: column) }
        return value
    }

    func requiredText(_ column: String) throws -> String { try required(text(column), column) }
    func requiredInteger(_ column: String) throws -> Int64 { try required(integer(column), column) }
}

/// A column that must hold a value and is empty: the store is damaged there.
struct EmptyColumn: Error {
    let column: String

    /// What the operator reads, naming whose row it is (`whose`: 注文 … , 注文 … の履歴).
    func said(_ whose: String) -> StoreError {
        StoreError("\(whose)の列 \(column) が空です（データベースが壊れている可能性があります）")
    }
}
