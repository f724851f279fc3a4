import Foundation
import GRDB

extension OrderStore {
    /// Who holds the worker's lease, until when.
    public struct WorkerLease: Sendable, Equatable {
        public let holder: String
        public let host: String
        public let pid: Int32
        public let expiresAt: Date
        /// Why the worker stopped working (an expired licenceKey); nil while it works.
        public let problem: String?

        public init(holder: String, host: String, pid: Int32, expiresAt: Date, problem: String?) {
            self.holder = holder
            self.host = host
            self.pid = pid
            self.expiresAt = expiresAt
            self.problem = problem
        }
    }

    /// Takes or renews the worker's lease for `holder` (this process) for `seconds`. Granted when
    /// nobody holds it, when `holder` already does, when the lease has run out, or when its
    /// holder's process on this host is gone. In one IMMEDIATE transaction: two processes asking
    /// at once cannot both be granted it.
    public func acquireWorkerLease(holder: String, seconds: Int) throws -> Bool {
        try writeTransaction("同期担当の確保") { db in
            let date = now()
            let host = OperatorIdentity.host
            // The holder's own host and pid, as it names them (a holder named otherwise is this process).
            let (holderHost, holderPID) = OperatorIdentity.hostAndPID(of: holder) ?? (host, getpid())
            if let current = try Self.lease(in: db), current.holder != holder, current.expiresAt > date,
                !(current.host == host && !Self.processIsAlive(current.pid))
            {
                return false
            }
            try db.execute(sql: """
                INSERT INTO worker_lease (id, holder, host, pid, acquired_at, expires_at) VALUES (1, ?, ?, ?, ?, ?)
                ON CONFLICT(id) DO UPDATE SET
                    acquired_at = CASE WHEN holder = excluded.holder THEN acquired_at ELSE excluded.acquired_at END,
                    holder = excluded.holder, host = excluded.host, pid = excluded.pid, expires_at = excluded.expires_at
                """, arguments: [holder, holderHost, holderPID, Int64(date.timeIntervalSince1970), Int64(date.timeIntervalSince1970) + Int64(seconds)])
            return true
        }
    }

    /// Says why the worker holding the lease has stopped working, or (nil) that it works again.
    public func setWorkerProblem(_ problem: String?, holder: String) throws {
        try writeTransaction("同期の状態の記録") { db in
            try db.execute(sql: "UPDATE worker_lease SET problem = ? WHERE holder = ?", arguments: [problem, holder])
        }
    }

    /// Gives the lease up (a worker stopping cleanly), so that another takes over at once.
    public func releaseWorkerLease(holder: String) throws {
        try writeTransaction("同期担当の解放") { db in
            try db.execute(sql: "DELETE FROM worker_lease WHERE holder = ?", arguments: [holder])
        }
    }

    /// The lease as it stands, for the status bar and `juchu status`.
    public func workerLease() throws -> WorkerLease? {
        try pool.read { db in try Self.lease(in: db) }
    }

    private static func lease(in db: Database) throws -> WorkerLease? {
        try Row.fetchOne(db, sql: "SELECT holder, host, pid, expires_at, problem FROM worker_lease WHERE id = 1").map {
            WorkerLease(holder: $0["holder"], host: $0["host"], pid: $0["pid"],
                        expiresAt: Date(timeIntervalSince1970: TimeInterval($0["expires_at"] as Int64)), problem: $0["problem"])
        }
    }

    static func processIsAlive(_ pid: Int32) -> Bool {
        OperatorIdentity.isAlive(pid)
    }
}
