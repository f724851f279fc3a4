import GRDB

/// Version 24: the outbox by order, kind and id — what the search line's 連携: and メール: ask of
/// each order (its latest write of a kind, its mails sent), one index lookup per row.
enum StoreSchemaV24 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "CREATE INDEX outbox_by_order ON outbox(order_number, kind, id)")
    }
}
