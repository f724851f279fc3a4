import Foundation

/// A change to an order's details (送付先, 注文者, 配送方法, お届け日時, メモ, 備考, サブステータス):
/// the values typed, checked as RMS checks them before they are saved, then saved here (未反映)
/// and sent to RMS with each group's own function (入力内容を反映する).
public struct DetailEdit: Sendable, Equatable {
    /// The values to set, as typed.
    public var values: [DetailField: String]

    public init(_ values: [DetailField: String] = [:]) {
        self.values = values
    }

    /// What the checks need to know beyond the order: the day (a delivery date is not in the
    /// past), the shop's delivery methods and RMS's sub-statuses (empty: not known, not checked).
    public struct Context: Sendable {
        public var today: CalendarDate
        public var deliveryMethods: [String]
        public var subStatuses: [SubStatus]

        public init(today: CalendarDate, deliveryMethods: [String] = [], subStatuses: [SubStatus] = []) {
            self.today = today
            self.deliveryMethods = deliveryMethods
            self.subStatuses = subStatuses
        }
    }

    /// One of the shop's sub-statuses in RMS (getSubStatusList), under the RMS status it belongs to.
    public struct SubStatus: Sendable, Hashable, Codable {
        public let id: Int
        public let name: String
        public let progress: Int

        public init(id: Int, name: String, progress: Int) {
            self.id = id
            self.name = name
            self.progress = progress
        }
    }

    /// The values as RMS takes them (「１００－０００１」 → 「100-0001」, 「14-16」 → 「1416」),
    /// or what is wrong with each, in the operator's words with the field named.
    public func normalized(for order: Order, context: Context) -> Result<[DetailField: String], EditProblems> {
        var clean: [DetailField: String] = [:]
        var problems: [String] = []
        for (field, text) in values.sorted(by: { $0.key.key < $1.key.key }) {
            switch Self.check(text, for: field, in: order, context: context) {
            case .success(let value): clean[field] = value
            case .failure(let problem): problems.append("\(field.label): \(problem.description)")
            }
        }
        return problems.isEmpty ? .success(clean) : .failure(EditProblems(problems))
    }

    /// What stops the edit from being saved for `order` (empty when it can be): a value RMS would
    /// refuse, a field the order does not have, a group RMS no longer takes at its status.
    public func problems(for order: Order, context: Context) -> [String] {
        var problems: [String] = []
        if let problem = order.readProblem { problems.append(SkipReason.unreadable(problem).text) }
        if case .failure(let wrong) = normalized(for: order, context: context) { problems += wrong.problems }
        for field in values.keys.sorted(by: { $0.key < $1.key }) {
            let package: Int? = switch field {
            case .sender(let p, _), .dropOffLocation(let p): p
            default: nil
            }
            guard let package else { continue }
            guard package < order.packages.count else {
                problems.append("\(field.label): この注文の送付先は\(order.packages.count)件です")
                continue
            }
            // Where these go is not the shop's to say: the recipient enters it, or the store is it.
            let handling = order.packages[package].handling
            if handling?.awaitingRecipient == true { problems.append("\(field.label): ソーシャルギフトの送付先は受取人が入力します（入力待ち）") }
            if handling?.convenienceStore != nil { problems.append("\(field.label): コンビニ受取の送付先は変更できません") }
        }
        if order.origin.isRakutenAPI {
            for group in Set(changes(of: order, context: context).map(\.field.group)).sorted() {
                if let refusal = group.refusal(at: order.rmsProgress) { problems.append(refusal) }
            }
        }
        return problems
    }

