import GRDB

/// Version 13: each order's parcels (carrier, tracking number, ship date, report state; a line
/// each, ``Parcel/line``); at most one shipping report in flight per order (a second claim while
/// one is pending, sending or unclear is refused by the index); and the shipment keys written in
/// the carriers' management-number fields, each naming one order's basket.
enum StoreSchemaV13 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE orders ADD COLUMN parcels TEXT NOT NULL DEFAULT '';
            CREATE UNIQUE INDEX outbox_one_shipping_report ON outbox(order_number)
                WHERE kind = 'ship-report' AND state IN ('pending', 'sending', 'unknown');
            CREATE UNIQUE INDEX outbox_one_shipping_correction ON outbox(order_number)
                WHERE kind = 'ship-correct' AND state IN ('pending', 'sending', 'unknown');
            CREATE TABLE shipment_keys (
                key TEXT PRIMARY KEY NOT NULL,
                order_number TEXT NOT NULL,
                basket_id INTEGER NOT NULL,
                created_at INTEGER NOT NULL,
                UNIQUE (order_number, basket_id)
            );
            """)
    }
}
