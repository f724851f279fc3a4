import OrderEngine

/// Which orders the grid shows: a status, and what the operator searched for.
public struct GridFilter: Sendable, Hashable {
    /// Nil: every status.
    public var localStatus: LocalStatus?
    /// The search line: order number or phone number (by its tail, three digits or more), or
    /// names and items (any part of two characters or more), with filters (``OrderQuery``).
    public var search: String?
    /// The shop's mail templates, 名前 → file name, for メール:サンクスメール (the outbox records the file name).
    public var mailTemplates: [String: String]

    public init(localStatus: LocalStatus? = nil, search: String? = nil, mailTemplates: [String: String] = [:]) {
        self.localStatus = localStatus
        let trimmed = search?.trimmingCharacters(in: .whitespaces)
        self.search = trimmed?.isEmpty == false ? trimmed : nil
        self.mailTemplates = mailTemplates
    }

    /// The same search over every status (where a search that finds nothing in one tab looks next).
    public var inEveryStatus: GridFilter {
        var filter = self
        filter.localStatus = nil
        return filter
    }

    /// Whether only the status is filtered (its count is kept by triggers, not computed).
    public var isStatusOnly: Bool { search == nil }

    /// The search line read: filters (支払:, チェック:, 日付:, 配送:, 特記:, サブ:, お届け:, 金額:) and words.
    public var filters: OrderQuery { OrderQuery(parsing: search ?? "") }

    /// What could not be read in the search line, for the operator.
    public var problems: [String] { filters.problems }

    /// The text-search MATCH expression, when the search is by words (not by digits).
    var matchQuery: String? { Self.matchQuery(for: filters.words) }

    static func matchQuery(for words: String) -> String? {
        guard !words.isEmpty, !SearchTerms.isNumberQuery(words) else { return nil }
        return SearchTerms.matchQuery(words)
    }

    /// The start of an order number typed with its hyphens (``SearchTerms/orderNumberStart(_:)``).
    var orderNumberStart: String? { SearchTerms.orderNumberStart(filters.words) }

    /// The WHERE clause (without "WHERE") and its arguments; "1" when nothing is filtered.
    /// `commonWords`: the words match so many orders that walking the date index and testing
    /// each row against the matches finds a page sooner than fetching every match and sorting.
    /// `numberPrefixes`: what the store's order numbers begin with before their first hyphen
    /// (`398211-`), for an order number typed without it.
    /// `dialect`: the backend's SQL (``SQLDialect``); on PostgreSQL the words and the numbers'
    /// tails are found in columns of `orders` (``postgresWords(_:numberPrefixes:)``), not in full-text tables.
    public func condition(commonWords: Bool = false, numberPrefixes: [String] = [], dialect: SQLDialect = .sqlite) -> (sql: String, arguments: [String]) {
        var clauses: [String] = []
        var arguments: [String] = []
        if let localStatus {
            clauses.append("local_status = ?")
            arguments.append(localStatus.id)
        }
        let filters = self.filters
        // A line that cannot be read finds nothing: it is never taken for a wider one (every order checked by A).
        guard filters.problems.isEmpty else { return (dialect.no, []) }
        let filterClauses = filters.clauses(mailTemplates: mailTemplates, dialect: dialect)
        clauses += filterClauses.sql
        arguments += filterClauses.arguments
        if !filters.words.isEmpty, dialect == .postgresql {
            let words = Self.postgresWords(filters.words, numberPrefixes: numberPrefixes)
            clauses.append(words.sql)
            arguments += words.arguments
        } else if !filters.words.isEmpty {
            let search = filters.words
            if SearchTerms.isNumberQuery(search), let tail = SearchTerms.tailQuery(search) {
                // A tail of digits is a prefix of a reversed number: one prefix query of the index.
                var matches = ["SELECT rowid FROM order_tails WHERE order_tails MATCH ?"]
                arguments.append(tail)
                // The beginning of an order number, shop id or not: a range of the unique index
                // each, in the same list of ids (an OR of them would walk the date index).
                for range in Self.orderNumberRanges(search, numberPrefixes: numberPrefixes) {
                    matches.append("SELECT id FROM orders WHERE order_number >= ? AND order_number < ?")
                    arguments += [range.from, range.below]
                }
                clauses.append("id IN (" + matches.joined(separator: " UNION ALL ") + ")")
            } else if let match = Self.matchQuery(for: search) {
                // "+id" keeps SQLite from driving the query by the matches (then sorting them all).
                clauses.append("\(commonWords ? "+id" : "id") IN (SELECT rowid FROM order_search WHERE order_search MATCH ?)")
                arguments.append(match)
            } else {
                clauses.append("0")
            }
        }
        return (clauses.isEmpty ? dialect.yes : clauses.joined(separator: " AND "), arguments)
    }

