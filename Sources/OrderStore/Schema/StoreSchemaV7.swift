import GRDB

/// Version 7: both full-text indexes split their documents with FTS5's `ascii` tokenizer instead
/// of `unicode61`. Their documents are already tokens (``IndexTextWriter``, ``OrderTails``),
/// separated by spaces and case-folded by the store's own code, for queries as for documents
/// (``SearchTerms``): `unicode61` only did that work again, a character at a time, and was the
/// dearest part of storing an order (an eighth of an import's writing). `ascii` splits on spaces
/// and keeps every other non-ASCII character in its token: the same tokens.
///
/// The names' index is contentless, so its documents are made again from each order.
enum StoreSchemaV7 {
    static let searchTable = """
        CREATE VIRTUAL TABLE order_search USING fts5(terms, content='', detail=full, tokenize='ascii')
        """

    /// No positions (`detail=none`) and no sizes (`columnsize=0`): a tail is one prefix query.
    static let tailsTable = """
        CREATE VIRTUAL TABLE order_tails USING fts5(tails, content='', detail=none, columnsize=0, tokenize='ascii')
        """

    static func migrate(_ db: Database) throws {
        try db.execute(sql: "DROP TABLE order_search")
        try db.execute(sql: "DROP TABLE order_tails")
        try db.execute(sql: searchTable)
        try db.execute(sql: tailsTable)
        try db.execute(sql: """
            INSERT INTO order_tails (rowid, tails) SELECT id, order_number_reversed || ' ' || phone_reversed FROM orders
            """)
        try fillNames(db)
    }

    /// Writes every order's document into the (empty) names' index.
    static func fillNames(_ db: Database) throws {
        let insert = try db.makeStatement(sql: "INSERT INTO order_search (rowid, terms) VALUES (?, ?)")
        try StoreSchema.forEachOrder(in: db) { rowID, order in try insert.execute(arguments: [rowID, OrderSearchIndex.text(for: order)]) }
    }
}
