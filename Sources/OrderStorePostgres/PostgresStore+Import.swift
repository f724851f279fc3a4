import Foundation
import NIOCore
import OrderEngine
import OrderStore
import PostgresNIO

extension PostgresStore: StoreImporting {
    /// Rows per INSERT: an order binds some fifty values, and a statement takes at most 65,535.
    static let importRows = 500

    /// Stores what SQLite's import stores (``OrderStore/Incoming``'s columns, content and arrival),
    /// plus the order's search document and terms, in one transaction. The numbers already here
    /// are asked first, so that an order met again takes no number from the sequence: both
    /// backends number the same orders alike. Another process importing the same order meanwhile
    /// is met by ON CONFLICT, and its order counted as already here.
    ///
    /// Each part of ``importRows`` orders is one statement (rows, content and arrivals), sent
    /// before the one before it is waited for: the next part is made while the server stores this one.
    public func importOrders(_ incoming: [OrderStore.Incoming], action: JournalKind) throws -> OrderStore.ImportSummary {
        let date = now()
        let batchID = UUID().uuidString.lowercased()
        return try write("受注の取り込み") { statements in
            // The writers' lock, held since the transaction began: two importers meeting the same
            // orders in another order would otherwise wait on each other (a deadlock), and the
            // numbers found here are all there are until this one commits.
            let query = statements.query
            let numbers = incoming.map(\.order.number.rawValue)
            var seen = Set(try query("SELECT order_number FROM orders WHERE order_number = ANY(\(numbers))").map { try $0.decode(String.self) })
            let fresh = incoming.filter { seen.insert($0.order.number.rawValue).inserted }
            let statuses = Dictionary(fresh.map { ($0.order.number.rawValue, $0.order.localStatus) }, uniquingKeysWith: { first, _ in first })
            var inserted = 0
            var inFlight: PostgresSession.Pending?
            func settle(_ pending: PostgresSession.Pending) throws {
                for row in try pending.rows() {
                    statements.effects.inserted(statuses[try row.decode(String.self)]!, count: 1)
                    inserted += 1
                }
            }
            for start in stride(from: 0, to: fresh.count, by: Self.importRows) {
                let part = fresh[start..<min(fresh.count, start + Self.importRows)]
                let sent = query.send(try Self.insert(part, batchID: batchID, action: action, operatorName: operatorName, at: date))
                if let inFlight { try settle(inFlight) }
                inFlight = sent
            }
            if let inFlight { try settle(inFlight) }
            return OrderStore.ImportSummary(inserted: inserted, alreadyPresent: incoming.count - inserted)
        }
    }

    /// The server takes a bulk import as any other: each call its own transaction.
    public func withBulkImport<T>(_ body: () throws -> T) throws -> T { try body() }

    public func rawJSON(of number: OrderNumber) throws -> [UInt8]? {
        let rows = try session.query("SELECT raw_json FROM \(unescaped: OrderRecord.source) WHERE order_number = \(number.rawValue)")
        return try rows.first?.decode(ByteBuffer?.self).map { Array($0.readableBytesView) }
    }

