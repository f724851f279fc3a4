import Foundation
import NIOCore
import OrderStore
import PostgresNIO

/// A row from the server read as the store's shared readers read one: the grid's by position,
/// an order's and a journal entry's by column name.
extension PostgresRandomAccessRow: GridRowReading {
    public func text(_ index: Int) throws -> String? { try self[index].decode(String?.self) }
    public func integer(_ index: Int) throws -> Int64? { try self[index].decode(Int64?.self) }
    public func bool(_ index: Int) throws -> Bool { try self[index].decode(Bool.self) }
}

extension PostgresRandomAccessRow: StoredRowReading {
    public func text(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    public func integer(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    public func bytes(_ column: String) throws -> Data? { try self[column].decode(ByteBuffer?.self).map { Data($0.readableBytesView) } }
    public func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
}
