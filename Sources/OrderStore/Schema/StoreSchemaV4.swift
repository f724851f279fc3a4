import GRDB

/// Version 4: the worker's lease. Exactly one sync worker is active per database file; the
/// holder renews its lease, and another process takes it over when the holder stops renewing
/// (or, on the same host, as soon as the holder's process is gone).
enum StoreSchemaV4 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE worker_lease (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                holder TEXT NOT NULL,
                host TEXT NOT NULL,
                pid INTEGER NOT NULL,
                acquired_at INTEGER NOT NULL,
                expires_at INTEGER NOT NULL
            )
            """)
    }
}
