import Foundation
import OrderStore

/// The transactions the changing roles are written over (``StoreTransactions``).
extension PostgresStore: StoreTransactions {
    public func writing<T>(_ doing: String, _ body: (any StoreStatements) throws -> T) throws -> T {
        try write(doing) { try body($0) }
    }

    /// One snapshot for all the reads of `body` (REPEATABLE READ), as SQLite's read transaction.
    public func reading<T>(_ body: (any StoreStatements) throws -> T) throws -> T {
        try session.snapshot { query in try body(PostgresStatements(query, readOnly: true)) }
    }
}

/// Actions, changes and undo, as SQLite's store makes them (written once).
extension PostgresStore: StoreApplying {}

/// The outbox and the mails' records, as SQLite's store keeps them (written once).
extension PostgresStore: StoreOutbox {}

/// The sync worker's records, as SQLite's store keeps them (written once).
extension PostgresStore: StoreSyncRecords {}

/// What the grid asks beyond a page, as SQLite's store answers it (written once).
extension PostgresStore: StoreGridDetails {}
