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
        let indices = columns.map { OrderColumns.stateNames.firstIndex(of: $0)! }
        let update = try db.makeStatement(sql: """
            UPDATE orders SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        try StoreSchema.forEachOrder(in: db) { rowID, order in
            let state = OrderColumns(order: order).state
            try update.execute(arguments: StatementArguments(values: indices.map { state[$0] } + [rowID.databaseValue]))
        }
        // After the fill: one index build rather than an update of it per order.
        try db.execute(sql: "CREATE INDEX orders_by_destination ON orders(destination_key) WHERE destination_key IS NOT NULL")
    }
}
