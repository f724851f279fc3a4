import GRDB

/// Version 11: the names' index folds kana (hiragana and half-width katakana are kept as
/// katakana, ``KanaFolding``) and keeps each run's last character as a token of its own, so that
/// one character typed alone is found (``SearchTerms``). Its documents are made again from each
/// order.
enum StoreSchemaV11 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE order_search")
        try db.execute(sql: StoreSchemaV7.searchTable)
        try StoreSchemaV7.fillNames(db)
    }
}
