import GRDB

/// Version 5: what the shop and RMS have not yet agreed on. `pending_edit`: an edit of a Rakuten
/// order saved here and not yet pushed to RMS (注文内容修正 → 入力内容を反映する), as
/// ``OrderEngine/PendingEdit``'s text. `rms_diff`: what RMS changed that the shop has not accepted
/// (差分あり, ``OrderEngine/RMSDifference`` as JSON), with RMS's copy of the order waiting beside the
/// one in use (`pending_raw_json`). NULL when there is none; adding such columns rewrites nothing.
/// `worker_lease.problem`: why the worker stopped working (an expired licenceKey).
enum StoreSchemaV5 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN pending_edit TEXT")
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN rms_diff TEXT")
        try db.execute(sql: "ALTER TABLE order_content ADD COLUMN pending_raw_json BLOB")
        // Why the worker holding the lease has stopped working (an expired licenceKey), for
        // `juchu status` and every desk's status bar.
        try db.execute(sql: "ALTER TABLE worker_lease ADD COLUMN problem TEXT")
    }
}
