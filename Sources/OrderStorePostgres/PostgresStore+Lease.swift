import Foundation
import OrderStore
import PostgresNIO

extension PostgresStore: StoreCoordination {
    /// One statement decides, under the row's lock: two processes asking at once on any hosts
    /// cannot both be granted it. The lease runs by the server's clock, the same for every host.
    public func acquireWorkerLease(holder: String, seconds: Int) throws -> Bool {
        guard let (host, pid) = OperatorIdentity.hostAndPID(of: holder) else {
            throw StoreError("同期担当の名前「\(holder)」は user@host:pid ではありません")
        }
        // A holder of this host whose process is gone is replaced before its lease runs out; one of
        // another host only when it has run out.
        var gone: Int32 = -1
        if let current = try workerLease(), current.holder != holder, current.host == OperatorIdentity.host, !OperatorIdentity.isAlive(current.pid) {
            gone = current.pid
        }
        let granted = try session.query("""
            INSERT INTO worker_lease AS l (id, holder, host, pid, acquired_at, expires_at)
            VALUES (1, \(holder), \(host), \(pid), now(), now() + make_interval(secs => \(Double(seconds))))
            ON CONFLICT (id) DO UPDATE SET
                acquired_at = CASE WHEN l.holder = excluded.holder THEN l.acquired_at ELSE excluded.acquired_at END,
                holder = excluded.holder, host = excluded.host, pid = excluded.pid, expires_at = excluded.expires_at
            WHERE l.holder = excluded.holder OR l.expires_at <= now() OR (l.host = \(OperatorIdentity.host) AND l.pid = \(gone))
            RETURNING holder
            """)
        return !granted.isEmpty
    }

    public func setWorkerProblem(_ problem: String?, holder: String) throws {
        try session.query("UPDATE worker_lease SET problem = \(problem) WHERE holder = \(holder)")
    }

    public func releaseWorkerLease(holder: String) throws {
        try session.query("DELETE FROM worker_lease WHERE holder = \(holder)")
    }

    public func workerLease() throws -> OrderStore.WorkerLease? {
        try session.query("SELECT holder, host, pid, expires_at, problem FROM worker_lease WHERE id = 1").first.map { row in
            let (holder, host, pid, expires, problem) = try row.decode((String, String, Int32, Date, String?).self)
            return OrderStore.WorkerLease(holder: holder, host: host, pid: pid, expiresAt: expires, problem: problem)
        }
    }
}
