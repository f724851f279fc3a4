import Foundation
import OrderEngine

/// 受注を登録: the form for an order taken by phone, FAX, at the counter, in sections — 受付
/// (channel, 注文日時, payment, delivery, fees), 注文者, 送付先 (the buyer's, or another), 商品
/// (lines chosen from the shop's list or typed) and メモ. What is typed stays text until it is
/// saved; the whole is checked as it is typed by the one rule `juchu order new` uses
/// (``HandOrderDraft/order(settings:now:)``), and the focused field's problem is shown under it.
public struct HandOrderForm: Sendable, TypedForm {
    public enum Person: Sendable, Hashable {
        case buyer, destination

        var key: String { self == .buyer ? "buyer" : "destination" }
        var label: String { self == .buyer ? "注文者" : "送付先" }
    }

    /// A person's fields, the postcode first (it fills 都道府県 and 市区町村); the raw value is the file's key.
    public enum PersonPart: String, Sendable, CaseIterable {
        case zip, prefecture, city, address, name, kana, phone, email

        var label: String {
            switch self {
            case .zip: "郵便番号"
            case .prefecture: "都道府県"
            case .city: "市区町村"
            case .address: "番地・建物"
            case .name: "氏名（姓 名）"
            case .kana: "フリガナ"
            case .phone: "電話番号"
            case .email: "メールアドレス"
            }
        }
    }

    /// An item line's fields; the raw value is the file's key.
    public enum LinePart: String, Sendable, CaseIterable {
        /// The shop's list: typed words narrow it, ←→ choose; choosing fills the line.
        case product
        case manageNumber = "manage_number"
        case name, choice, price, units
        case taxRate = "tax_rate"
        case taxIncluded = "tax_included"

        var label: String {
            switch self {
            case .product: "商品リスト"
            case .manageNumber: "商品管理番号"
            case .name: "商品名"
            case .choice: "項目・選択肢"
            case .price: "単価"
            case .units: "数量"
            case .taxRate: "税率"
            case .taxIncluded: "税込・税別"
            }
        }
    }

    public enum Field: Sendable, Hashable {
        case channel, orderedAt, paymentMethod, deliveryMethod, deliveryDate, deliveryTime
        case shippingFee, codFee, paymentCharge
        /// 送付先: the buyer's address, or another one.
        case separateDestination
        case person(Person, PersonPart)
        case line(Int, LinePart)
        case remarks, memo

        /// The key a problem names it by (``HandOrderProblems/Problem/field``), as the file spells it.
        var key: String {
            switch self {
            case .channel: "channel"
            case .orderedAt: "ordered_at"
            case .paymentMethod: "payment_method"
            case .deliveryMethod: "delivery_method"
            case .deliveryDate: "delivery_date"
            case .deliveryTime: "delivery_time"
            case .shippingFee: "shipping_fee"
            case .codFee: "cod_fee"
            case .paymentCharge: "payment_charge"
            case .separateDestination: "destination"
            case .person(let person, let part): "\(person.key).\(part.rawValue)"
            case .line(let index, let part): "items[\(index + 1)].\(part.rawValue)"
            case .remarks: "remarks"
            case .memo: "memo"
            }
        }

        public var label: String {
            switch self {
            case .channel: "受付方法"
            case .orderedAt: "注文日時"
            case .paymentMethod: "支払方法"
            case .deliveryMethod: "配送方法"
            case .deliveryDate: "お届け日"
            case .deliveryTime: "お届け時間帯"
            case .shippingFee: "送料"
            case .codFee: "代引手数料"
            case .paymentCharge: "決済手数料"
            case .separateDestination: "送付先"
            case .person(_, let part): part.label
            case .line(_, let part): part.label
            case .remarks: "備考（お客様）"
            case .memo: "ひとことメモ"
            }
        }

        /// The label with whose it is, for a list of problems: 「郵便番号（注文者）」「単価（商品2）」.
        var fullLabel: String {
            switch self {
            case .person(let person, let part): "\(part.label)（\(person.label)）"
            case .line(let index, let part): "\(part.label)（商品\(index + 1)）"
            default: label
            }
        }

        var isAmount: Bool {
            switch self {
            case .shippingFee, .codFee, .paymentCharge, .line(_, .price), .line(_, .units): true
            default: false
            }
        }
    }

    /// A part of the form, reached with PageDown and PageUp.
    public struct Section: Sendable {
        public let title: String
        public let fields: [Field]
    }

