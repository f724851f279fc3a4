import Foundation
import GRDB
import OrderEngine
import RakutenPay

/// Version 2: a Rakuten order's content is its raw JSON, mapped on every read (no copy to keep in
/// step); the shop's state lives in columns (fees, carrier, flags, dates); a full-text index for
/// names and items; counts per status kept as orders change, so tabs never count a million rows.
enum StoreSchemaV2 {
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
            document BLOB,
            raw_json BLOB,
            imported_at INTEGER NOT NULL,
            updated_at INTEGER NOT NULL,
            revision INTEGER NOT NULL DEFAULT 1,
            CHECK (document IS NOT NULL OR raw_json IS NOT NULL)
        )
        """

    static let ordersIndexes = """
        CREATE INDEX orders_by_status_date ON orders(local_status, ordered_at, order_number);
        CREATE INDEX orders_by_date ON orders(ordered_at, order_number);
        CREATE INDEX orders_by_sync ON orders(sync_state);
        CREATE INDEX orders_by_number_tail ON orders(order_number_reversed);
        CREATE INDEX orders_by_phone_tail ON orders(phone_reversed);
        CREATE INDEX orders_by_bundle ON orders(bundle_id) WHERE bundle_id IS NOT NULL;
        """

    static let ordersIndexesAndTriggers = ordersIndexes + """

        -- Kept by the store's code, once per transaction (see TransactionEffects): triggers firing
        -- for every row cost more than the rows themselves on a million-order import.
        CREATE TABLE status_counts (local_status TEXT PRIMARY KEY, n INTEGER NOT NULL) WITHOUT ROWID;

        CREATE VIRTUAL TABLE order_search USING fts5(
            terms, content='', detail=full, tokenize="unicode61 remove_diacritics 0"
        );

        CREATE UNIQUE INDEX outbox_one_cancellation ON outbox(order_number)
            WHERE kind = 'cancel' AND state IN ('pending', 'sending', 'done', 'unknown');
        """

    /// What version 1 kept in its documents that version 2 keeps in columns.
    private struct V1Document: Decodable {
        let fees: Fees
        let confirmedAt: Date?
        let orderer: Contact
    }

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE orders RENAME TO orders_v1")
        for trigger in ["orders_changed_insert", "orders_changed_update", "orders_changed_delete"] {
            try db.execute(sql: "DROP TRIGGER IF EXISTS \(trigger)")
        }
        for index in ["orders_by_status_date", "orders_by_date", "orders_by_sync"] {
            try db.execute(sql: "DROP INDEX IF EXISTS \(index)")
        }
        try db.execute(sql: ordersTable)
        try db.execute(sql: ordersIndexesAndTriggers)
        let rows = try Row.fetchCursor(db, sql: "SELECT * FROM orders_v1 ORDER BY id")
        // The state columns this version's table has (later versions add more).
        let tableColumns = Set(try db.columns(in: "orders").map(\.name))
        let stateIndices = OrderColumns.stateNames.indices.filter { tableColumns.contains(OrderColumns.stateNames[$0]) }
        let stateNames = stateIndices.map { OrderColumns.stateNames[$0] }
        let insert = try db.makeStatement(sql: """
            INSERT INTO orders (id, \(OrderColumns.identityNames.joined(separator: ", ")), \(stateNames.joined(separator: ", ")),
                document, raw_json, imported_at, updated_at, revision)
            VALUES (?, \(Array(repeating: "?", count: OrderColumns.identityNames.count + stateNames.count).joined(separator: ", ")), ?, ?, ?, ?, ?)
            """)
        let search = try db.makeStatement(sql: "INSERT INTO order_search (rowid, terms) VALUES (?, ?)")
        while let row = try rows.next() {
            let v1 = try OrderDocument.decode(V1Document.self, row["document"])
            let raw = row["raw_json"] as Data?
            // The order as version 1 showed it: its content from the raw JSON where there is one.
            var order: Order
            if let raw {
                order = Order(rakuten: try JSONIndexDecoder().decode(OrderModel.self, from: raw), localStatus: LocalStatus(row["local_status"]))
            } else {
                order = try OrderDocument.decode(Order.self, row["document"])
            }
            order.localStatus = LocalStatus(id: row["local_status"])
            order.rmsProgress = RMSProgress(code: row["rms_progress"])
            order.sync = SyncState(key: row["sync_state"], error: row["sync_error"], detail: row["sync_detail"])
            order.bundleID = (row["bundle_id"] as String?).map(BundleID.init)
            order.fees = v1.fees
            order.confirmedAt = v1.confirmedAt
            order.orderer.phoneNumber = v1.orderer.phoneNumber
            let columns = OrderColumns(order: order)
            let id: Int64 = row["id"]
            try insert.execute(arguments: StatementArguments(values:
                [id.databaseValue] + columns.identity(tails: OrderTails(order)) + stateIndices.map { columns.state[$0] }
                    + [raw == nil ? (row["document"] as Data).databaseValue : .null, raw.databaseValue,
                       (row["imported_at"] as Int64).databaseValue, (row["updated_at"] as Int64).databaseValue,
                       (row["revision"] as Int64).databaseValue]))
            try search.execute(arguments: [id, OrderSearchIndex.text(for: order)])
        }
        try db.execute(sql: "DROP TABLE orders_v1")
        try db.execute(sql: "INSERT INTO status_counts (local_status, n) SELECT local_status, COUNT(*) FROM orders GROUP BY local_status")
        try db.execute(sql: "UPDATE change_counter SET value = value + 1 WHERE id = 1")
    }
}
