import Foundation
import NIOCore
import OrderEngine
import OrderStore
import PostgresNIO

extension PostgresStore: StoreReading {
    public func orders(_ numbers: [OrderNumber], content: Bool) throws -> [Order] {
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
