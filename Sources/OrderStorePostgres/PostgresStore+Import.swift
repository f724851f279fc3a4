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
    public func importOrders(_ incoming: [OrderStore.Incoming], action: JournalKind = .action(.fetch)) throws -> OrderStore.ImportSummary {
        let date = now()
        let seconds = Int64(date.timeIntervalSince1970)
        let batchID = UUID().uuidString.lowercased()
        return try session.transaction { query in
            let numbers = incoming.map(\.order.number.rawValue)
            var seen = Set(try query("SELECT order_number FROM orders WHERE order_number = ANY(\(numbers))").map { try $0.decode(String.self) })
            let fresh = incoming.filter { seen.insert($0.order.number.rawValue).inserted }
            var summary = OrderStore.ImportSummary(inserted: 0, alreadyPresent: incoming.count - fresh.count)
            var insertedByStatus: [String: Int64] = [:]
            for start in stride(from: 0, to: fresh.count, by: Self.importRows) {
                let chunk = fresh[start..<min(fresh.count, start + Self.importRows)]
                var ids: [String: Int64] = [:]
                for row in try query(Self.insertOrders(chunk, at: seconds)) {
                    let (id, number) = try row.decode((Int64, String).self)
                    ids[number] = id
                }
                let stored = chunk.filter { ids[$0.order.number.rawValue] != nil }
                summary.inserted += stored.count
                summary.alreadyPresent += chunk.count - stored.count
                guard !stored.isEmpty else { continue }
                _ = try query(try Self.insertContent(stored, ids: ids))
                _ = try query(Self.insertArrivals(stored, batchID: batchID, action: action, operatorName: operatorName, at: date))
                for item in stored { insertedByStatus[item.order.localStatus.id, default: 0] += 1 }
            }
            for (status, count) in insertedByStatus.sorted(by: { $0.key < $1.key }) {
                _ = try query("""
                    INSERT INTO status_counts (local_status, n) VALUES (\(status), \(count))
                    ON CONFLICT (local_status) DO UPDATE SET n = status_counts.n + excluded.n
                    """)
            }
            return summary
        }
    }

    public func rawJSON(of number: OrderNumber) throws -> [UInt8]? {
        let rows = try session.query("""
            SELECT order_content.raw_json FROM orders JOIN order_content ON order_content.order_id = orders.id
            WHERE orders.order_number = \(number.rawValue)
            """)
        return try rows.first?.decode(ByteBuffer?.self).map { Array($0.readableBytesView) }
    }

    /// One INSERT of the orders' rows, returning the id each was given (an order another process
    /// stored meanwhile returns none).
    static func insertOrders(_ orders: ArraySlice<OrderStore.Incoming>, at seconds: Int64) -> PostgresQuery {
        let columns = ["search_document", "search_terms"] + OrderStore.Incoming.columnNames + ["imported_at", "updated_at"]
        var bindings = PostgresBindings(capacity: orders.count * columns.count)
        for item in orders {
            let document = item.searchDocument
            bindings.append(document)
            bindings.append(SearchTerms.indexedTerms(document))
            for value in item.columnValues { bindings.append(stored: value) }
            bindings.append(seconds)
            bindings.append(seconds)
        }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO orders (\(columns.joined(separator: ", "))) VALUES \(placeholders(rows: orders.count, columns: columns.count))
            ON CONFLICT (order_number) DO NOTHING RETURNING id, order_number
            """, binds: bindings)
    }

    static func insertContent(_ orders: [OrderStore.Incoming], ids: [String: Int64]) throws -> PostgresQuery {
        var bindings = PostgresBindings(capacity: orders.count * 3)
        for item in orders {
            let content = try item.content()
            bindings.append(ids[item.order.number.rawValue]!)
            for bytes in [content.document, content.rawJSON] {
                if let bytes { bindings.append(ByteBuffer(bytes: bytes)) } else { bindings.appendNull() }
            }
        }
        return PostgresQuery(
            unsafeSQL: "INSERT INTO order_content (order_id, document, raw_json) VALUES \(placeholders(rows: orders.count, columns: 3))",
            binds: bindings)
    }

    /// Each order's arrival in the journal, as SQLite's import writes it (not undoable: an
    /// arrival is not taken back by replaying the journal).
    static func insertArrivals(
        _ orders: [OrderStore.Incoming], batchID: String, action: JournalKind, operatorName: String, at date: Date
    ) -> PostgresQuery {
        let milliseconds = Int64(date.timeIntervalSince1970 * 1000)
        var bindings = PostgresBindings(capacity: orders.count * 9)
        for item in orders {
            let arrival = item.arrival
            bindings.append(batchID)
            bindings.append(milliseconds)
            bindings.append(operatorName)
            bindings.append(action.rawValue)
            bindings.append(item.order.number.rawValue)
            bindings.append(arrival.field.rawValue)
            bindings.append(arrival.before.journalText)
            bindings.append(arrival.after.journalText)
            bindings.append(Int64(0))
        }
        return PostgresQuery(unsafeSQL: """
            INSERT INTO journal (batch_id, at, operator, action, order_number, field, before_value, after_value, undoable)
            VALUES \(placeholders(rows: orders.count, columns: 9))
            """, binds: bindings)
    }

    /// `($1, $2, …), (…)`: `rows` tuples of `columns` placeholders, numbered on.
    static func placeholders(rows: Int, columns: Int) -> String {
        var text = ""
        text.reserveCapacity(rows * columns * 6)
        for row in 0..<rows {
            text += row == 0 ? "(" : ", ("
            for column in 0..<columns {
                if column > 0 { text += ", " }
                text += "$\(row * columns + column + 1)"
            }
            text += ")"
        }
        return text
    }
}

extension PostgresBindings {
    /// A value of a ``StoredTable`` column, bound as its kind.
    mutating func append(stored value: StoredValue) {
        switch value {
        case .null: appendNull()
        case .integer(let integer): append(integer)
        case .text(let text): append(text)
        case .blob(let data): append(ByteBuffer(bytes: data))
        }
    }
}
