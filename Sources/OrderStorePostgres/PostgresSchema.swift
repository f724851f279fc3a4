import Foundation
import OrderStore
import PostgresNIO

/// The PostgreSQL store's own migrations, each in its own transaction and recorded by name. Run
/// under an advisory lock (https://www.postgresql.org/docs/current/explicit-locking.html#ADVISORY-LOCKS):
/// processes on any host opening a new or older database at once migrate it one at a time, and
/// the others find the work done — what `flock` beside the file does for SQLite on one host.
enum PostgresSchema {
    /// The advisory lock's key: "juchu" in ASCII.
    static let lockKey: Int64 = 0x6A_75_63_68_75

    static let migrations: [(id: String, sql: [String])] = [
        ("v1-worker-lease", [
            """
            CREATE TABLE worker_lease (
                id integer PRIMARY KEY CHECK (id = 1),
                holder text NOT NULL,
                host text NOT NULL,
                pid integer NOT NULL,
                acquired_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL,
                problem text
            )
            """,
        ]),
    ]

    /// Each migration in its own transaction, holding the advisory lock for that transaction
    /// only (`pg_advisory_xact_lock`): released by its commit, its rollback or a lost connection,
    /// and the migrations applied read again under it.
    static func migrate(_ session: PostgresSession) throws {
        for migration in migrations {
            do {
                try session.transaction { query in
                    _ = try query("SELECT pg_advisory_xact_lock(\(lockKey))")
                    _ = try query("CREATE TABLE IF NOT EXISTS juchu_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())")
                    guard try query("SELECT 1 FROM juchu_migrations WHERE id = \(migration.id)").isEmpty else { return }
                    for statement in migration.sql { _ = try query(PostgresQuery(unsafeSQL: statement)) }
                    _ = try query("INSERT INTO juchu_migrations (id) VALUES (\(migration.id))")
                }
            } catch {
                throw StoreError("データベース \(session.location.shown) の更新（\(migration.id)）に失敗しました。その前の状態のままです: \(error)")
            }
        }
    }
}
