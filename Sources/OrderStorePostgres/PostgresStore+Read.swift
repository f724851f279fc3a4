import Foundation
import NIOCore
import OrderEngine
import OrderStore
import PostgresNIO

extension PostgresRandomAccessRow: StoredRowReading {
    public func text(_ column: String) throws -> String? { try self[column].decode(String?.self) }
    public func integer(_ column: String) throws -> Int64? { try self[column].decode(Int64?.self) }
    public func bytes(_ column: String) throws -> Data? { try self[column].decode(ByteBuffer?.self).map { Data($0.readableBytesView) } }
    public func bool(_ column: String) throws -> Bool { try self[column].decode(Bool.self) }
}

extension PostgresStore: StoreReading {
    public func orders(_ numbers: [OrderNumber], content: Bool = true) throws -> [Order] {
        try OrderRecord.load(numbers, content: content) { columns, chunk, each in
            let rows = try session.query("SELECT \(unescaped: columns) FROM \(unescaped: OrderRecord.source) WHERE order_number = ANY(\(chunk))")
            for row in rows { try each(row.makeRandomAccess()) }
        }
    }

    public func journal(of number: OrderNumber) throws -> [JournalEntry] {
        try session.query("SELECT \(unescaped: JournalEntry.columns) FROM journal WHERE order_number = \(number.rawValue) ORDER BY id")
            .map { try JournalEntry(reading: $0.makeRandomAccess()) }
    }
}
