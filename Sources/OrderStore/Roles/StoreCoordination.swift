import Foundation

/// The store's coordination role: which process of the shop is its sync worker (one at a time,
/// on any host), and why it stopped. One of the roles the store is split into, so that each
/// backend — SQLite on one host (``OrderStore``), PostgreSQL across hosts — provides it, proved
/// by one conformance suite run against each.
///
/// A lease is granted when nobody holds it, when `holder` already does (renewed), when it has run
/// out, or when its holder's process on this host is gone (a process on another host is judged by
/// the lease running out only).
public protocol StoreCoordination: Sendable {
    /// Takes or renews the lease for `holder` (``OperatorIdentity/process``: `user@host:pid`) for
    /// `seconds`; false when another process holds it.
    func acquireWorkerLease(holder: String, seconds: Int) throws -> Bool
    /// Says why the worker holding the lease stopped working, or (nil) that it works again.
    func setWorkerProblem(_ problem: String?, holder: String) throws
    /// Gives the lease up, so that another process takes over at once.
    func releaseWorkerLease(holder: String) throws
    /// The lease as it stands.
    func workerLease() throws -> OrderStore.WorkerLease?
}

extension StoreCoordination {
    /// Takes or renews the lease for this process.
    public func acquireWorkerLease(seconds: Int) throws -> Bool {
        try acquireWorkerLease(holder: OperatorIdentity.process, seconds: seconds)
    }

    /// Says why this process, holding the lease, stopped working, or (nil) that it works again.
    public func setWorkerProblem(_ problem: String?) throws {
        try setWorkerProblem(problem, holder: OperatorIdentity.process)
    }

    /// Gives this process's lease up.
    public func releaseWorkerLease() throws {
        try releaseWorkerLease(holder: OperatorIdentity.process)
    }

    /// Whether the lease's holder is working now: its lease has not run out and, on this host,
    /// its process is still there (a worker killed leaves its lease until it runs out).
    public func isWorking(_ lease: OrderStore.WorkerLease, at date: Date) -> Bool {
        lease.expiresAt > date && !(lease.host == OperatorIdentity.host && !OperatorIdentity.isAlive(lease.pid))
    }
}

extension OrderStore: StoreCoordination {}
