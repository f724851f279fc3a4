import GRDB

/// Version 8: `sync_failures`, the last failure of each background activity (受注取得, RMSステータス
/// を取得, 送信結果の確認...) that has not succeeded since, so that `juchu status` and every desk say
/// that orders may be waiting, whichever process failed. A row goes when its activity next succeeds.
enum StoreSchemaV8 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE sync_failures (
                activity TEXT PRIMARY KEY NOT NULL,
                at INTEGER NOT NULL,
                process TEXT NOT NULL,
                detail TEXT NOT NULL,
                count INTEGER NOT NULL DEFAULT 1
            )
            """)
    }
}