    /// What the shop allows (its channels, payment and delivery methods, the first status).
    public let settings: HandOrderDraft.Settings
    /// The shop's products, from the items of the orders here.
    public let products: [HandOrderProduct]
    /// The moment the form opened: 注文日時 starts at it and is checked against it (the save
    /// checks again against the clock).
    public let openedAt: Date
    private var texts: [Field: String] = [:]
    /// Each line's fields, and the product chosen for it from the filtered list (nil: typed freely).
    private var lines: [[LinePart: String]] = []
    private var picks: [Int?] = []
    public private(set) var focused: Field = .channel
    /// Why the last save was refused, each with its field.
    public var problems: [String] = []
    /// What the last postcode lookup found (or did not), shown under the form.
    public var postcodeNote: String?
    /// Esc was pressed once with changes: the next one closes the form without saving.
    public var discardAsked = false
    /// Whether anything was typed or chosen since the form opened.
    public private(set) var hasChanges = false
    /// The value is replaced by what is typed first (the field has just been reached); Backspace edits it.
    private var replacesOnType = true
    /// The 番地 a postcode lookup filled with its town, by field.
    private var autoFilled: [Field: String] = [:]

    public init(settings: HandOrderDraft.Settings, products: [HandOrderProduct], now: Date) {
        self.settings = settings
        self.products = products
        openedAt = now
        texts[.channel] = settings.channels.first ?? ""
        texts[.orderedAt] = Self.minuteText(now)
        texts[.paymentMethod] = settings.paymentMethods.first ?? ""
        texts[.deliveryMethod] = settings.deliveryMethods.first ?? ""
        texts[.separateDestination] = Self.sameAsBuyer
        texts[.codFee] = ""
        texts[.paymentCharge] = "0"
        addLine(focusing: false)
    }

    static let sameAsBuyer = "注文者と同じ"
    static let otherDestination = "別の送付先"

    /// 「2026-12-06 10:30」 in Japan time.
    static func minuteText(_ date: Date) -> String {
        JapanTime(date).fullText
    }

    public var hasSeparateDestination: Bool { texts[.separateDestination] == Self.otherDestination }
    public var lineCount: Int { lines.count }

    public var sections: [Section] {
        var sections = [Section(title: "受付", fields: [
            .channel, .orderedAt, .paymentMethod, .deliveryMethod, .deliveryDate, .deliveryTime, .shippingFee, .codFee, .paymentCharge,
        ])]
        sections.append(Section(title: "注文者", fields: PersonPart.allCases.map { .person(.buyer, $0) }))
        var destination: [Field] = [.separateDestination]
        if hasSeparateDestination { destination += PersonPart.allCases.filter { $0 != .email }.map { .person(.destination, $0) } }
        sections.append(Section(title: "送付先", fields: destination))
        sections.append(Section(title: "商品", fields: lines.indices.flatMap { index in LinePart.allCases.map { Field.line(index, $0) } }))
        sections.append(Section(title: "メモ", fields: [.remarks, .memo]))
        return sections
    }

    public var fields: [Field] { sections.flatMap(\.fields) }

    /// The section the focused field is in.
    public var sectionIndex: Int { sections.firstIndex { $0.fields.contains(focused) } ?? 0 }

    public mutating func move(by delta: Int) {
        let fields = self.fields
        let now = fields.firstIndex(of: focused) ?? 0
        focused = fields[min(max(0, now + delta), fields.count - 1)]
        replacesOnType = true
    }

    /// To the first field of the next (or previous) section.
    public mutating func moveSection(by delta: Int) {
        let sections = self.sections
        focused = sections[min(max(0, sectionIndex + delta), sections.count - 1)].fields[0]
        replacesOnType = true
    }

    public mutating func focus(_ field: Field) {
        if fields.contains(field) { focused = field }
        replacesOnType = true
    }

    // MARK: Values

    public func text(of field: Field) -> String {
        if case .line(let index, let part) = field { return lines.indices.contains(index) ? lines[index][part, default: ""] : "" }
        return texts[field, default: ""]
    }

    private mutating func set(_ field: Field, _ text: String) {
        if case .line(let index, let part) = field {
            guard lines.indices.contains(index) else { return }
            lines[index][part] = text
        } else {
            texts[field] = text
        }
        hasChanges = true
        problems = []
    }

    /// Whether the focused field is chosen from a list (←→), not typed. 商品リスト is both: words
    /// typed narrow it.
    public var focusedIsChoice: Bool { !options(for: focused).isEmpty }

    /// Whether a character typed goes into the focused field: every field but a choice.
    public var focusedTakesText: Bool { !focusedIsChoice }

    /// A choice, or a line's 商品リスト (typed into, and turned with ←→).
    var focusedTurns: Bool { focusedIsChoice || focusedIsProduct }

    /// Whether the focused field is a line's 商品リスト: typed into, and turned with ←→.
    public var focusedIsProduct: Bool { if case .line(_, .product) = focused { true } else { false } }

