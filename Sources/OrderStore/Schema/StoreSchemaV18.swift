import GRDB

/// Version 18: the shop's rules (rules.toml). `rule_acts` keeps what each rule did to each order —
/// at most one row per rule and order, written before the rule's first write, so that no rule acts
/// twice on an order — and `rule_progress` how far the worker has checked newly imported orders
/// (by `orders.id`, which only grows). Orders already here when this version arrives are not new.
enum StoreSchemaV18 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE rule_acts (
                order_number TEXT NOT NULL,
                rule TEXT NOT NULL,
                matched TEXT NOT NULL,
                hold TEXT,
                stopped INTEGER NOT NULL,
                batch_id TEXT NOT NULL,
                at INTEGER NOT NULL,
                PRIMARY KEY (order_number, rule)
            ) WITHOUT ROWID;
            CREATE TABLE rule_progress (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                checked_through INTEGER NOT NULL
            );
            INSERT INTO rule_progress (id, checked_through) SELECT 1, COALESCE(MAX(id), 0) FROM orders;
            """)
    }
}