    /// The fields whose value the edit changes, with their values as RMS takes them (those that
    /// cannot be read are left out: ``problems(for:context:)`` names them).
    public func changes(of order: Order, context: Context) -> [(field: DetailField, value: String)] {
        values.keys.sorted { $0.key < $1.key }.compactMap { field in
            guard case .success(let value) = Self.check(values[field]!, for: field, in: order, context: context) else { return nil }
            // The order's value as RMS would take it too: no 時間帯 is 0 as well as nothing.
            let now = field.text(in: order)
            let nowTaken = if case .success(let taken) = Self.check(now, for: field, in: order, context: context) { taken } else { now }
            return value == now || value == nowTaken ? nil : (field, value)
        }
    }

    /// The order with the edit applied (check ``problems(for:context:)`` first). A Rakuten order
    /// then has the changed groups pending, with RMS's values before the first change kept to
    /// show what the push will send.
    public func applied(to order: Order, context: Context) -> Order {
        var after = order
        var changed: [DetailField] = []
        for (field, value) in changes(of: order, context: context) {
            let name = field == .subStatusId ? context.subStatuses.first { String($0.id) == value }?.name : nil
            field.set(value, in: &after, subStatusName: name)
            changed.append(field)
        }
        guard order.origin.isRakutenAPI, !changed.isEmpty else { return after }
        var pending = (order.pendingEdit ?? PendingEdit(groups: [])).recording(order, after)
        pending.groups.formUnion(changed.map(\.group))
        after.pendingEdit = pending.settled(on: after)
        return after
    }

    /// Checks one value as RMS would and gives it as RMS takes it.
    static func check(_ raw: String, for field: DetailField, in order: Order, context: Context) -> Result<String, EditProblems> {
        let text = raw.trimmingCharacters(in: .whitespaces)
        func fail(_ why: String) -> Result<String, EditProblems> { .failure(EditProblems([why])) }
        switch field {
        case .sender(_, let part), .orderer(let part):
            return check(text, part: part)
        case .dropOffLocation:
            if text.count > DetailLimits.dropOffLocation { return fail("\(DetailLimits.dropOffLocation)文字以内で入力してください（\(text.count)文字）") }
            if let bad = DetailLimits.unsendable(text) { return fail(bad) }
            return .success(text)
        case .deliveryName:
            guard !text.isEmpty else { return fail("配送方法を選んでください") }
            if !context.deliveryMethods.isEmpty, !context.deliveryMethods.contains(text) {
                return fail("「\(text)」は店舗の配送方法にありません（\(context.deliveryMethods.joined(separator: "・"))）")
            }
            if text.count > 40 { return fail("40文字以内で入力してください") }
            return .success(text)
        case .deliveryDate:
            if text.isEmpty {
                // updateOrderMemo leaves an omitted date as it is: RMS has no way to clear it.
                return order.delivery?.date == nil ? .success("") : fail("お届け日はRMSで空にできません（日付を入力してください）")
            }
            guard let date = DetailLimits.date(text, today: context.today) else {
                return fail("「\(text)」は日付ではありません（2026-12-12、12/12 のように）")
            }
            if date < context.today { return fail("\(date) は過ぎています（今日 \(context.today) 以降）") }
            if date > context.today.adding(days: 365) { return fail("\(date) は1年より先です") }
            return .success(date.description)
        case .shippingTerm:
            guard let code = DetailLimits.timeSlot(text) else {
                return fail("「\(text)」は時間帯ではありません（0 なし・1 午前・2 午後・9 その他・1416 のように開始と終了の時）")
            }
            return .success(String(code))
        case .memo:
            if text.count > DetailLimits.memo { return fail("\(DetailLimits.memo)文字以内で入力してください（\(text.count)文字）") }
            return .success(raw)
        case .remarks:
            if raw.count > DetailLimits.remarks { return fail("\(DetailLimits.remarks)文字以内で入力してください（\(raw.count)文字）") }
            return .success(raw)
        case .giftCheck:
            switch text.lowercased() {
            case "1", "あり", "yes", "true", "on": return .success("1")
            case "0", "なし", "no", "false", "off", "": return .success("0")
            default: return fail("1（あり）か 0（なし）で入力してください")
            }
        case .subStatusId:
            if text.isEmpty { return .success("") }
            let typed = String(text.map(\.typedASCII))
            guard typed.count <= 9, let id = Int(typed), id > 0 else { return fail("「\(text)」はサブステータスIDではありません") }
            if !context.subStatuses.isEmpty {
                let known = context.subStatuses.filter { $0.progress == order.rmsProgress.code }
                guard known.contains(where: { $0.id == id }) else {
                    let names = known.map { "\($0.id) \($0.name)" }.joined(separator: "・")
                    return fail("ID \(id) は\(order.rmsProgress.label)のサブステータスにありません（\(names.isEmpty ? "このステータスにはありません" : names)）")
                }
            }
            return .success(String(id))
        }
    }

