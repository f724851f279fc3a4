import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Up to `limit` rows of `filter` after `key` (from the top when nil), newest first.
    /// Keyset pagination on (ordered_at, order_number): an index seek, never a scan of the table.
    public func page(_ filter: GridFilter, after key: GridKey?, limit: Int) throws -> [OrderRow] {
        try pool.read { db in
            let (sql, arguments) = Self.pageQuery(
                filter, after: key, limit: limit, commonWords: try Self.hasCommonWords(filter, in: db),
                numberPrefixes: try Self.numberPrefixes(for: filter, in: db))
            var rows: [OrderRow] = []
            rows.reserveCapacity(limit)
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: arguments)
            while let row = try cursor.next() { rows.append(try OrderRow(reading: row)) }
            return rows
        }
    }

    /// Matches beyond which a page is found faster by walking the date index (see
    /// ``GridFilter/condition(commonWords:)``): a family name among a million orders matches 30,000.
    static let commonWordMatches = 2_000

    /// Whether the filter's words match more than ``commonWordMatches`` orders (counted no further).
    static func hasCommonWords(_ filter: GridFilter, in db: Database) throws -> Bool {
        guard let match = filter.matchQuery else { return false }
        let count = try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM (SELECT rowid FROM order_search WHERE order_search MATCH ? LIMIT ?)
            """, arguments: [match, commonWordMatches + 1]) ?? 0
        return count > commonWordMatches
    }

    /// What the order numbers begin with before their first hyphen (the shop's id: `398211-`;
    /// hand-entered orders may have others), when the filter looks for the start of a number.
    /// Found by seeking the unique index past each one, not by reading it: one seek per prefix.
    static func numberPrefixes(for filter: GridFilter, in db: any StoreStatements) throws -> [String] {
        try numberPrefixes(for: filter) { after in
            try db.firstRow("SELECT order_number FROM orders WHERE order_number > ? ORDER BY order_number LIMIT 1", [.text(after)]) {
                try $0.requiredText("order_number")
            }
        }
    }

    /// The same, on any backend: `next` gives the first order number after a string (in byte order).
    public static func numberPrefixes(for filter: GridFilter, next: (String) throws -> String?) throws -> [String] {
        guard filter.orderNumberStart != nil else { return [] }
        var prefixes: [String] = []
        var after = ""
        var seeks = 0
        while prefixes.count < 20, seeks < 40, let next = try next(after) {
            seeks += 1
            guard let dash = next.firstIndex(of: "-") else {
                after = next
                continue
            }
            let prefix = String(next[...dash])
            prefixes.append(prefix)
            after = GridFilter.successor(of: prefix)
        }
        return prefixes
    }

    static func pageQuery(
        _ filter: GridFilter, after key: GridKey?, limit: Int, commonWords: Bool = false, numberPrefixes: [String] = []
    ) -> (String, StatementArguments) {
        let condition = filter.condition(commonWords: commonWords, numberPrefixes: numberPrefixes)
        var sql = "SELECT \(sqliteRowColumns) FROM orders WHERE \(condition.sql)"
        var arguments = StatementArguments(condition.arguments)
        if let key {
            sql += " AND (ordered_at, order_number) < (?, ?)"
            arguments += [key.orderedAt, key.number.rawValue]
        }
        sql += " ORDER BY ordered_at DESC, order_number DESC LIMIT ?"
        arguments += [limit]
        return (sql, arguments)
    }

    /// How SQLite would run a page query (EXPLAIN QUERY PLAN), for tests and the benchmark.
    func queryPlan(_ filter: GridFilter, after key: GridKey? = nil, limit: Int = 50) throws -> [String] {
        try pool.read { db in
            let (sql, arguments) = Self.pageQuery(
                filter, after: key, limit: limit, commonWords: try Self.hasCommonWords(filter, in: db),
                numberPrefixes: try Self.numberPrefixes(for: filter, in: db))
            return try Row.fetchAll(db, sql: "EXPLAIN QUERY PLAN " + sql, arguments: arguments).map { $0["detail"] }
        }
    }

    /// The current rows of `numbers`, for refreshing what the grid shows without moving it.
    public func rows(_ numbers: [OrderNumber]) throws -> [OrderNumber: OrderRow] {
        try pool.read { db in
            var rows: [OrderNumber: OrderRow] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let cursor = try Row.fetchCursor(
                    db, sql: "SELECT \(Self.sqliteRowColumns) FROM orders WHERE order_number IN (\(marks))",
                    arguments: StatementArguments(values: chunk.map { $0.databaseValue }))
                while let row = try cursor.next() {
                    let value = try OrderRow(reading: row)
                    rows[value.number] = value
                }
            }
            return rows
        }
    }

    /// How many orders each local status holds: kept by triggers, never counted.
    public func countsByStatus() throws -> [LocalStatus: Int] {
        try pool.read { db in
            var counts: [LocalStatus: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT local_status, n FROM status_counts WHERE n > 0") {
                // A name (an older version's) and an id are one status: their counts add up.
                counts[LocalStatus(id: row["local_status"]), default: 0] += row["n"] as Int
            }
            return counts
        }
    }

    public func count(_ filter: GridFilter) throws -> Int {
        if let status = filter.localStatus, filter.isStatusOnly { return try countsByStatus()[status] ?? 0 }
        return try pool.read { db in
            let condition = filter.condition(numberPrefixes: try Self.numberPrefixes(for: filter, in: db))
            return try Int.fetchOne(
                db, sql: "SELECT COUNT(*) FROM orders WHERE \(condition.sql)",
                arguments: StatementArguments(condition.arguments)) ?? 0
        }
    }

    /// The grid's columns, read by position in ``OrderRow/init(reading:)`` (a lookup by name for
    /// each of sixteen columns of two hundred rows cost more than the query); a bundled row's bundle
    /// total from its members (by the bundle index, for the bundled rows only; a sum is PostgreSQL's
    /// numeric unless told).
    /// SQLite's, made once: every page the grid asks for names them.
    static let sqliteRowColumns = rowColumns(.sqlite)

    public static func rowColumns(_ dialect: SQLDialect) -> String {
        """
        order_number, ordered_at, orderer_name, orderer_kana, grand_total, shipping_fee, rms_progress,
        local_status, sync_state, sync_error, sync_detail, payment_method, bundle_id, origin, pending_edit IS NOT NULL AS edited,
        rms_diff IS NOT NULL AS differs, total_price, request_price, read_problem, delivery_name, delivery_wish,
        delivery_slot, sub_status, handling_marks, printed_slips,
        CASE WHEN bundle_id IS NULL THEN NULL ELSE (
            SELECT CASE WHEN COUNT(*) = COUNT(member.request_price) THEN CAST(SUM(member.request_price) AS bigint) END
            FROM orders AS member WHERE member.bundle_id = orders.bundle_id) END AS bundle_request,
        \(bundleCandidate(dialect)) AS candidate, flags
        """
    }

    /// 同梱候補 of a row of `orders`: open, and another open order to the same destination that is
    /// not in its bundle (by the destination index, one probe per row).
    static func bundleCandidate(_ dialect: SQLDialect = .sqlite) -> String {
        """
        CASE WHEN orders.destination_key IS NULL OR NOT (\(openForBundling("orders"))) THEN \(dialect.no) ELSE EXISTS (
            SELECT 1 FROM orders AS partner WHERE partner.destination_key = orders.destination_key AND \(openForBundling("partner"))
            AND COALESCE(partner.bundle_id, partner.order_number) <> COALESCE(orders.bundle_id, orders.order_number)) END
        """
    }

    /// リピート of a row of `orders`: the buyer's earlier orders here (by the buyer index), those
    /// RMS or the shop cancelled aside. Orders of one second are in order-number order.
    static let earlierOrders = """
        CASE WHEN orders.buyer_key IS NULL THEN 0 ELSE (
            SELECT COUNT(*) FROM orders AS earlier WHERE earlier.buyer_key = orders.buyer_key
            AND (earlier.ordered_at < orders.ordered_at OR (earlier.ordered_at = orders.ordered_at AND earlier.order_number < orders.order_number))
            AND earlier.rms_progress < \(RMSProgress.awaitingCancellation.code)
            AND earlier.local_status <> '\(LocalStatus.cancelled.id)') END
        """

    /// An order that may still ship with another, in SQL for the table `alias`: RMS has not
    /// shipped or cancelled it (100–400), nor has the shop (出荷済み, キャンセル).
    static func openForBundling(_ alias: String) -> String {
        "\(alias).rms_progress <= \(RMSProgress.awaitingChangeConfirmation.code) AND \(alias).local_status NOT IN ("
            + [LocalStatus.shipped, LocalStatus.cancelled].map { "'\($0.id)'" }.joined(separator: ", ") + ")"
    }
}
