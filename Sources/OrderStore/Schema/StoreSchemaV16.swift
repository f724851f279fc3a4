import GRDB

/// Version 16: which kinds of document each order has had printed, on the order's row (tab
/// separated, as handling_marks), for the grid's 帳票 column without a join per page.
/// Kept up by ``OrderStore/recordPrintedSlips(_:copies:destination:addressee:purpose:)`` only.
enum StoreSchemaV16 {
    static func migrate(_ db: Database) throws {
        try db.execute(sql: """
            ALTER TABLE orders ADD COLUMN printed_slips TEXT NOT NULL DEFAULT '';
            UPDATE orders SET printed_slips = (
                SELECT group_concat(kind, char(9)) FROM (SELECT DISTINCT kind FROM printed_slips p WHERE p.order_number = orders.order_number)
            ) WHERE order_number IN (SELECT order_number FROM printed_slips);
            """)
    }
}
