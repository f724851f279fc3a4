import GRDB

/// Version 19: columns for the search line's (and the rules') 同梱:候補, 備考: and 商品: —
/// `destination_key` (the one destination as bundling compares it, ``Order/bundleCandidateKey``,
/// indexed), `has_remarks` and `item_text` (items' names and 商品管理番号 between tabs). Filled
/// from every order's content.
enum StoreSchemaV19 {
    static let columns = ["destination_key", "has_remarks", "item_text"]

    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE orders ADD COLUMN destination_key TEXT;
            ALTER TABLE orders ADD COLUMN has_remarks INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE orders ADD COLUMN item_text TEXT NOT NULL DEFAULT '';
            """)
        try StoreSchema.fill(columns, in: db)
        // After the fill: one index build rather than an update of it per order.
        try db.execute(sql: "CREATE INDEX orders_by_destination ON orders(destination_key) WHERE destination_key IS NOT NULL")
    }
}
