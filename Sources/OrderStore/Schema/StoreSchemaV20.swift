import GRDB

/// Version 20: `buyer_key` (the orderer as buyer history compares them, ``Order/buyerKey``),
/// indexed with the order time, for the search line's (and the rules') リピート:. Filled from
/// every order's content.
enum StoreSchemaV20 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN buyer_key TEXT")
        try StoreSchema.fill(["buyer_key"], in: db)
        // After the fill: one index build rather than an update of it per order.
        try db.execute(sql: "CREATE INDEX orders_by_buyer ON orders(buyer_key, ordered_at) WHERE buyer_key IS NOT NULL")
    }
}
