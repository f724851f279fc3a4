import GRDB

/// Version 22: `outbox.request_id` — the requestId RMS gave an async write (updateOrderShippingAsync)
/// when it accepted it. A sender that dies while it waits for the result leaves it there, and the
/// next one asks RMS for that request's result instead of guessing from the order, which RMS may
/// not yet have changed (its queue applies the write later).
enum StoreSchemaV22 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "ALTER TABLE outbox ADD COLUMN request_id TEXT")
    }
}
