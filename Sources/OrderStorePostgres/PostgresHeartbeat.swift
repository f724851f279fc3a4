import Foundation
import Logging
import OrderStore
import PostgresNIO
import Synchronization

/// A process's heartbeat in the database, for the hosts that share it: its name (`user@host:pid`,
/// as it claims writes) and the server's time, written when its store opens (on the store's
/// connection) and every ``interval`` after, on a connection of its own. Another host takes a
/// write this process claimed for abandoned once the beat is older than ``expiry``
/// (``PostgresStore/liveProcessesElsewhere(in:)``); its own host asks the OS whether the pid
/// lives. One beat per process and database, however many stores the process opens; it stops
/// when the last of them is gone.
final class PostgresHeartbeat: Sendable {
    static let interval: TimeInterval = 5
    /// Six missed beats: a process so long silent has lost its database, and with it any write it
    /// could still record.
    static let expiry: TimeInterval = 30
    /// How long after its last beat a process still sends what it claimed: the rest of
    /// ``expiry`` is for the request to leave before another host may settle it.
    static let claimsHeld: TimeInterval = 20

    private let state: State

    private init(state: State) {
        self.state = state
    }

    deinit {
        state.running.withLock { $0 = false }
    }

    /// The heartbeats running in this process, by database and process.
    private static let beating = Mutex<[String: Weak]>([:])
    private struct Weak: @unchecked Sendable { weak var heartbeat: PostgresHeartbeat? }

    /// This process's heartbeat on `location` as `process`: beaten once on `session` (the
    /// store's own connection) before it returns — the process is known alive before it claims
    /// anything — then every ``interval`` on a connection of its own, opened by its thread.
    static func start(location: PostgresLocation, process: String, firstBeatOn session: PostgresSession) throws -> PostgresHeartbeat {
        // One at a time: two stores opened at once share one heartbeat, not two threads and connections.
        try starting.withLock { try startAlone(location: location, process: process, firstBeatOn: session) }
    }
    private static let starting = NSLock()

    private static func startAlone(location: PostgresLocation, process: String, firstBeatOn session: PostgresSession) throws -> PostgresHeartbeat {
        let key = location.shown + " " + process
        if let running = beating.withLock({ $0[key]?.heartbeat }) { return running }
        try beat(session, process: process)
        let state = State()
        let heartbeat = PostgresHeartbeat(state: state)
        // The thread holds the state, not the heartbeat: the last store gone, the heartbeat goes and the thread ends.
        Thread.detachNewThread {
            let logger = Logger(label: "juchu.store.postgres")
            var own: PostgresSession?
            var failing = false
            // Connected and beating at once: the time a connection takes is not the next beat's.
            while state.running.withLock({ $0 }) {
                do {
                    let session = try own ?? connect(location, logger: logger)
                    own = session
                    try beat(session, process: process)
                    failing = false
                } catch {
                    // Said once per outage: other hosts will take this process's open writes for
                    // abandoned and settle them by reading RMS, as they do for a process that died;
                    // this process stops sending them (``PostgresStore/holdsItsClaims(in:)``).
                    if !failing { logger.error("PostgreSQL に生存を記録できません（\(location.shown)）: \(error)") }
                    failing = true
                }
                Thread.sleep(forTimeInterval: interval)
            }
        }
        beating.withLock { registry in
            // Those whose stores are all gone are forgotten.
            registry = registry.filter { $0.value.heartbeat != nil }
            registry[key] = Weak(heartbeat: heartbeat)
        }
        return heartbeat
    }

    private final class State: Sendable {
        let running = Mutex(true)
    }

    /// The heartbeat's own connection; beats older than a day, of processes long gone, tidied
    /// away (a failure to is only logged).
    private static func connect(_ location: PostgresLocation, logger: Logger) throws -> PostgresSession {
        let session = try PostgresSession(location: location)
        do {
            try session.query("DELETE FROM process_heartbeats WHERE beat_at < now() - interval '1 day'")
        } catch {
            logger.warning("PostgreSQL の古い生存の記録を消せません（\(location.shown)）: \(error)")
        }
        return session
    }

    private static func beat(_ session: PostgresSession, process: String) throws {
        try session.query("""
            INSERT INTO process_heartbeats (process, beat_at) VALUES (\(process), now())
            ON CONFLICT (process) DO UPDATE SET beat_at = now()
            """)
    }
}