    /// The values a choice takes.
    func options(for field: Field) -> [String] {
        switch field {
        case .channel: settings.channels
        case .paymentMethod: settings.paymentMethods
        case .deliveryMethod: settings.deliveryMethods
        case .separateDestination: [Self.sameAsBuyer, Self.otherDestination]
        case .line(_, .taxRate): ["10", "8"]
        case .line(_, .taxIncluded): ["税込", "税別"]
        default: []
        }
    }

    /// A character typed into the focused field: a digit into an amount (full-width ones as IMEs
    /// type them too), any character into text. False for a key the field does not take.
    @discardableResult
    public mutating func type(_ character: Character) -> Bool {
        guard !focusedIsChoice, !character.isNewline, !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control })
        else { return false }
        var typed = character
        if focused.isAmount {
            typed = character.typedASCII
            guard typed.isASCII, typed.isNumber else { return false }
        }
        // Free text is added to; a value reached is replaced by what is typed first.
        let appends = [Field.remarks, .memo].contains(focused) || { if case .person(_, .address) = focused { true } else { false } }()
        var text = replacesOnType && !appends ? "" : self.text(of: focused)
        replacesOnType = false
        if focused.isAmount {
            guard text.count < 7 else { return true }
            if text == "0" { text = "" }
        }
        set(focused, text + String(typed))
        if case .line(let index, .product) = focused { picks[index] = nil }
        return true
    }

    public mutating func deleteBackward() {
        replacesOnType = false
        guard !focusedIsChoice else { return }
        var text = self.text(of: focused)
        guard !text.isEmpty else { return }
        text.removeLast()
        set(focused, text)
        if case .line(let index, .product) = focused { picks[index] = nil }
    }

    /// ←→ on a choice: the next or previous value; on 商品リスト, the next or previous product that
    /// the typed words find, which fills the line.
    public mutating func choose(by delta: Int) {
        if case .line(let index, .product) = focused {
            let found = matchingProducts(for: index)
            guard !found.isEmpty else { return }
            let now = picks[index].flatMap { pick in found.firstIndex { $0.offset == pick } }
            let next = now.map { ($0 + delta + found.count) % found.count } ?? (delta > 0 ? 0 : found.count - 1)
            pick(found[next].offset, for: index)
            return
        }
        let options = self.options(for: focused)
        guard !options.isEmpty else { return }
        let now = options.firstIndex(of: text(of: focused))
        let next = now.map { ($0 + delta + options.count) % options.count } ?? (delta > 0 ? 0 : options.count - 1)
        set(focused, options[next])
    }

    /// The shop's products the line's typed words find, with their place in the list.
    func matchingProducts(for index: Int) -> [(offset: Int, element: HandOrderProduct)] {
        let query = lines.indices.contains(index) ? lines[index][.product, default: ""] : ""
        return products.enumerated().filter { $0.element.matches(query) }.map { ($0.offset, $0.element) }
    }

    /// The product chosen for line `index` fills it (the quantity stays).
    private mutating func pick(_ product: Int, for index: Int) {
        picks[index] = product
        let chosen = products[product]
        lines[index][.manageNumber] = chosen.manageNumber
        lines[index][.name] = chosen.name
        lines[index][.choice] = chosen.choice
        lines[index][.price] = String(chosen.price)
        lines[index][.taxRate] = String(chosen.taxRate)
        lines[index][.taxIncluded] = chosen.taxIncluded ? "税込" : "税別"
        hasChanges = true
        problems = []
    }

    /// How 商品リスト reads for line `index`: the product chosen, or what the typed words find.
    public func productDisplay(_ index: Int) -> String {
        let query = text(of: .line(index, .product))
        if let pick = picks[index] { return products[pick].label }
        if products.isEmpty { return query.isEmpty ? "（商品の一覧はまだありません: 下の欄に入力）" : query }
        let found = matchingProducts(for: index).count
        return query.isEmpty ? "（←→で選ぶ・文字で絞り込み: \(found)件）" : "\(query)（\(found)件: ←→で選ぶ）"
    }

    /// Adds an item line (C-n in 商品) and focuses it.
    public mutating func addLine(focusing: Bool = true) {
        lines.append([.units: "1", .taxRate: "10", .taxIncluded: "税込"])
        picks.append(nil)
        if focusing {
            hasChanges = true
            focused = .line(lines.count - 1, .product)
            replacesOnType = true
        }
    }

    /// Removes the focused item line (Delete in 商品); the last one left is only emptied.
    public mutating func removeFocusedLine() {
        guard case .line(let index, _) = focused else { return }
        hasChanges = true
        if lines.count == 1 {
            lines = []
            picks = []
            addLine(focusing: false)
            focused = .line(0, .product)
            replacesOnType = true
            return
        }
        lines.remove(at: index)
        picks.remove(at: index)
        focused = .line(min(index, lines.count - 1), .product)
        replacesOnType = true
    }

    // MARK: Checking

    /// The draft the texts make, as `juchu order new` reads a file.
    public var draft: HandOrderDraft {
        var draft = HandOrderDraft()
        draft.channel = texts[.channel, default: ""]
        draft.orderedAt = texts[.orderedAt, default: ""]
        draft.paymentMethod = texts[.paymentMethod, default: ""]
        draft.deliveryMethod = texts[.deliveryMethod, default: ""]
        draft.deliveryDate = texts[.deliveryDate, default: ""]
        draft.deliveryTime = texts[.deliveryTime, default: ""]
        draft.shippingFee = Int(texts[.shippingFee, default: ""])
        draft.codFee = Int(texts[.codFee, default: ""])
        draft.paymentCharge = Int(texts[.paymentCharge, default: ""])
        draft.buyer = person(.buyer)
        draft.destination = hasSeparateDestination ? person(.destination) : nil
        draft.items = lines.map { texts in
            var line = HandOrderDraft.Line()
            line.manageNumber = texts[.manageNumber, default: ""]
            line.name = texts[.name, default: ""]
            line.choice = texts[.choice, default: ""]
            line.price = Int(texts[.price, default: ""])
            line.units = Int(texts[.units, default: ""]) ?? 0
            line.taxRate = Int(texts[.taxRate, default: ""])
            line.taxIncluded = texts[.taxIncluded] != "税別"
            return line
        }
        draft.remarks = texts[.remarks, default: ""]
        draft.memo = texts[.memo, default: ""]
        return draft
    }

    private func person(_ person: Person) -> HandOrderDraft.Person {
        var value = HandOrderDraft.Person()
        let text = { (part: PersonPart) in texts[.person(person, part), default: ""] }
        value.zip = text(.zip)
        value.prefecture = text(.prefecture)
        value.city = text(.city)
        value.address = text(.address)
        value.name = text(.name)
        value.kana = text(.kana)
        value.phone = text(.phone)
        value.email = text(.email)
        return value
    }

    /// The order the form makes now, or every problem with the field it is in.
    public var checked: Result<Order, HandOrderProblems> {
        do throws(HandOrderProblems) {
            return .success(try draft.order(settings: settings, now: openedAt))
        } catch {
            return .failure(error)
        }
    }

    /// The field a problem names (a problem of the lines as a whole: the first line's name).
    func field(of problem: HandOrderProblems.Problem) -> Field {
        if problem.field == "items" { return .line(0, .name) }
        return fields.first { $0.key == problem.field } ?? .channel
    }

    /// What is wrong with the focused field as typed, once something is in it (an empty field is
    /// said at the save, not while the form is being filled in).
    public var focusedProblem: String? { focusedProblem(in: checked) }

    /// The focused field's problem in a check already made (a frame checks the form once).
    func focusedProblem(in checked: Result<Order, HandOrderProblems>) -> String? {
        guard !text(of: focused).isEmpty || focusedIsChoice, case .failure(let problems) = checked else { return nil }
        return problems.problems.first { field(of: $0) == focused }?.problem
    }

    /// Refuses the save with every problem named by its field, the focus on the first; nil when
    /// the order can be saved.
    public mutating func refuseIfWrong() -> Order? {
        switch checked {
        case .success(let order):
            return order
        case .failure(let found):
            refuse(found)
            return nil
        }
    }

    /// Shows every problem by its field, in the form's order, the focus on the first.
    public mutating func refuse(_ found: HandOrderProblems) {
        let fields = self.fields
        let place = { (field: Field) in fields.firstIndex(of: field) ?? fields.count }
        let sorted = found.problems.map { ($0, field(of: $0)) }.sorted { place($0.1) < place($1.1) }
        problems = sorted.map { "\($0.1.fullLabel): \($0.0.problem)" }
        if let first = sorted.first { focus(first.1) }
    }

    // MARK: 郵便番号 → 住所

    /// The postcode typed into the focused field, once it is seven digits: to look up.
    public var postcodeToLookUp: String? {
        guard case .person(_, .zip) = focused else { return nil }
        return PostcodePlace.digits(of: text(of: focused))
    }

    /// Fills 都道府県 and 市区町村 (and the town, where the 番地 was not yet typed) of the person
    /// whose postcode is focused.
    public mutating func fill(from places: [PostcodePlace], zip: String) {
        guard postcodeToLookUp == zip, case .person(let person, _) = focused else { return }
        let subAddress = Field.person(person, .address)
        let fill = PostcodeFill(places: places, zip: zip, subAddress: text(of: subAddress), autoFilled: autoFilled[subAddress])
        postcodeNote = fill.note
        if let prefecture = fill.prefecture { texts[.person(person, .prefecture)] = prefecture }
        if let city = fill.city { texts[.person(person, .city)] = city }
        if let town = fill.subAddress {
            texts[subAddress] = town
            autoFilled[subAddress] = town
        }
    }
}
