import Foundation
import OrderEngine
import OrderStore
import PostgresNIO

extension PostgresStore: StoreQuerying {
    public func page(_ filter: GridFilter, after key: GridKey?, limit: Int) throws -> [OrderRow] {
        var (sql, bindings) = try condition(filter)
        if let key {
            sql += " AND (ordered_at, order_number) < (?, ?)"
            bindings.append(key.orderedAt)
            bindings.append(key.number.rawValue)
        }
        let query = PostgresQuery(
            unsafeSQL: Self.numbered("SELECT \(OrderStore.rowColumns(.postgresql)) FROM orders WHERE \(sql) ORDER BY ordered_at DESC, order_number DESC LIMIT \(max(0, limit))"),
            binds: bindings)
        return try session.query(query).map { try OrderRow(reading: $0.makeRandomAccess()) }
    }

    public func count(_ filter: GridFilter) throws -> Int {
        if let status = filter.localStatus, filter.isStatusOnly { return try countsByStatus()[status] ?? 0 }
        let (sql, bindings) = try condition(filter)
        let rows = try session.query(PostgresQuery(unsafeSQL: Self.numbered("SELECT count(*) FROM orders WHERE \(sql)"), binds: bindings))
        return Int(try rows.first?.decode(Int64.self) ?? 0)
    }

    public func countsByStatus() throws -> [LocalStatus: Int] {
        var counts: [LocalStatus: Int] = [:]
        for row in try session.query("SELECT local_status, n FROM status_counts WHERE n > 0") {
            let (status, n) = try row.decode((String, Int64).self)
            // A name (an older version's) and an id are one status: their counts add up.
            counts[LocalStatus(id: status), default: 0] += Int(n)
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

    /// The filter's WHERE clause in PostgreSQL's words (``SQLDialect/postgresql``), its arguments
    /// bound as text.
    private func condition(_ filter: GridFilter) throws -> (String, PostgresBindings) {
        let prefixes = try OrderStore.numberPrefixes(for: filter) { after in
            try session.query("SELECT order_number FROM orders WHERE order_number > \(after) ORDER BY order_number LIMIT 1")
                .first?.decode(String.self)
        }
        let (sql, arguments) = filter.condition(numberPrefixes: prefixes, dialect: .postgresql)
        var bindings = PostgresBindings(capacity: arguments.count + 2)
        for argument in arguments { bindings.append(argument) }
        return (sql, bindings)
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
