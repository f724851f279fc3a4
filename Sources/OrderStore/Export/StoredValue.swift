import Foundation

/// One value of a ``StoredTable``'s row, as both backends hold it.
public enum StoredValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case text(String)
    case blob(Data)

    /// Whether a column of `kind` may hold it (any column may be empty; NOT NULL is each backend's).
    public func fits(_ kind: StoredTable.Kind) -> Bool {
        switch (self, kind) {
        case (.null, _), (.integer, .integer), (.text, .text), (.blob, .blob): true
        default: false
        }
    }

    /// As a message shows it: short, and never a buyer's whole text.
    public var shown: String {
        switch self {
        case .null: "NULL"
        case .integer(let value): "整数 \(value)"
        case .text(let value): "文字列（\(value.count)文字）"
        case .blob(let value): "バイナリ（\(value.count)バイト）"
        }
    }
}
