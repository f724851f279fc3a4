import GRDB

/// Version 10: what RMS says of the delivery, in columns of its own for the grid and the search
/// line — `delivery_name` (配送方法), `delivery_wish` and `delivery_slot` (お届け日 and 時間帯 the
/// buyer asked for), `sub_status` (サブステータス) and `handling_marks` (特記事項: ギフト, のし,
/// コンビニ受取…, between tabs). Filled from every order's content.
enum StoreSchemaV10 {
    static let columns = ["delivery_name", "delivery_wish", "delivery_slot", "sub_status", "handling_marks"]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE orders ADD COLUMN delivery_name TEXT;
            ALTER TABLE orders ADD COLUMN delivery_wish TEXT;
            ALTER TABLE orders ADD COLUMN delivery_slot INTEGER;
            ALTER TABLE orders ADD COLUMN sub_status TEXT;
            ALTER TABLE orders ADD COLUMN handling_marks TEXT NOT NULL DEFAULT '';
            CREATE INDEX orders_by_delivery_wish ON orders(delivery_wish) WHERE delivery_wish IS NOT NULL;
            """)
        try StoreSchema.fill(columns, in: db)
    }
}