    /// The search words on PostgreSQL, found as SQLite's indexes find them: a number's tail as the
    /// start of its reversed digits (``OrderTails``, kept in `order_number_reversed` and
    /// `phone_reversed`), an order number's beginning as a range of numbers, and words by the
    /// order's terms (`search_terms`, ``SearchTerms/indexedTerms(_:)``, under an index of whole
    /// terms) — a phrase's tokens then checked to stand in a row in `search_document` (its tokens,
    /// a space between each), as SQLite's phrase query has them.
    static func postgresWords(_ search: String, numberPrefixes: [String]) -> (sql: String, arguments: [String]) {
        if SearchTerms.isNumberQuery(search) {
            let tail = SearchTerms.reversedDigits(search)
            var matches = ["order_number_reversed LIKE ?", "phone_reversed LIKE ?"]
            var arguments = [tail + "%", tail + "%"]
            for range in orderNumberRanges(search, numberPrefixes: numberPrefixes) {
                matches.append("(order_number >= ? AND order_number < ?)")
                arguments += [range.from, range.below]
            }
            return ("(" + matches.joined(separator: " OR ") + ")", arguments)
        }
        let parts = SearchTerms.searchParts(search)
        guard !parts.isEmpty else { return ("false", []) }
        // An array literal's elements quoted: a token holds no quote or backslash, but is quoted as if it could.
        let terms = parts.flatMap(SearchTerms.indexedTerms(of:)).map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        // First, each one-token part as it stands in the document: true of every order the terms
        // find, and far cheaper to test than the array when the planner walks the date index for
        // a common word (藤原: 3 % of the orders); conditions of one cost are tested in the order
        // written. Not for a phrase: its exact test follows, and the planner, which takes each
        // condition for independent, would then expect too few rows and never walk the index.
        let single = parts.filter { $0.tokens.count == 1 }
        var sql = single.map { _ in "strpos(search_document, ?) > 0" }
        var arguments = single.map { $0.tokens[0] }
        sql.append("search_terms @> CAST(? AS text[])")
        arguments.append("{" + terms.joined(separator: ",") + "}")
        for part in parts where part.tokens.count > 1 {
            sql.append("strpos(' ' || search_document || ' ', ?) > 0")
            arguments.append(" " + part.tokens.joined(separator: " ") + " ")
        }
        return ("(" + sql.joined(separator: " AND ") + ")", arguments)
    }
}

extension GridFilter {
    /// The order numbers an order number's beginning typed in `search` finds, as ranges: typed
    /// with the shop's id or without it (each of `numberPrefixes` before it); none for anything else.
    static func orderNumberRanges(_ search: String, numberPrefixes: [String]) -> [(from: String, below: String)] {
        guard let start = SearchTerms.orderNumberStart(search) else { return [] }
        return ([start] + numberPrefixes.map { $0 + start }).map { ($0, successor(of: $0)) }
    }

    /// The first string after every string that begins with `prefix` (ASCII): its last character
    /// one higher.
    static func successor(of prefix: String) -> String {
        var bytes = Array(prefix.utf8)
        bytes[bytes.count - 1] += 1
        return String(decoding: bytes, as: UTF8.self)
    }
}

extension String {
    func trimmingCharacters(in set: WhitespaceSet) -> String {
        var slice = Substring(self)
        while let first = slice.first, first.isWhitespace { slice.removeFirst() }
        while let last = slice.last, last.isWhitespace { slice.removeLast() }
        return String(slice)
    }

    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}

enum WhitespaceSet { case whitespaces }
