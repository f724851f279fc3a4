import GRDB

/// Version 17: a shipment key names every basket of the parcel it was written for — one basket,
/// or one per member of a bundle (同梱), which ships as one parcel under one key. A basket may have
/// had several keys (labelled alone, then bundled and labelled again): each key still names what
/// its label was for.
enum StoreSchemaV17 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE shipment_key_targets (
                key TEXT NOT NULL,
                order_number TEXT NOT NULL,
                basket_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                PRIMARY KEY (key, order_number, basket_id)
            ) WITHOUT ROWID;
            INSERT INTO shipment_key_targets (key, order_number, basket_id, created_at)
                SELECT key, order_number, basket_id, created_at FROM shipment_keys;
            DROP TABLE shipment_keys;
            ALTER TABLE shipment_key_targets RENAME TO shipment_keys;
            CREATE INDEX shipment_keys_by_order ON shipment_keys(order_number, basket_id);
            """)
    }
}
