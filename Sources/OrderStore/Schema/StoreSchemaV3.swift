import GRDB

/// Version 3: an order's content (RMS's raw JSON, or the document of an order without one) moves
/// to a table of its own. A grid row is then a few hundred bytes instead of several kilobytes, so
/// a change of state to 10,000 orders rewrites a few hundred pages, not thousands, and the pages
/// the grid reads hold a hundred orders each.
enum StoreSchemaV3 {
    static let contentTable = """
        CREATE TABLE order_content (
            order_id INTEGER PRIMARY KEY,
            document BLOB,
            raw_json BLOB,
            CHECK (document IS NOT NULL OR raw_json IS NOT NULL)
        )
        """

    static let ordersTable = """
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            order_number TEXT NOT NULL UNIQUE,
            order_number_reversed TEXT NOT NULL,
            origin TEXT NOT NULL,
            ordered_at INTEGER NOT NULL,
            orderer_name TEXT NOT NULL,
            orderer_kana TEXT NOT NULL,
            phone_reversed TEXT NOT NULL,
            payment_method TEXT NOT NULL,
            local_status TEXT NOT NULL,
            rms_progress INTEGER NOT NULL,
            confirmed_at INTEGER,
            sync_state TEXT NOT NULL,
            sync_error TEXT,
            sync_detail TEXT,
            grand_total INTEGER,
            shipping_fee INTEGER,
            cod_fee INTEGER,
            payment_charge INTEGER,
            bundle_id TEXT,
            carrier TEXT,
            flags TEXT NOT NULL DEFAULT '',
            payment_date TEXT,
            planned_shipment_date TEXT,
            shipment_date TEXT,
            delivery_date TEXT,
            packages_override BLOB,
            goods_override INTEGER,
            imported_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1
        )
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: contentTable)
        try db.execute(sql: "INSERT INTO order_content (order_id, document, raw_json) SELECT id, document, raw_json FROM orders")
        // SQLite cannot drop a column named in a CHECK: the table is rebuilt, ids (the search
        // index's rowids) kept.
        let kept = try db.columns(in: "orders").map(\.name).filter { $0 != "document" && $0 != "raw_json" }.joined(separator: ", ")
        try db.execute(sql: "ALTER TABLE orders RENAME TO orders_v2")
        try db.execute(sql: ordersTable)
        try db.execute(sql: "INSERT INTO orders (\(kept)) SELECT \(kept) FROM orders_v2")
        try db.execute(sql: "DROP TABLE orders_v2")
        try db.execute(sql: StoreSchemaV2.ordersIndexes)
        try db.execute(sql: "UPDATE change_counter SET value = value + 1 WHERE id = 1")
    }
}