    static func check(_ text: String, part: DetailField.ContactPart) -> Result<String, EditProblems> {
        func fail(_ why: String) -> Result<String, EditProblems> { .failure(EditProblems([why])) }
        switch part {
        case .zipCode:
            guard let digits = PostcodePlace.digits(of: text) else { return fail("「\(text)」は7桁の郵便番号ではありません") }
            return .success("\(digits.prefix(3))-\(digits.suffix(4))")
        case .prefecture:
            guard DetailLimits.prefectures.contains(text) else { return fail("「\(text)」は都道府県名ではありません（東京都・大阪府のように）") }
            return .success(text)
        case .phoneNumber:
            let ascii = String(text.map(\.typedASCII)).replacingOccurrences(of: "ー", with: "-")
            let parts = ascii.split(separator: "-", omittingEmptySubsequences: false)
            let digits = ascii.filter(\.isNumber)
            guard ascii.allSatisfy({ $0.isNumber || $0 == "-" }), (10...11).contains(digits.count), parts.count <= 3,
                  parts.allSatisfy({ !$0.isEmpty })
            else { return fail("「\(text)」は電話番号ではありません（10〜11桁、ハイフンは2つまで）") }
            return .success(ascii)
        case .familyNameKana, .firstNameKana:
            if text.count > DetailLimits.name { return fail("\(DetailLimits.name)文字以内で入力してください") }
            guard text.allSatisfy({ DetailLimits.isKatakana($0) }) else { return fail("全角カタカナで入力してください") }
            return .success(text)
        case .familyName, .firstName, .city, .subAddress:
            let limit = part == .city ? DetailLimits.city : part == .subAddress ? DetailLimits.subAddress : DetailLimits.name
            if text.isEmpty, part != .firstName { return fail("入力してください") }
            if text.count > limit { return fail("\(limit)文字以内で入力してください（\(text.count)文字）") }
            if let bad = DetailLimits.unsendable(text) { return fail(bad) }
            return .success(text)
        }
    }
}

/// Problems with an edit, each in the operator's words.
public struct EditProblems: Error, Sendable, Equatable, CustomStringConvertible {
    public let problems: [String]
    public init(_ problems: [String]) { self.problems = problems }
    public var description: String { problems.joined(separator: "／") }
}

/// The limits RMS puts on the detail fields. memo 1000, remarks 4000 and the codes of
/// shippingTerm are RMS's documented ones (rpay-api.md §4.3, §9.1, §9.2); the name and address
/// and 置き配 lengths are not documented for the API: these are chosen here (姓・名 16 characters
/// each, 市区町村 40, 番地・建物 100, 置き配 30), and the sandbox checks the same ones.
public enum DetailLimits {
    public static let name = 16
    public static let city = 40
    public static let subAddress = 100
    public static let dropOffLocation = 30
    public static let memo = 1000
    public static let remarks = 4000

