import Foundation
import GRDB
import OrderEngine

extension StoreSchema {
    /// Calls `body` with every order of the file and its row id, 2,000 at a time: for a migration
    /// that works each order's columns out again from its content.
    static func forEachOrder(in db: Database, _ body: (_ rowID: Int64, _ order: Order) throws -> Void) throws {
        var lastID: Int64 = 0
        // A migration before v13 runs on a table without parcels, one before v25 without the
        // details changed here: the orders have none yet.
        let existing = Set(try db.columns(in: "orders").map(\.name))
        var columns = OrderRecord.columns
        if !existing.contains("parcels") { columns = columns.replacingOccurrences(of: " parcels,", with: " '' AS parcels,") }
        if !existing.contains("details_override") { columns = columns.replacingOccurrences(of: " details_override,", with: " NULL AS details_override,") }
        while true {
            let rows = try Row.fetchAll(db, sql: """
                SELECT orders.id AS row_id, \(columns) FROM \(OrderRecord.source)
                WHERE orders.id > ? ORDER BY orders.id LIMIT 2000
                """, arguments: [lastID])
            guard let last = rows.last else { return }
            for row in rows { try body(row["row_id"], try OrderRecord.order(from: row)) }
            lastID = last["row_id"]
        }
    }

    /// Fills state `columns` a migration added, from every order's content as ``OrderColumns``
    /// works them out.
    static func fill(_ columns: [String], in db: Database) throws {
        let indices = columns.map { OrderColumns.stateNames.firstIndex(of: $0)! }
        let update = try db.makeStatement(sql: """
            UPDATE orders SET \(columns.map { "\($0) = ?" }.joined(separator: ", ")) WHERE id = ?
            """)
        try forEachOrder(in: db) { rowID, order in
            let state = OrderColumns(order: order).state
            try update.execute(arguments: StatementArguments(values: indices.map { state[$0] } + [rowID.databaseValue]))
        }
    }
}
