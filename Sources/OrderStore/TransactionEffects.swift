import GRDB
import OrderEngine
import Synchronization

/// What a write transaction did to the orders, written once when it commits: the counts per
/// status (the tabs) and the signal every desk watches (SQLite's change counter, PostgreSQL's
/// notification).
package final class TransactionEffects: @unchecked Sendable {
    /// How many orders each status (its id) gained or lost.
    private var countChanges: [String: Int] = [:]
    /// Whether any order was stored or changed: the signal is to be given.
    package private(set) var changed = false

    package init() {}

    package func inserted(_ status: LocalStatus, count: Int) {
        countChanges[status.id, default: 0] += count
        changed = true
    }

    package func updated(from before: LocalStatus, to after: LocalStatus) {
        changed = true
        if before != after {
            countChanges[before.id, default: 0] -= 1
            countChanges[after.id, default: 0] += 1
        }
    }

    /// Adds each status's change to its count, in `db`'s transaction (either backend).
    package func writeCounts(in db: any StoreStatements) throws {
        for (status, delta) in countChanges.sorted(by: { $0.key < $1.key }) where delta != 0 {
            try db.run("""
                INSERT INTO status_counts (local_status, n) VALUES (?, ?)
                ON CONFLICT (local_status) DO UPDATE SET n = status_counts.n + excluded.n
                """, [.text(status), .integer(Int64(delta))])
        }
    }
}

/// On SQLite, the effects of the transaction running on each writer connection.
extension TransactionEffects {
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
        try effects.writeCounts(in: db)
        if effects.changed { try db.execute(sql: "UPDATE change_counter SET value = value + 1 WHERE id = 1") }
    }

    static func discard(_ db: Database) {
        _ = current.withLock { $0.removeValue(forKey: ObjectIdentifier(db)) }
    }

    static func inserted(_ status: LocalStatus, count: Int, in db: Database) {
        of(db)?.inserted(status, count: count)
    }

    static func updated(from before: LocalStatus, to after: LocalStatus, in db: Database) {
        of(db)?.updated(from: before, to: after)
    }
}
