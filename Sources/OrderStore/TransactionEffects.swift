import GRDB
import OrderEngine
import Synchronization

/// What a write transaction did to the orders, applied once when it commits: the counts per
/// status (the tabs) and the change counter every desk on the file watches.
final class TransactionEffects: @unchecked Sendable {
    private var counts: [String: Int] = [:]
    private var changed = false

    /// Effects of the transaction running on each writer connection.
    private static let current = Mutex<[ObjectIdentifier: TransactionEffects]>([:])

    static func begin(_ db: Database) {
        current.withLock { $0[ObjectIdentifier(db)] = TransactionEffects() }
    }

    static func of(_ db: Database) -> TransactionEffects? {
        current.withLock { $0[ObjectIdentifier(db)] }
    }

    /// Writes what was gathered, inside the transaction, and forgets it.
    static func finish(_ db: Database) throws {
        guard let effects = current.withLock({ $0.removeValue(forKey: ObjectIdentifier(db)) }) else { return }
        try effects.write(db)
    }

    static func discard(_ db: Database) {
        _ = current.withLock { $0.removeValue(forKey: ObjectIdentifier(db)) }
    }

    static func inserted(_ status: LocalStatus, count: Int, in db: Database) {
        guard let effects = of(db) else { return }
        effects.counts[status.id, default: 0] += count
        effects.changed = true
    }

    static func updated(from before: LocalStatus, to after: LocalStatus, in db: Database) {
        guard let effects = of(db) else { return }
        effects.changed = true
        if before != after {
            effects.counts[before.id, default: 0] -= 1
            effects.counts[after.id, default: 0] += 1
        }
    }

    private func write(_ db: Database) throws {
        for (status, delta) in counts where delta != 0 {
            try db.execute(sql: """
                INSERT INTO status_counts (local_status, n) VALUES (?, ?)
                ON CONFLICT(local_status) DO UPDATE SET n = n + excluded.n
                """, arguments: [status, delta])
        }
        if changed { try db.execute(sql: "UPDATE change_counter SET value = value + 1 WHERE id = 1") }
    }
}
