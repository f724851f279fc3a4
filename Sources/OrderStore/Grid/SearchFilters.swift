import OrderEngine

/// What the search line asks for beyond words: 支払:代引 (payment method), チェック:メール便 (a flag),
/// 日付:2026-11-01..2026-11-20 (ordered on those days, Japan time; either end may be left out).
/// The keys have English spellings too (pay:, flag:, date:). The rest is searched as text.
public struct SearchFilters: Sendable, Hashable {
    public var payment: String?
    public var flag: String?
    public var from: CalendarDate?
    public var through: CalendarDate?
    /// The words searched as text (order number, phone, names, items).
    public var words = ""
    /// Parts that could not be read, in the operator's words.
    public var problems: [String] = []

    public init(parsing text: String) {
        var words: [Substring] = []
        for part in text.split(whereSeparator: \.isWhitespace) {
            guard let colon = part.firstIndex(where: { $0 == ":" || $0 == "：" }) else {
                words.append(part)
                continue
            }
            let key = part[..<colon]
            let value = String(part[part.index(after: colon)...])
            switch key {
            case "支払", "pay": payment = value.isEmpty ? nil : value
            case "チェック", "flag": flag = value.isEmpty ? nil : value
            case "日付", "date": readDates(value)
            default: words.append(part)
            }
        }
        self.words = words.joined(separator: " ")
    }

    private mutating func readDates(_ value: String) {
        let ends = value.components(separatedBy: "..")
        func date(_ text: String) -> CalendarDate? {
            guard !text.isEmpty else { return nil }
            guard let date = CalendarDate(parsing: text) else {
                problems.append("日付「\(text)」が読めません（例: 日付:2026-11-01..2026-11-20）")
                return nil
            }
            return date
        }
        from = date(ends[0])
        through = ends.count > 1 ? date(ends[1]) : from
    }

    /// The SQL clauses for the filters (without the words) and their arguments. Times are bound
    /// as text: the INTEGER column's affinity makes SQLite compare them as numbers.
    var clauses: (sql: [String], arguments: [String]) {
        var sql: [String] = []
        var arguments: [String] = []
        if let payment {
            sql.append("payment_method LIKE ?")
            arguments.append("%\(payment)%")
        }
        if let flag {
            sql.append("flags LIKE ?")
            arguments.append("%\t\(flag)\t%")
        }
        if let from {
            sql.append("ordered_at >= ?")
            arguments.append(String(from.startInJapan))
        }
        if let through {
            sql.append("ordered_at < ?")
            arguments.append(String(through.startInJapan + 86_400))
        }
        return (sql, arguments)
    }
}
