import Foundation
import NIOCore
import OrderStore
import PostgresNIO

/// A row from the server read as the store's shared readers read one: the grid's by position,
/// an order's and a journal entry's by column name.
extension PostgresRandomAccessRow: GridRowReading {
    public func text(_ index: Int) throws -> String? { try self[index].binary.decode(String?.self) }
    public func integer(_ index: Int) throws -> Int64? { try self[index].binary.decode(Int64?.self) }
    public func bool(_ index: Int) throws -> Bool { try self[index].binary.decode(Bool.self) }
}

extension PostgresRandomAccessRow: StoredRowReading {
    public func text(_ column: String) throws -> String? { try self[column].binary.decode(String?.self) }
    public func integer(_ column: String) throws -> Int64? { try self[column].binary.decode(Int64?.self) }
    public func bytes(_ column: String) throws -> Data? { try self[column].binary.decode(ByteBuffer?.self).map { Data($0.readableBytesView) } }
    public func bool(_ column: String) throws -> Bool { try self[column].binary.decode(Bool.self) }
}

extension PostgresCell {
    /// The cell as the server sent it: in binary. postgres-nio's every Bind asks each result
    /// column in binary (`PostgresFrontendMessageEncoder.bind`, postgres-nio 1.33), but the rows
    /// of a statement prepared with `prepare(query:)` carry the format its Describe reported,
    /// text ("in a RowDescription returned from the statement variant of Describe, the format
    /// code is not yet known and will always be zero": PostgreSQL's protocol, Message Formats),
    /// and would be decoded as text. Said here, every reader reads them as sent.
    var binary: PostgresCell {
        var cell = self
        cell.format = .binary
        return cell
    }
}
