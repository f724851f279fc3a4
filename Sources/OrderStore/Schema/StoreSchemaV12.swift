import GRDB

/// Version 12: `batch_desks`, which desk made each batch that can be undone (`user@host:pid`), so
/// that 直前の一括処理を取り消す offers a desk its own batches only — one OS user may run several
/// desks. Batches made before have no desk: no desk offers them.
enum StoreSchemaV12 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE batch_desks (
                batch_id TEXT PRIMARY KEY NOT NULL,
                desk TEXT NOT NULL
            )
            """)
    }
}
