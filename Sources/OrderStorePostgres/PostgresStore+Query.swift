import Foundation
import OrderEngine
import OrderStore
import PostgresNIO

extension PostgresStore: StoreQuerying {
    public func page(_ filter: GridFilter, after key: GridKey?, limit: Int) throws -> [OrderRow] {
        var (sql, arguments) = try condition(filter)
        if let key {
            sql += " AND (ordered_at, order_number) < (?, ?)"
            arguments += [.integer(key.orderedAt), .text(key.number.rawValue)]
        }
        // The page's size bound too: one statement for every size a terminal gives.
        let rows = try gridQuery(
            "SELECT \(OrderStore.rowColumns(.postgresql)) FROM orders WHERE \(sql) ORDER BY ordered_at DESC, order_number DESC LIMIT ?",
            arguments + [.integer(Int64(max(0, limit)))], for: filter)
        return try rows.map { try OrderRow(reading: $0.makeRandomAccess()) }
    }

    public func count(_ filter: GridFilter) throws -> Int {
        if let status = filter.localStatus, filter.isStatusOnly { return try countsByStatus()[status] ?? 0 }
        let (sql, arguments) = try condition(filter)
        let rows = try gridQuery("SELECT count(*) FROM orders WHERE \(sql)", arguments, for: filter)
        return Int(try rows.first?.makeRandomAccess().integer(0) ?? 0)
    }

    public func countsByStatus() throws -> [LocalStatus: Int] {
        var counts: [LocalStatus: Int] = [:]
        for row in try session.queryPrepared("SELECT local_status, n FROM status_counts WHERE n > 0", []) {
            let columns = row.makeRandomAccess()
            // A name (an older version's) and an id are one status: their counts add up.
            counts[LocalStatus(id: try columns.text(0) ?? ""), default: 0] += Int(try columns.integer(1) ?? 0)
        }
        return counts
    }

    public func rows(_ numbers: [OrderNumber]) throws -> [OrderNumber: OrderRow] {
        var rows: [OrderNumber: OrderRow] = [:]
        let found = try session.query(
            "SELECT \(unescaped: OrderStore.rowColumns(.postgresql)) FROM orders WHERE order_number = ANY(\(numbers.map(\.rawValue)))")
        for row in found {
            let value = try OrderRow(reading: row.makeRandomAccess())
            rows[value.number] = value
        }
        return rows
    }

    /// The filter's WHERE clause in PostgreSQL's words (``SQLDialect/postgresql``) and its
    /// arguments (texts).
    private func condition(_ filter: GridFilter) throws -> (String, [StoredValue]) {
        let prefixes = try OrderStore.numberPrefixes(for: filter) { after in
            try session.queryPrepared("SELECT order_number FROM orders WHERE order_number > $1 ORDER BY order_number LIMIT 1", [.text(after)])
                .first?.makeRandomAccess().text(0)
        }
        let (sql, arguments) = filter.condition(numberPrefixes: prefixes, dialect: .postgresql)
        return (sql, arguments.map(StoredValue.text))
    }

    /// Runs a statement of the grid (`?` placeholders): prepared for a status's pages
    /// (``PostgresSession/queryPrepared(_:_:)``), not for a search.
    private func gridQuery(_ sql: String, _ arguments: [StoredValue], for filter: GridFilter) throws -> [PostgresRow] {
        let numbered = Self.numbered(sql)
        if filter.isStatusOnly { return try session.queryPrepared(numbered, arguments) }
        return try session.query(PostgresQuery(sql: numbered, stored: arguments))
    }

    /// `sql` with its `?` placeholders numbered as PostgreSQL's ($1, $2, …); a `?` inside a quoted
    /// literal is left alone.
    static func numbered(_ sql: String) -> String {
        var result = ""
        result.reserveCapacity(sql.utf8.count + 16)
        var quoted = false
        var number = 0
        for character in sql {
            if character == "'" { quoted.toggle() }
            if character == "?", !quoted {
                number += 1
                result += "$\(number)"
            } else {
                result.append(character)
            }
        }
        return result
    }
}