    /// One statement that stores `orders`: their rows (ON CONFLICT: one another process stored
    /// meanwhile is left out of what follows), the content of those stored, and each one's
    /// arrival in the journal as SQLite's import writes it (in the order given; not undoable: an
    /// arrival is not taken back by replaying the journal). Returns the numbers stored.
    static func insert(
        _ orders: ArraySlice<OrderStore.Incoming>, batchID: String, action: JournalKind, operatorName: String, at date: Date
    ) throws -> PostgresQuery {
        let seconds = Int64(date.timeIntervalSince1970)
        var bindings = PostgresBindings(capacity: orders.count * (importColumns.count + 8) + 4)
        bindings.append(batchID)
        bindings.append(Int64(date.timeIntervalSince1970 * 1000))
        bindings.append(operatorName)
        bindings.append(action.rawValue)
        for item in orders {
            bindings.append(searchOf: item.searchDocument)
            for value in item.columnValues { bindings.append(stored: value) }
            bindings.append(seconds)
            bindings.append(seconds)
        }
        for item in orders {
            let content = try item.content()
            bindings.append(item.order.number.rawValue)
            for bytes in [content.document, content.rawJSON] {
                if let bytes { bindings.append(ByteBuffer(bytes: bytes)) } else { bindings.appendNull() }
            }
        }
        for (position, item) in orders.enumerated() {
            let arrival = item.arrival
            bindings.append(Int64(position))
            bindings.append(item.order.number.rawValue)
            bindings.append(arrival.field.rawValue)
            bindings.append(arrival.before.journalText)
            bindings.append(arrival.after.journalText)
        }
        // A whole part's statement is the same each time: made once.
        let sql = orders.count == importRows ? wholePartSQL : insertSQL(rows: orders.count)
        return PostgresQuery(unsafeSQL: sql, binds: bindings)
    }

    static let importColumns = PostgresSchema.derivedColumns["orders"]! + OrderStore.Incoming.columnNames + ["imported_at", "updated_at"]
    static let wholePartSQL = insertSQL(rows: importRows)

    /// The statement of ``insert(_:batchID:action:operatorName:at:)`` for `count` orders: its
    /// batch's values first ($1 to $4), then the orders' rows, their content and their arrivals.
    static func insertSQL(rows count: Int) -> String {
        let columns = importColumns
        let terms = columns.firstIndex(of: "search_terms")
        let rows = placeholders(rows: count, columns: columns.count, after: 4) { column, mark in
            column == terms ? searchTermsSQL(mark) : mark
        }
        // Typed: a column of a VALUES list all NULL (no order here without RMS's JSON) would be text.
        let contents = placeholders(rows: count, columns: 3, after: 4 + count * columns.count) { column, mark in
            column == 0 ? mark : mark + "::bytea"
        }
        let arrivals = placeholders(rows: count, columns: 5, after: 4 + count * (columns.count + 3))
        return """
            WITH stored AS (
                INSERT INTO orders (\(columns.joined(separator: ", "))) VALUES \(rows)
                ON CONFLICT (order_number) DO NOTHING RETURNING id, order_number
            ), content AS (
                INSERT INTO order_content (order_id, document, raw_json)
                SELECT stored.id, given.document, given.raw_json
                FROM stored JOIN (VALUES \(contents)) AS given (order_number, document, raw_json) USING (order_number)
            ), arrivals AS (
                INSERT INTO journal (batch_id, at, operator, action, order_number, field, before_value, after_value, undoable)
                SELECT $1, $2, $3, $4, given.order_number, given.field, given.before_value, given.after_value, 0
                FROM stored JOIN (VALUES \(arrivals)) AS given (position, order_number, field, before_value, after_value) USING (order_number)
                ORDER BY given.position
            )
            SELECT order_number FROM stored
            """
    }

    /// `($n, $n+1, …), (…)`: `rows` tuples of `columns` placeholders, numbered on after `after`,
    /// each written in the statement as `form` gives it (a cast, a function of it).
    static func placeholders(rows: Int, columns: Int, after: Int = 0, form: ((_ column: Int, _ mark: String) -> String)? = nil) -> String {
        var text = ""
        text.reserveCapacity(rows * columns * 6)
        for row in 0..<rows {
            text += row == 0 ? "(" : ", ("
            for column in 0..<columns {
                if column > 0 { text += ", " }
                let mark = "$\(after + row * columns + column + 1)"
                text += form?(column, mark) ?? mark
            }
            text += ")"
        }
        return text
    }

    /// `search_terms` made on the server from the one text ``PostgresBindings/append(searchOf:)``
    /// binds for it.
    static func searchTermsSQL(_ mark: String) -> String { "string_to_array(\(mark), ' ')" }
}
