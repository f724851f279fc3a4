import GRDB

/// Version 15: every printed document (納品書, 受注伝票, ピッキングリスト, 領収書) per order — which
/// copy it was, who made it and where it went; what tells a first print from a 再発行.
enum StoreSchemaV15 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE printed_slips (
                id INTEGER PRIMARY KEY AUTOINCREMENT,
                batch_id TEXT NOT NULL,
                kind TEXT NOT NULL,
                order_number TEXT NOT NULL,
                copy INTEGER NOT NULL,
                printed_at INTEGER NOT NULL,
                operator TEXT NOT NULL,
                destination TEXT NOT NULL,
                addressee TEXT,
                purpose TEXT
            );
            CREATE INDEX printed_slips_by_order ON printed_slips(order_number, kind);
            """)
    }
}
