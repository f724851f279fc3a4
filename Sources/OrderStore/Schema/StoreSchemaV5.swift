import GRDB

/// Version 5: an edit of a Rakuten order saved here and not yet pushed to RMS (注文内容修正 →
/// 入力内容を反映する), as ``OrderEngine/PendingEdit``'s text; NULL when there is none. Adding a
/// column with no default rewrites nothing: instant on a million orders.
enum StoreSchemaV5 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN pending_edit TEXT")
    }
}
