import GRDB

/// Version 9: `total_price` and `request_price`, an order's 合計金額 and 請求金額 as RMS gives
/// them (totalPrice, requestPrice), recomputed only while the shop has amounts RMS does not have
/// yet. `grand_total` becomes 総合計 as RMS's screen computes it (後払い手数料 included). Every
/// order's three figures are worked out again from its content: the earlier total was the desk's
/// own sum, which was nobody's figure. `read_problem`: the field of RMS's JSON that could not be
/// read, for an order kept all the same (要確認). `license_expiry`: the licenceKey's expiry as RMS
/// last said it (LicenseManagementAPI), by the key's last four characters, for every desk and
/// `juchu status`.
enum StoreSchemaV9 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            CREATE TABLE license_expiry (
                key_tail TEXT PRIMARY KEY NOT NULL,
                expires_at INTEGER NOT NULL,
                read_at INTEGER NOT NULL
            )
            """)
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN read_problem TEXT")
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN total_price INTEGER")
        try db.execute(sql: "ALTER TABLE orders ADD COLUMN request_price INTEGER")
        try StoreSchema.forEachOrder(in: db) { _, order in try OrderStore.writeTotals(of: order, in: db) }
    }
}
