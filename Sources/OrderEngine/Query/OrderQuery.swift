/// The search line's language, one for the desk's search, saved views and rules (rules.toml's
/// `when`): words, and filters beyond words — 支払:代引 (payment method), チェック:メール便 (a flag),
/// 日付:2026-11-01..2026-11-20 (ordered on those days, Japan time; either end may be left out),
/// 配送:メール便 (配送方法), 特記:のし (特記事項: ギフト, あす楽, 離島, コンビニ受取, 入力待ち, 医薬品…),
/// サブ:発送準備 (サブステータス), お届け:2026-12-05 (the お届け日 asked for, a day or a range;
/// お届け:指定あり for any), 金額:>10000 (RMS's 請求金額: >, >=, <, <=, =, or a range 5000..10000),
/// 商品:rice-5kg (an item's 商品管理番号 or part of its name), 備考:あり / 備考:なし (the buyer's
/// remarks), 送料:未設定 (RMS's 送料未設定, -9999), 同梱:候補 (another open order to the same
/// destination: ``Order/bundleCandidateKey``), リピート:あり / リピート:なし / リピート:>=3 (the
/// buyer's earlier orders here, cancelled ones aside: ``Order/buyerKey``), RMS:発送待ち or RMS:300
/// (RMS's status), 連携:結果不明 (exchanges with RMS), 帳票:納品書なし, メール:発送通知, 荷物:未報告
/// (``OrderQuery+Records``). The keys have English spellings too (``keys``). An unknown key is a
/// problem, never text; the rest is searched as text.
///
/// A store translates it into its own query (OrderStore's SQL); ``explain(_:)`` decides it for one
/// order in memory, term by term, in words an operator reads (a rule's 「支払=代金引換」).
public struct OrderQuery: Sendable, Hashable {
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
    /// 請求金額 within these yen (either end may be open).
    public var amountFrom: Int?
    public var amountThrough: Int?
    /// Part of an item's name or its 商品管理番号.
    public var item: String?
    /// Whether the buyer wrote remarks (備考): true あり, false なし.
    public var hasRemarks: Bool?
    /// 送料:未設定: RMS still holds the shipping fee unset.
    public var shippingFeeUnset = false
    /// 同梱:候補: orders that another open order to the same destination could ship with.
    public var bundleCandidate = false
    /// リピート: the buyer's earlier orders here within this many (either end may be open).
    public var earlierOrdersFrom: Int?
    public var earlierOrdersThrough: Int?
    /// RMS: any of these RMS statuses.
    public var rms: [RMSProgress]?
    /// 連携:, 帳票:, メール:, 荷物: (``OrderQuery+Records``).
    public var link: Link?
    public var slip: RecordTerm?
    public var mail: RecordTerm?
    public var parcel: ParcelTerm?
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
            // RMS's 要確認商品 is what its order data gives as 医薬品 (drugFlag).
            case "特記", "mark": mark = given == "要確認商品" ? "医薬品" : given
            case "サブ", "サブステータス", "sub": subStatus = given
            case "お届け", "deliver":
                if value == "指定あり" || value == "あり" {
                    anyDeliveryDate = true
                } else {
                    (deliveryFrom, deliveryThrough) = readDates(value, example: "お届け:2026-12-05 または お届け:指定あり")
                }
            case "金額", "amount":
                if let (low, high) = readRange(value, key: "金額", example: "金額:>10000 または 金額:5000..10000") {
                    (amountFrom, amountThrough) = (low, high)
                }
            case "リピート", "repeat":
                switch value {
                case "あり", "yes": (earlierOrdersFrom, earlierOrdersThrough) = (1, nil)
                case "なし", "no": (earlierOrdersFrom, earlierOrdersThrough) = (0, 0)
                default:
                    if let (low, high) = readRange(value, key: "リピート", example: "リピート:あり、リピート:なし または リピート:>=3（これまでの注文の数）") {
                        (earlierOrdersFrom, earlierOrdersThrough) = (low, high)
                    }
                }
            case "商品", "item": item = given
            case "備考", "remarks":
                switch value {
                case "あり", "yes": hasRemarks = true
                case "なし", "no": hasRemarks = false
                default: problems.append("備考「\(value)」は あり か なし で書いてください（例: 備考:あり）")
                }
            case "送料", "postage":
                if value == "未設定" || value == "unset" { shippingFeeUnset = true } else {
                    problems.append("送料「\(value)」: 書けるのは 送料:未設定 です")
                }
            case "同梱", "bundle":
                if value == "候補" || value == "candidate" { bundleCandidate = true } else {
                    problems.append("同梱「\(value)」: 書けるのは 同梱:候補 です")
                }
            case "RMS", "rms", "ＲＭＳ": readRMS(value)
            case "連携", "sync": readLink(value)
            case "帳票", "slip": readSlip(value)
            case "メール", "mail": readMail(value)
            case "荷物", "parcel": readParcel(value)
            default: if !refuseUnknownKey(key) { words.append(part) }
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

