import GRDB

/// Version 6: the tails of order and phone numbers are found through a full-text index of their
/// reversed digits (a prefix query) instead of two B-tree indexes on the reversed columns. A
/// B-tree on a key that is random in import order makes every new order dirty a page of its own:
/// at a million orders each of the two indexes rewrote a thousand 16 KiB pages per 2,000 orders
/// imported, more than the orders themselves. The full-text index writes new terms in sorted
/// segments and merges them later, as the names' index already does.
enum StoreSchemaV6 {
    /// One document per order (rowid = orders.id): its reversed order number and phone number.
    /// No positions (`detail=none`) and no sizes (`columnsize=0`): a tail is one prefix query.
    static let tailsTable = """
        CREATE VIRTUAL TABLE order_tails USING fts5(
            tails, content='', detail=none, columnsize=0, tokenize="unicode61 remove_diacritics 0"
        )
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: tailsTable)
        try db.execute(sql: """
            INSERT INTO order_tails (rowid, tails) SELECT id, order_number_reversed || ' ' || phone_reversed FROM orders
            """)
        try db.execute(sql: "DROP INDEX orders_by_number_tail")
        try db.execute(sql: "DROP INDEX orders_by_phone_tail")
    }
}
