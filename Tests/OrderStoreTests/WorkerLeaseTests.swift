import Foundation
import GRDB
import Synchronization
import Testing
import TestSupport
@testable import OrderStore

@Suite("The worker's lease: one worker per database file")
struct WorkerLeaseTests {
    let directory = TemporaryDirectory()

    @Test("one holder at a time; renewed by its holder; taken over once it runs out; given up at once")
    func holders() throws {
        let clock = Mutex(Date(timeIntervalSince1970: 1_795_000_000))
        let store = try OrderStore(path: directory.file("lease.sqlite"), now: { clock.withLock { $0 } })
        #expect(try store.acquireWorkerLease(holder: "a", seconds: 30))
        #expect(try !store.acquireWorkerLease(holder: "b", seconds: 30))
        clock.withLock { $0 += 20 }
        #expect(try store.acquireWorkerLease(holder: "a", seconds: 30), "the holder renews")
        clock.withLock { $0 += 20 }
        #expect(try !store.acquireWorkerLease(holder: "b", seconds: 30), "renewed: still a's")
        clock.withLock { $0 += 31 }
        #expect(try store.acquireWorkerLease(holder: "b", seconds: 30), "run out: b takes over")
        #expect(try store.workerLease()?.holder == "b")
        try store.releaseWorkerLease(holder: "b")
        #expect(try store.acquireWorkerLease(holder: "a", seconds: 30), "given up: taken at once")
        directory.remove()
    }

    @Test("a lease whose holder's process on this host is gone is taken over before it runs out")
    func deadHolder() throws {
        let path = directory.file("dead.sqlite")
        let store = try OrderStore(path: path)
        // A process id that is not running (the highest possible is far above any in use).
        try DatabaseQueue(path: path).write { db in
            try db.execute(sql: """
                INSERT INTO worker_lease (id, holder, host, pid, acquired_at, expires_at) VALUES (1, 'gone', ?, 4194303, 0, ?)
                """, arguments: [OperatorIdentity.host, Int64(Date().timeIntervalSince1970) + 3600])
        }
        #expect(try store.acquireWorkerLease(holder: "me", seconds: 30))
        directory.remove()
    }
}
