import OrderEngine

/// What the search line asks for beyond words: 支払:代引 (payment method), チェック:メール便 (a flag),
/// 日付:2026-11-01..2026-11-20 (ordered on those days, Japan time; either end may be left out),
/// 配送:メール便 (配送方法), 特記:のし (特記事項: ギフト, あす楽, 離島, コンビニ受取…), サブ:発送準備
/// (サブステータス), お届け:2026-12-05 (the お届け日 asked for, a day or a range; お届け:指定あり for
/// any). The keys have English spellings too (pay:, flag:, date:, delivery:, mark:, sub:,
/// deliver:). The rest is searched as text.
public struct SearchFilters: Sendable, Hashable {
    public var payment: String?
    public var flag: String?
    public var from: CalendarDate?
    public var through: CalendarDate?
    public var delivery: String?
    public var mark: String?
    public var subStatus: String?
    /// お届け日指定 within these days; `anyDeliveryDate`: any order with one.
    public var deliveryFrom: CalendarDate?
    public var deliveryThrough: CalendarDate?
    public var anyDeliveryDate = false
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
            let given = value.isEmpty ? nil : value
            switch key {
            case "支払", "pay": payment = given
            case "チェック", "flag": flag = given
            case "日付", "date": (from, through) = readDates(value, example: "日付:2026-11-01..2026-11-20")
            case "配送", "delivery": delivery = given
            case "特記", "mark": mark = given
            case "サブ", "サブステータス", "sub": subStatus = given
            case "お届け", "deliver":
                if value == "指定あり" || value == "あり" {
                    anyDeliveryDate = true
                } else {
                    (deliveryFrom, deliveryThrough) = readDates(value, example: "お届け:2026-12-05 または お届け:指定あり")
                }
            default: words.append(part)
            }
        }
        self.words = words.joined(separator: " ")
    }

    /// `A..B`, `A..`, `..B` or `A` (one day).
    private mutating func readDates(_ value: String, example: String) -> (CalendarDate?, CalendarDate?) {
        let ends = value.components(separatedBy: "..")
        func date(_ text: String) -> CalendarDate? {
            guard !text.isEmpty else { return nil }
            guard let date = CalendarDate(parsing: text) else {
                problems.append("日付「\(text)」が読めません（例: \(example)）")
                return nil
            }
            return date
        }
        let from = date(ends[0])
        return (from, ends.count > 1 ? date(ends[1]) : from)
    }

    /// The SQL clauses for the filters (without the words) and their arguments. Times are bound
    /// as text: the INTEGER column's affinity makes SQLite compare them as numbers.
    var clauses: (sql: [String], arguments: [String]) {
        var sql: [String] = []
        var arguments: [String] = []
        func add(_ clause: String, _ argument: String) {
            sql.append(clause)
            arguments.append(argument)
        }
        func anyOf(_ column: String, _ names: [String]) {
            sql.append("(" + names.map { _ in "\(column) LIKE ? ESCAPE '\\'" }.joined(separator: " OR ") + ")")
            arguments += names.map(Self.containing)
        }
        if let payment { anyOf("payment_method", Self.paymentAliases[payment] ?? [payment]) }
        if let flag { add("flags LIKE ? ESCAPE '\\'", Self.containing("\t" + flag + "\t")) }
        if let from { add("ordered_at >= ?", String(from.startInJapan)) }
        if let through { add("ordered_at < ?", String(through.startInJapan + 86_400)) }
        if let delivery { anyOf("delivery_name", Self.deliveryAliases[delivery] ?? [delivery]) }
        // Part of a mark finds it: 特記:コンビニ finds コンビニ受取, 特記:ギフト also ソーシャルギフト.
        if let mark { add("handling_marks LIKE ? ESCAPE '\\'", Self.containing(mark)) }
        if let subStatus { add("sub_status LIKE ? ESCAPE '\\'", Self.containing(subStatus)) }
        if anyDeliveryDate { sql.append("delivery_wish IS NOT NULL") }
        if let deliveryFrom { add("delivery_wish >= ?", deliveryFrom.description) }
        if let deliveryThrough { add("delivery_wish <= ?", deliveryThrough.description) }
        return (sql, arguments)
    }

    /// What operators call a payment method, as RMS names it (rpay-api.md §10.4): 支払:代引 finds
    /// 代金引換. A word not listed is looked for as part of the name (支払:後払 finds 後払い).
    static let paymentAliases: [String: [String]] = [
        "代引": ["代金引換"], "代引き": ["代金引換"], "代引換": ["代金引換"], "コレクト": ["代金引換"],
        "カード": ["クレジットカード"], "クレカ": ["クレジットカード"], "クレジット": ["クレジットカード"],
        "振込": ["銀行振込"], "銀振": ["銀行振込"], "コンビニ": ["セブンイレブン", "ローソン"], "前払い": ["前払"],
    ]

    /// What operators call a delivery method, as shops name theirs in RMS: 配送:ヤマト finds 宅急便.
    static let deliveryAliases: [String: [String]] = [
        "ヤマト": ["宅急便", "ヤマト", "ネコポス", "クロネコ"], "クロネコ": ["宅急便", "ヤマト", "ネコポス", "クロネコ"],
        "佐川": ["飛脚", "佐川"], "郵便": ["ゆうパック", "ゆうパケット", "郵便", "ゆうメール"], "日本郵便": ["ゆうパック", "ゆうパケット", "郵便", "ゆうメール"],
        "冷蔵": ["クール", "冷蔵"], "冷凍": ["クール", "冷凍"],
    ]

    /// A LIKE pattern for text containing `text` as typed: its % and _ are themselves.
    static func containing(_ text: String) -> String {
        var pattern = "%"
        for character in text {
            if character == "%" || character == "_" || character == "\\" { pattern.append("\\") }
            pattern.append(character)
        }
        return pattern + "%"
    }
}