    /// `>10000`, `>=10000`, `<5000`, `<=5000`, `=3240`, `5000..10000` (either end open), with
    /// commas and 円 as operators write them; full-width as an IME types them. Nil (and a problem
    /// said) when it cannot be read.
    private mutating func readRange(_ value: String, key: String, example: String) -> (Int?, Int?)? {
        var text = ""
        for scalar in value.unicodeScalars {
            // Full-width ASCII (０-９, ＞, ＜, ＝, ．) is the ASCII it shows.
            if (0xFF01...0xFF5E).contains(scalar.value), let ascii = Unicode.Scalar(scalar.value - 0xFEE0) {
                text.unicodeScalars.append(ascii)
            } else if scalar != ",", scalar != "円", scalar != "，" {
                text.unicodeScalars.append(scalar)
            }
        }
        func number(_ text: Substring) -> Int?? {
            guard !text.isEmpty else { return .some(nil) }
            guard let value = Int(text), value >= 0 else { return nil }
            return .some(value)
        }
        var low: Int??
        var high: Int??
        if text.hasPrefix(">=") { low = number(text.dropFirst(2)); high = .some(nil)
        } else if text.hasPrefix("<=") { low = .some(nil); high = number(text.dropFirst(2))
        } else if text.hasPrefix(">") { low = number(text.dropFirst()).map { $0.map { $0 + 1 } }; high = .some(nil)
        } else if text.hasPrefix("<") { low = .some(nil); high = number(text.dropFirst()).map { $0.map { $0 - 1 } }
        } else if text.hasPrefix("=") { low = number(text.dropFirst()); high = low
        } else if let range = text.range(of: "..") {
            low = number(text[..<range.lowerBound]); high = number(text[range.upperBound...])
        } else { low = number(Substring(text)); high = low }
        guard let low, let high, low != nil || high != nil else {
            problems.append("\(key)「\(value)」が読めません（例: \(example)）")
            return nil
        }
        return (low, high)
    }

    /// What operators call a payment method, as RMS names it (rpay-api.md §10.4): 支払:代引 finds
    /// 代金引換. A word not listed is looked for as part of the name (支払:後払 finds 後払い).
    public static let paymentAliases: [String: [String]] = [
        "代引": ["代金引換"], "代引き": ["代金引換"], "代引換": ["代金引換"], "コレクト": ["代金引換"],
        "カード": ["クレジットカード"], "クレカ": ["クレジットカード"], "クレジット": ["クレジットカード"],
        "振込": ["銀行振込"], "銀振": ["銀行振込"], "コンビニ": ["セブンイレブン", "ローソン"], "前払い": ["前払"],
    ]

    /// What operators call a delivery method, as shops name theirs in RMS: 配送:ヤマト finds 宅急便.
    public static let deliveryAliases: [String: [String]] = [
        "ヤマト": ["宅急便", "ヤマト", "ネコポス", "クロネコ"], "クロネコ": ["宅急便", "ヤマト", "ネコポス", "クロネコ"],
        "佐川": ["飛脚", "佐川"], "郵便": ["ゆうパック", "ゆうパケット", "郵便", "ゆうメール"], "日本郵便": ["ゆうパック", "ゆうパケット", "郵便", "ゆうメール"],
        "冷蔵": ["クール", "冷蔵"], "冷凍": ["クール", "冷凍"],
    ]
}
