import Foundation
import OrderEngine

/// The store's role of changing orders: an action applied (planned inside the writing
/// transaction, each write to RMS claimed in the outbox before anything is sent), a change
/// journalled field by field, a batch taken back. Written once, over the statements of a
/// transaction (``StoreStatements``); each backend gives its transactions, as one writer at a
/// time — SQLite's IMMEDIATE transaction, PostgreSQL's writer lock — so that what a change reads
/// stays as read until it commits.
public protocol StoreApplying: Sendable {
    /// Who the journal names for the changes.
    var operatorName: String { get }
    /// Which desk (process) the changes come from (`user@host:pid`): an operator's undo offers
    /// the batches of their own desk only.
    var deskID: String { get }
    /// The clock the changes are dated by.
    var now: @Sendable () -> Date { get }
    /// Runs `body` as the store's one writer and commits what it did, or nothing of it when it
    /// throws; the error says what was being `doing` (「「出荷待ち」の保存」).
    func writing<T>(_ doing: String, _ body: (any StoreStatements) throws -> T) throws -> T
    /// Runs `body` on one consistent view of the store.
    func reading<T>(_ body: (any StoreStatements) throws -> T) throws -> T
}

extension OrderStore: StoreApplying {
    public func writing<T>(_ doing: String, _ body: (any StoreStatements) throws -> T) throws -> T {
        try writeTransaction(doing) { db in try body(db) }
    }

    public func reading<T>(_ body: (any StoreStatements) throws -> T) throws -> T {
        try pool.read { db in try body(db) }
    }
}
