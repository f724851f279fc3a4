import GRDB

/// Version 25: the details of a Rakuten order the shop changed (注文者, 配送方法, お届け日時,
/// メモ, 備考, サブステータス), by group, laid over RMS's copy as `packages_override` lays the
/// packages: JSON of the group's values by field key, NULL when every group is RMS's.
/// `sub_statuses`: the shop's sub-statuses as RMS last listed them (getSubStatusList), to check
/// and name a sub-status without asking RMS on every keystroke.
enum StoreSchemaV25 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN details_override TEXT")
        try db.execute(sql: """
            CREATE TABLE sub_statuses (
                id INTEGER NOT NULL,
                progress INTEGER NOT NULL,
                name TEXT NOT NULL,
                position INTEGER NOT NULL,
                read_at INTEGER NOT NULL,
                PRIMARY KEY (progress, id)
            )
            """)
    }
}