    public static let prefectures: [String] = [
        "北海道", "青森県", "岩手県", "宮城県", "秋田県", "山形県", "福島県", "茨城県", "栃木県", "群馬県", "埼玉県", "千葉県", "東京都",
        "神奈川県", "新潟県", "富山県", "石川県", "福井県", "山梨県", "長野県", "岐阜県", "静岡県", "愛知県", "三重県", "滋賀県", "京都府",
        "大阪府", "兵庫県", "奈良県", "和歌山県", "鳥取県", "島根県", "岡山県", "広島県", "山口県", "徳島県", "香川県", "愛媛県", "高知県",
        "福岡県", "佐賀県", "長崎県", "熊本県", "大分県", "宮崎県", "鹿児島県", "沖縄県",
    ]

    static func isKatakana(_ character: Character) -> Bool {
        character.unicodeScalars.allSatisfy { (0x30A0...0x30FF).contains($0.value) || $0 == " " || $0 == "\u{3000}" }
    }

    /// A control character (a tab, a newline in a one-line field) RMS would not take.
    static func unsendable(_ text: String) -> String? {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control } ? "改行や制御文字は入れられません" : nil
    }

    /// A date as an operator types it: 「2026-12-12」「2026/12/12」「20261212」, or without the
    /// year (「12/12」「1212」) the next such day from `today` on.
    public static func date(_ text: String, today: CalendarDate) -> CalendarDate? {
        let ascii = String(text.map(\.typedASCII)).replacingOccurrences(of: "月", with: "/").replacingOccurrences(of: "日", with: "")
        let parts = ascii.split(whereSeparator: { $0 == "/" || $0 == "-" || $0 == "." }).map(String.init)
        // ASCII digits only: other numerals (「½」「Ⅻ」) are numbers to Character, not to Int.
        func digits(_ text: some StringProtocol) -> Int? { text.allSatisfy { $0.isASCII && $0.isNumber } ? Int(text) : nil }
        let numbers: [Int]
        if parts.count == 1, [4, 8].contains(ascii.count), digits(ascii) != nil {
            let split = ascii.count == 8 ? [ascii.prefix(4), ascii.dropFirst(4).prefix(2), ascii.suffix(2)] : [ascii.prefix(2), ascii.suffix(2)]
            numbers = split.compactMap { digits($0) }
        } else {
            guard (2...3).contains(parts.count), parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return nil }
            numbers = parts.compactMap(digits)
            guard numbers.count == parts.count else { return nil }
        }
        if numbers.count == 3 { return CalendarDate(year: numbers[0], month: numbers[1], day: numbers[2]) }
        guard let thisYear = CalendarDate(year: today.year, month: numbers[0], day: numbers[1]) else {
            return CalendarDate(year: today.year + 1, month: numbers[0], day: numbers[1])
        }
        return thisYear < today ? CalendarDate(year: today.year + 1, month: numbers[0], day: numbers[1]) : thisYear
    }

    /// RMS's shippingTerm from what an operator types: 「1416」「14-16」「14〜16」「午前」「なし」.
    public static func timeSlot(_ text: String) -> Int? {
        let ascii = String(text.map(\.typedASCII)).replacingOccurrences(of: "時", with: "")
        switch ascii {
        case "", "0", "なし", "指定なし": return 0
        case "1", "午前", "午前中", "am", "AM": return 1
        case "2", "午後", "pm", "PM": return 2
        case "9", "その他": return 9
        default: break
        }
        // Hours of two digits at most, a code of four: nothing longer is a time slot (and no
        // arithmetic on a number typed at any length — found by the fuzzer).
        let parts = ascii.split(whereSeparator: { "-〜~～".contains($0) }).map(String.init)
        let code: Int?
        if parts.count == 2, parts.allSatisfy({ $0.count <= 2 }), let from = Int(parts[0]), let to = Int(parts[1]) {
            code = from * 100 + to
        } else {
            code = ascii.count <= 4 ? Int(ascii) : nil
        }
        guard let code, code >= 100 else { return nil }
        let from = code / 100, to = code % 100
        return (7...24).contains(from) && (7...24).contains(to) && from < to ? code : nil
    }
}
