import GRDB

/// Version 21: a rule's 同梱 that waits (`rule_acts.waits_to_bundle`). A rule bundles an order with
/// the buyer's other open orders to the same destination once every one of them is 楽天処理済
/// (bundling before RMS has taken an order would bundle what may yet be cancelled); until then its
/// act says so, and the worker looks again each round.
enum StoreSchemaV21 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE rule_acts ADD COLUMN waits_to_bundle INTEGER NOT NULL DEFAULT 0;
            CREATE INDEX rule_acts_waiting_to_bundle ON rule_acts(rule) WHERE waits_to_bundle = 1;
            """)
    }
}
