import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Up to `limit` rows of `filter` after `key` (from the top when nil), newest first.
    /// Keyset pagination on (ordered_at, order_number): an index seek, never a scan of the table.
    public func page(_ filter: GridFilter, after key: GridKey? = nil, limit: Int) throws -> [OrderRow] {
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
    static func numberPrefixes(for filter: GridFilter, in db: Database) throws -> [String] {
        try numberPrefixes(for: filter) { after in
            try String.fetchOne(db, sql: "SELECT order_number FROM orders WHERE order_number > ? ORDER BY order_number LIMIT 1", arguments: [after])
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

    /// How many of `numbers` the filter shows (checked orders the view hides are the rest).
    public func count(_ filter: GridFilter, among numbers: [OrderNumber]) throws -> Int {
        try shown(filter, among: numbers).count
    }

    /// Which of `numbers` the filter shows.
    public func shown(_ filter: GridFilter, among numbers: [OrderNumber]) throws -> Set<OrderNumber> {
        try pool.read { db in
            let condition = filter.condition(numberPrefixes: try Self.numberPrefixes(for: filter, in: db))
            var shown: Set<OrderNumber> = []
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let found = try String.fetchAll(
                    db, sql: "SELECT order_number FROM orders WHERE order_number IN (\(marks)) AND \(condition.sql)",
                    arguments: StatementArguments(values: chunk.map { $0.databaseValue } + condition.arguments.map { $0.databaseValue }))
                shown.formUnion(found.map(OrderNumber.init))
            }
            return shown
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

    /// Of `numbers`, the orders another open order to the same destination could ship with (同梱候補).
    public func bundleCandidates(among numbers: [OrderNumber]) throws -> Set<OrderNumber> {
        try pool.read { db in
            var found: Set<OrderNumber> = []
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let rows = try String.fetchAll(db, sql: """
                    SELECT order_number FROM orders WHERE order_number IN (\(marks)) AND \(Self.bundleCandidate())
                    """, arguments: StatementArguments(chunk))
                found.formUnion(rows.map(OrderNumber.init))
            }
            return found
        }
    }

    /// The open orders to the destinations of `numbers` (``Order/bundleCandidateKey``) that are not
    /// among them: what a rule's 同梱 bundles them with.
    public func bundlePartners(of numbers: [OrderNumber]) throws -> [OrderNumber] {
        try pool.read { db in
            var found: Set<String> = []
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let rows = try String.fetchAll(db, sql: """
                    SELECT partner.order_number FROM orders AS partner
                    WHERE partner.destination_key IN (SELECT destination_key FROM orders WHERE order_number IN (\(marks)) AND destination_key IS NOT NULL)
                    AND \(Self.openForBundling("partner"))
                    """, arguments: StatementArguments(chunk))
                found.formUnion(rows)
            }
            return found.subtracting(numbers.map(\.rawValue)).sorted().map(OrderNumber.init)
        }
    }

    /// Of `numbers`, each order whose buyer has earlier orders here, and how many (リピート).
    public func earlierOrderCounts(among numbers: [OrderNumber]) throws -> [OrderNumber: Int] {
        try pool.read { db in
            var found: [OrderNumber: Int] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let rows = try Row.fetchAll(db, sql: """
                    SELECT order_number, \(Self.earlierOrders) AS n FROM orders WHERE order_number IN (\(marks)) AND buyer_key IS NOT NULL
                    """, arguments: StatementArguments(chunk))
                for row in rows where (row["n"] as Int) > 0 { found[OrderNumber(row["order_number"] as String)] = row["n"] }
            }
            return found
        }
    }

    /// Of `numbers`, what the store knows beyond each order for the search line's 連携:, 帳票: and
    /// メール: (``OrderQuery/Records``): the latest write of each kind, the documents, the mails sent.
    /// `mailTemplates`: 名前 → file name; a mail sent is known by both.
    public func queryRecords(among numbers: [OrderNumber], mailTemplates: [String: String] = [:]) throws -> [OrderNumber: OrderQuery.Records] {
        let titles = Dictionary(mailTemplates.map { ($0.value, $0.key) }, uniquingKeysWith: { first, _ in first })
        return try pool.read { db in
            var found: [OrderNumber: OrderQuery.Records] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                let writes = try Row.fetchAll(db, sql: """
                    SELECT w.order_number, w.kind, w.state, w.detail FROM outbox AS w WHERE w.order_number IN (\(marks))
                    AND (w.kind = 'send-mail' OR NOT EXISTS (SELECT 1 FROM outbox AS later
                        WHERE later.order_number = w.order_number AND later.kind = w.kind AND later.id > w.id))
                    """, arguments: StatementArguments(chunk))
                for row in writes {
                    let number = OrderNumber(row["order_number"] as String)
                    let state: String = row["state"]
                    if (row["kind"] as String) == OutboundWrite.Kind.mail.rawValue {
                        if state == "done" {
                            let template = row["detail"] as String? ?? ""
                            found[number, default: .init()].mailed.insert(template)
                            if let title = titles[template] { found[number, default: .init()].mailed.insert(title) }
                        }
                    } else {
                        found[number, default: .init()].writeStates.insert(state)
                    }
                }
                let printed = try Row.fetchAll(db, sql: """
                    SELECT order_number, printed_slips FROM orders WHERE order_number IN (\(marks)) AND printed_slips != ''
                    """, arguments: StatementArguments(chunk))
                for row in printed {
                    let kinds = (row["printed_slips"] as String).split(separator: "\t").compactMap { SlipKind(rawValue: String($0)) }
                    found[OrderNumber(row["order_number"] as String), default: .init()].printed.formUnion(kinds)
                }
            }
            return found
        }
    }

    /// One order of a bundle (同梱) and its 請求金額.
    public struct BundleMember: Sendable, Hashable {
        public let number: OrderNumber
        public let requestPrice: Money
    }

    /// The orders of `bundle`, the lowest number first: what the detail shows beside an order's own total.
    public func bundleMembers(_ bundle: BundleID) throws -> [BundleMember] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT order_number, request_price FROM orders WHERE bundle_id = ? ORDER BY order_number",
                             arguments: [bundle.rawValue]).map {
                BundleMember(number: OrderNumber($0["order_number"]), requestPrice: ($0["request_price"] as Int?).map(Money.yen) ?? .unset)
            }
        }
    }
}
