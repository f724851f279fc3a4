import Foundation

/// What every role that changes the store is written over, once for both backends: who and when
/// the changes are, and the backend's transactions (``StoreStatements``), each taken as the
/// store's one writer — SQLite's IMMEDIATE transaction, PostgreSQL's writers' lock — so that what
/// a change reads stays as read until it commits.
public protocol StoreTransactions: Sendable {
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
    /// The same store, its changes journalled under another name: what a rule does is the rule's
    /// (「ルール: 代引は保留」), from the same desk.
    func acting(as operatorName: String) -> Self
    /// The processes (`user@host:pid`) known to be running on the hosts that share the store, by
    /// their heartbeats, read in `db`'s transaction (with the claims they are judged against);
    /// nil where the store cannot know (SQLite's, on one host: its processes are asked of the OS,
    /// ``OperatorIdentity/isAlive(_:)``).
    func liveProcessesElsewhere(in db: any StoreStatements) throws -> Set<String>?
    /// Whether this process may still send what it claimed, read in `db`'s transaction: no other
    /// host takes it for gone by its heartbeat. Always on SQLite's one host (a process that lives
    /// is never taken for gone); on PostgreSQL, while this process's heartbeat is fresh with time
    /// to spare for the request to leave. (A claim past a settler's cutoff may be settled all the
    /// same: the outbox's states keep both from sending or recording it twice.)
    func holdsItsClaims(in db: any StoreStatements) throws -> Bool
}

extension StoreTransactions {
    /// ``writing(_:_:)`` for a sender about to act on what it claimed: `body` runs only while this
    /// process holds its claims (``holdsItsClaims(in:)``, in the same transaction); else
    /// ``ClaimsLapsed`` is thrown and nothing is changed.
    func writingAsClaimer<T>(_ doing: String, _ body: (any StoreStatements) throws -> T) throws -> T {
        // Returned, not thrown, from the transaction: there an error is said as the write's failure.
        let done: T? = try writing(doing) { db in try holdsItsClaims(in: db) ? try body(db) : nil }
        guard let done else { throw ClaimsLapsed() }
        return done
    }
}

extension OrderStore: StoreTransactions {
    public func writing<T>(_ doing: String, _ body: (any StoreStatements) throws -> T) throws -> T {
        try writeTransaction(doing) { db in try body(db) }
    }

    public func reading<T>(_ body: (any StoreStatements) throws -> T) throws -> T {
        try pool.read { db in try body(db) }
    }

    public func liveProcessesElsewhere(in db: any StoreStatements) throws -> Set<String>? { nil }

    public func holdsItsClaims(in db: any StoreStatements) throws -> Bool { true }
}
