import Foundation
import OrderEngine

extension StoreOutbox {
    /// Rakuten's orders here (fetched, or read from RMS's CSV) ordered from `start` until before
    /// `end`, with the RMS status held: what a reconcile compares with RMS's own list.
    public func rakutenOrders(orderedFrom start: Date, until end: Date) throws -> [OrderNumber: RMSProgress] {
        try reading { db in
            var held: [OrderNumber: RMSProgress] = [:]
            try db.forEachRow("""
                SELECT order_number, rms_progress FROM orders
                WHERE ordered_at >= ? AND ordered_at < ? AND origin IN ('rakutenAPI', 'csvImport')
                """, [.integer(Int64(start.timeIntervalSince1970)), .integer(Int64(end.timeIntervalSince1970))]) { row in
                held[OrderNumber(try row.requiredText("order_number"))] = RMSProgress(code: Int(try row.requiredInteger("rms_progress")))
            }
            return held
        }
    }
}
