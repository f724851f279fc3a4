import GRDB

/// The versioned schema. Each migration runs in one transaction: if it fails, the file is left
/// as it was and the error names the migration.
enum StoreSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-orders-journal-outbox") { db in
            // Mapped columns for the grid and its indexes; the mapped order as JSON for everything
            // else; the raw API JSON beside it so that the mapping can be redone.
            try db.execute(sql: """
                CREATE TABLE orders (
                    id INTEGER PRIMARY KEY,
                    order_number TEXT NOT NULL UNIQUE,
                    origin TEXT NOT NULL,
                    ordered_at INTEGER NOT NULL,
                    local_status TEXT NOT NULL,
                    rms_progress INTEGER NOT NULL,
                    sync_state TEXT NOT NULL,
                    sync_error TEXT,
                    sync_detail TEXT,
                    orderer_name TEXT NOT NULL,
                    orderer_kana TEXT NOT NULL,
                    orderer_phone TEXT NOT NULL,
                    grand_total INTEGER,
                    shipping_fee INTEGER,
                    payment_method TEXT NOT NULL,
                    bundle_id TEXT,
                    item_names TEXT NOT NULL,
                    document BLOB NOT NULL,
                    raw_json BLOB,
                    imported_at INTEGER NOT NULL,
                    updated_at INTEGER NOT NULL,
                    revision INTEGER NOT NULL DEFAULT 1
                );
                CREATE INDEX orders_by_status_date ON orders(local_status, ordered_at, order_number);
                CREATE INDEX orders_by_date ON orders(ordered_at, order_number);
                CREATE INDEX orders_by_sync ON orders(sync_state);

                CREATE TABLE journal (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    batch_id TEXT NOT NULL,
                    at INTEGER NOT NULL,
                    operator TEXT NOT NULL,
                    action TEXT NOT NULL,
                    order_number TEXT NOT NULL,
                    field TEXT NOT NULL,
                    before_value TEXT NOT NULL,
                    after_value TEXT NOT NULL,
                    undoable INTEGER NOT NULL,
                    undone_by_batch TEXT
                );
                CREATE INDEX journal_by_order ON journal(order_number, id);
                CREATE INDEX journal_by_batch ON journal(batch_id);

                CREATE TABLE outbox (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    order_number TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'done', 'failed', 'unknown')),
                    operator TEXT NOT NULL,
                    claimed_by TEXT NOT NULL,
                    created_at INTEGER NOT NULL,
                    sent_at INTEGER,
                    finished_at INTEGER,
                    result TEXT
                );
                -- A confirmation can be claimed once: while one is open, done or unresolved,
                -- no second intent for the same order can be written, by any process.
                CREATE UNIQUE INDEX outbox_one_confirmation ON outbox(order_number)
                    WHERE kind = 'confirm' AND state IN ('pending', 'sending', 'done', 'unknown');
                CREATE INDEX outbox_open ON outbox(state, id);

                -- Bumped by every change to orders, so that every desk on the file can tell cheaply
                -- that it should redraw.
                CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), value INTEGER NOT NULL);
                INSERT INTO change_counter (id, value) VALUES (1, 0);
                CREATE TRIGGER orders_changed_insert AFTER INSERT ON orders
                    BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
                CREATE TRIGGER orders_changed_update AFTER UPDATE ON orders
                    BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
                CREATE TRIGGER orders_changed_delete AFTER DELETE ON orders
                    BEGIN UPDATE change_counter SET value = value + 1 WHERE id = 1; END;
                """)
        }
        migrator.registerMigration("v2-content-from-raw-json-search-counts", migrate: StoreSchemaV2.migrate)
        migrator.registerMigration("v3-content-in-its-own-table", migrate: StoreSchemaV3.migrate)
        migrator.registerMigration("v4-worker-lease", migrate: StoreSchemaV4.migrate)
        migrator.registerMigration("v5-pending-edit-rms-diff", migrate: StoreSchemaV5.migrate)
        migrator.registerMigration("v6-number-tails-in-full-text-index", migrate: StoreSchemaV6.migrate)
        migrator.registerMigration("v7-full-text-documents-split-on-spaces", migrate: StoreSchemaV7.migrate)
        migrator.registerMigration("v8-sync-failures", migrate: StoreSchemaV8.migrate)
        migrator.registerMigration("v9-rms-totals", migrate: StoreSchemaV9.migrate)
        migrator.registerMigration("v10-delivery-columns", migrate: StoreSchemaV10.migrate)
        migrator.registerMigration("v11-names-index-folds-kana", migrate: StoreSchemaV11.migrate)
        migrator.registerMigration("v12-batch-desks", migrate: StoreSchemaV12.migrate)
        migrator.registerMigration("v13-parcels", migrate: StoreSchemaV13.migrate)
        migrator.registerMigration("v14-mail", migrate: StoreSchemaV14.migrate)
        migrator.registerMigration("v15-printed-slips", migrate: StoreSchemaV15.migrate)
        migrator.registerMigration("v16-printed-slips-on-orders", migrate: StoreSchemaV16.migrate)
        migrator.registerMigration("v17-shipment-keys-per-parcel", migrate: StoreSchemaV17.migrate)
        migrator.registerMigration("v18-rule-acts", migrate: StoreSchemaV18.migrate)
        migrator.registerMigration("v19-destination-remarks-items", migrate: StoreSchemaV19.migrate)
        migrator.registerMigration("v20-buyer-key", migrate: StoreSchemaV20.migrate)
        migrator.registerMigration("v21-rule-bundles-waiting", migrate: StoreSchemaV21.migrate)
        migrator.registerMigration("v22-outbox-request-id", migrate: StoreSchemaV22.migrate)
        migrator.registerMigration("v23-status-ids", migrate: StoreSchemaV23.migrate)
        migrator.registerMigration("v24-outbox-by-order", migrate: StoreSchemaV24.migrate)
        migrator.registerMigration("v25-details-override", migrate: StoreSchemaV25.migrate)
        // Nothing to change: documents written from here hold an amount as one value (Money+Codable),
        // which a version before cannot read; its restore refuses a backup that has this step.
        migrator.registerMigration("v26-amounts-one-value") { _ in }
        return migrator
    }
}
