import Foundation
import GRDB
import GRDBSQLite
import OrderEngine

extension OrderStore {
    /// An order to store for the first time, with the exact JSON RMS sent for it. What it will
    /// write is worked out here, on the thread that makes it, not in the write transaction.
    public struct Incoming: Sendable {
        public let order: Order
        let values: NewOrderValues

        public init(order: Order, rawJSON: [UInt8]?) {
            self.order = order
            values = NewOrderValues(order: order, rawJSON: rawJSON)
        }
    }

    public struct ImportSummary: Sendable, Equatable {
        public var inserted = 0
        /// Already in the store: left as they are, never overwritten by a fetch.
        public var alreadyPresent = 0

        public init(inserted: Int = 0, alreadyPresent: Int = 0) {
            self.inserted = inserted
            self.alreadyPresent = alreadyPresent
        }
    }

    /// Stores orders not yet in the file; orders already there are left untouched.
    @discardableResult
    public func importOrders(_ incoming: [Incoming], action: JournalKind = .action(.fetch)) throws -> ImportSummary {
        try writeTransaction("受注の取り込み") { db in
            var summary = ImportSummary()
            let date = now()
            let batchID = UUID().uuidString.lowercased()
            let statements = try NewOrderStatements(db)
            var insertedByStatus: [LocalStatus: Int] = [:]
            for item in incoming {
                if try statements.store(item.order, item.values, batchID: batchID, action: action, operatorName: operatorName, at: date) {
                    summary.inserted += 1
                    insertedByStatus[item.order.localStatus, default: 0] += 1
                } else {
                    summary.alreadyPresent += 1
                }
            }
            for (status, count) in insertedByStatus { TransactionEffects.inserted(status, count: count, in: db) }
            return summary
        }
    }

    /// Runs a bulk import (many thousands of orders) on a writing connection set up for it:
    /// - a 256 MiB page cache instead of 8 MiB. At a million orders the indexes no longer fit the
    ///   small cache: each insert then reads pages back from the file;
    /// - the write-ahead log copied back into the file by a ``BackgroundCheckpointer`` rather than
    ///   by the writer itself after its commits. Past `logLimit` bytes of log, the writer waits
    ///   for it to be copied back, so that the log starts again from its beginning.
    /// The usual cache and SQLite's own checkpoints return after, and the log is left copied back.
    public func withBulkImport<T>(_ body: () throws -> T) throws -> T {
        try withBulkImport(logLimit: 64 << 20, body)
    }

    /// ``withBulkImport(_:)`` with the write-ahead log copied back past `logLimit` bytes.
    public func withBulkImport<T>(logLimit: Int, _ body: () throws -> T) throws -> T {
        let pageSize = try pool.read { try Int.fetchOne($0, sql: "PRAGMA page_size") } ?? 4096
        let checkpointer = try BackgroundCheckpointer(path: path, limitPages: Int32(clamping: logLimit / pageSize))
        do {
            try pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA cache_size = -262144")
                sqlite3_wal_hook(db.sqliteConnection, { context, _, _, pages in
                    Unmanaged<BackgroundCheckpointer>.fromOpaque(context!).takeUnretainedValue().committed(pages: pages)
                    return SQLITE_OK
                }, Unmanaged.passUnretained(checkpointer).toOpaque())
            }
        } catch {
            try? checkpointer.stop()
            throw error
        }
        let result = Result { try body() }
        let restored = Result {
            try pool.writeWithoutTransaction { db in
                // Also takes the hook (and its reference to the checkpointer) away.
                sqlite3_wal_autocheckpoint(db.sqliteConnection, 1000)
                try db.execute(sql: "PRAGMA cache_size = \(Self.writerCacheSize)")
            }
        }
        let stopped = Result { try checkpointer.stop() }
        let value = try result.get()
        try restored.get()
        try stopped.get()
        return value
    }

    /// The raw JSON RMS sent for an order when it was imported.
    public func rawJSON(of number: OrderNumber) throws -> [UInt8]? {
        try pool.read { db in try Self.rawJSON(of: number, in: db) }
    }

    static func rawJSON(of number: OrderNumber, in db: any StoreStatements) throws -> [UInt8]? {
        try db.firstRow("SELECT raw_json FROM \(OrderRecord.source) WHERE order_number = ?", [.text(number.rawValue)]) {
            try $0.bytes("raw_json").map { Array($0) }
        } ?? nil
    }
}
