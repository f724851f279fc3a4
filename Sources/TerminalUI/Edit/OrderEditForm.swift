import OrderEngine

/// 注文内容修正: the form over one order, in sections — its amounts (fees, each item's quantity
/// and unit price, and for a Rakuten order the reduction reason RMS needs when an amount goes
/// down), 配送・メモ, each 送付先 and the 注文者. What is typed stays text until it is saved, so
/// that a half-typed amount is never an amount; each value is checked as it is typed, as RMS
/// checks it.
public struct OrderEditForm: Sendable {
    public enum Field: Sendable, Hashable {
        case fee(WriteFeeAction.Kind)
        case units(package: Int, item: Int)
        case unitPrice(package: Int, item: Int)
        /// 楽天減額理由: a choice, not typed.
        case reductionReason
        /// A detail (送付先, お届け日, メモ…), typed or chosen.
        case detail(DetailField)
    }

    /// A part of the form, reached with PageDown and PageUp.
    public struct Section: Sendable {
        public let title: String
        public let fields: [Field]
    }

    /// The order as the form opened it: what the edit is checked against when it is saved.
    public let original: Order
    public let sections: [Section]
    public let fields: [Field]
    /// The day the details are checked against, and what they are chosen from.
    public let context: DetailEdit.Context
    public private(set) var texts: [Field: String]
    public var cursor = 0
    /// 0: none; otherwise ``PendingEdit/reductionReasons``[n - 1].
    public var reasonIndex = 0
    /// Why the last save was refused.
    public var problems: [String] = []
    /// What the last postcode lookup found (or did not), shown under the form.
    public var postcodeNote: String?
    /// Esc was pressed once with changes: the next one closes the form without saving.
    public var discardAsked = false
    /// The 番地 a postcode lookup filled with its town, by field.
    private var autoFilled: [Field: String] = [:]

    public init(order: Order, context: DetailEdit.Context = OrderEditForm.defaultContext) {
        original = order
        self.context = context
        var amounts: [Field] = [.fee(.shipping), .fee(.cashOnDelivery)]
        // RMS takes no payment charge in an edit (updateOrderSender): it is changed here only
        // for the shop's own orders.
        if !order.origin.isRakutenAPI { amounts.append(.fee(.paymentCharge)) }
        for (p, package) in order.packages.enumerated() {
            for i in package.items.indices { amounts += [.units(package: p, item: i), .unitPrice(package: p, item: i)] }
        }
        if order.origin.isRakutenAPI { amounts.append(.reductionReason) }
        var sections = [Section(title: "金額・数量", fields: amounts)]
        var delivery: [DetailField] = [.deliveryDate, .shippingTerm, .deliveryName]
        delivery += order.packages.indices.map { .dropOffLocation(package: $0) }
        delivery += [.memo, .remarks, .giftCheck]
        if order.origin.isRakutenAPI { delivery.append(.subStatusId) }
        sections.append(Section(title: "配送・メモ", fields: delivery.map(Field.detail)))
        // The postcode first: it fills 都道府県 and 市区町村.
        let parts: [DetailField.ContactPart] = [.zipCode, .prefecture, .city, .subAddress, .familyName, .firstName, .familyNameKana, .firstNameKana, .phoneNumber]
        for p in order.packages.indices where order.packages[p].handling?.convenienceStore == nil {
            sections.append(Section(title: "送付先\(order.packages.count > 1 ? String(p + 1) : "")", fields: parts.map { .detail(.sender(package: p, $0)) }))
        }
        sections.append(Section(title: "注文者", fields: parts.map { .detail(.orderer($0)) }))
        self.sections = sections
        fields = sections.flatMap(\.fields)
        var texts: [Field: String] = [:]
        for field in fields {
            switch field {
            case .fee(let kind): texts[field] = order.fees[kind].yen.map(String.init) ?? ""
            case .units(let p, let i): texts[field] = String(order.packages[p].items[i].units)
            case .unitPrice(let p, let i): texts[field] = String(order.packages[p].items[i].unitPrice)
            case .reductionReason: break
            case .detail(let detail): texts[field] = detail.text(in: order)
            }
        }
        self.texts = texts
        if let code = order.pendingEdit?.reductionReason, let index = PendingEdit.reductionReasons.firstIndex(where: { $0.code == code }) {
            reasonIndex = index + 1
        }
    }

    public var focused: Field { fields[cursor] }

    /// The section the focused field is in.
    public var sectionIndex: Int {
        var start = 0
        for (index, section) in sections.enumerated() {
            if cursor < start + section.fields.count { return index }
            start += section.fields.count
        }
        return sections.count - 1
    }

    /// The focused field's value is replaced by what is typed first, not added to (the field has
    /// just been reached); Backspace edits it instead. Free text (番地, メモ, 備考, 置き配) is added to.
    public private(set) var replacesOnType = true

    public mutating func move(by delta: Int) {
        cursor = min(max(0, cursor + delta), fields.count - 1)
        replacesOnType = true
    }

    /// To the first field of the next (or previous) section.
    public mutating func moveSection(by delta: Int) {
        let target = min(max(0, sectionIndex + delta), sections.count - 1)
        cursor = sections[..<target].reduce(0) { $0 + $1.fields.count }
        replacesOnType = true
    }

    /// Whether the focused field is chosen from a list (←→), not typed.
    public var focusedIsChoice: Bool {
        switch focused {
        case .reductionReason: true
        case .detail(let detail): Self.choiceFields.contains(detail)
        default: false
        }
    }

    static let choiceFields: Set<DetailField> = [.deliveryName, .giftCheck, .subStatusId]

    /// Whether the focused field takes any character typed (a detail's text), not digits only.
    public var focusedTakesText: Bool {
        if case .detail = focused { !focusedIsChoice } else { false }
    }

    /// A character typed into the focused field: a digit into an amount (full-width ones as IMEs
    /// type them too, up to seven digits: 999万円 is past every limit), any character into a
    /// detail. False for a key the field does not take.
    @discardableResult
    public mutating func type(_ character: Character) -> Bool {
        switch focused {
        case .reductionReason:
            return false
        case .detail(let detail):
            guard !focusedIsChoice, !character.isNewline, character.unicodeScalars.allSatisfy({ $0.properties.generalCategory != .control }) else { return false }
            let appends = [DetailField.memo, .remarks].contains(detail) || { if case .dropOffLocation = detail { true } else if case .sender(_, .subAddress) = detail { true } else if case .orderer(.subAddress) = detail { true } else { false } }()
            let text = replacesOnType && !appends ? "" : texts[focused, default: ""]
            replacesOnType = false
            problems = []
            texts[focused] = text + String(character)
            return true
        default:
            let digit = character.typedASCII
            guard digit.isASCII, digit.isNumber else { return false }
            let text = replacesOnType ? "" : texts[focused, default: ""]
            replacesOnType = false
            problems = []
            guard text.count < 7 else { return true }
            texts[focused] = text == "0" ? String(digit) : text + String(digit)
            return true
        }
    }

    public mutating func deleteBackward() {
        replacesOnType = false
        guard !focusedIsChoice, var text = texts[focused], !text.isEmpty else { return }
        text.removeLast()
        texts[focused] = text
        problems = []
    }

    /// ←→ on a choice: the next or previous reason, delivery method, ギフト or サブステータス.
    public mutating func choose(by delta: Int) {
        problems = []
        switch focused {
        case .reductionReason:
            let count = PendingEdit.reductionReasons.count + 1
            reasonIndex = (reasonIndex + delta + count) % count
        case .detail(let detail):
            let options = self.options(for: detail)
            guard !options.isEmpty else { return }
            let now = options.firstIndex { $0.value == texts[focused] } ?? -1
            let next = now < 0 ? (delta > 0 ? 0 : options.count - 1) : (now + delta + options.count) % options.count
            texts[focused] = options[next].value
        default:
            break
        }
    }

    public mutating func chooseReason(by delta: Int) { choose(by: delta) }

    /// The values a choice takes, with how each reads.
    public func options(for detail: DetailField) -> [(value: String, label: String)] {
        switch detail {
        case .deliveryName:
            var names = context.deliveryMethods
            if let now = original.delivery?.method, !now.isEmpty, !names.contains(now) { names.insert(now, at: 0) }
            return names.map { ($0, $0) }
        case .giftCheck:
            return [("0", "なし"), ("1", "あり")]
        case .subStatusId:
            let known = context.subStatuses.filter { $0.progress == original.rmsProgress.code }
            var options = [("", "（なし）")] + known.map { (String($0.id), $0.name) }
            if let id = original.delivery?.subStatusID, !known.contains(where: { $0.id == id }) {
                options.insert((String(id), original.delivery?.subStatus ?? "ID \(id)"), at: 1)
            }
            return options
        default:
            return []
        }
    }

    public var reasonLabel: String {
        reasonIndex == 0 ? "（なし）" : PendingEdit.reductionReasons[reasonIndex - 1].label
    }

    /// The edit of the amounts the texts make (nil when they are as the order has them); an empty
    /// fee is 未設定, an empty quantity or price is a problem.
    public var edit: Result<OrderEdit, EditInputError> {
        var edit = OrderEdit(of: original)
        edit.reductionReason = reasonIndex == 0 ? nil : PendingEdit.reductionReasons[reasonIndex - 1].code
        for field in fields {
            let text = texts[field] ?? ""
            switch field {
            case .fee(let kind):
                edit.fees[kind] = text.isEmpty ? .unset : .yen(Int(text) ?? 0)
            case .units(let p, let i):
                guard let units = Int(text) else { return .failure(EditInputError("\(itemName(p, i))の数量を入力してください")) }
                edit.lines[p][i].units = units
            case .unitPrice(let p, let i):
                guard let price = Int(text) else { return .failure(EditInputError("\(itemName(p, i))の単価を入力してください")) }
                edit.lines[p][i].unitPrice = price
            case .reductionReason, .detail:
                break
            }
        }
        return .success(edit)
    }

    /// The details typed that differ from the order's.
    public var detailEdit: DetailEdit {
        var values: [DetailField: String] = [:]
        for field in fields {
            guard case .detail(let detail) = field, let text = texts[field], text != detail.text(in: original) else { continue }
            values[detail] = text
        }
        return DetailEdit(values)
    }

    /// What is wrong with the focused detail as typed, as RMS would say it (nil when nothing).
    public var focusedProblem: String? {
        guard case .detail(let detail) = focused, let text = texts[focused], text != detail.text(in: original) else { return nil }
        return DetailEdit([detail: text]).normalized(for: original, context: context).failureDescription
    }

    public func text(of field: Field) -> String { texts[field] ?? "" }

    /// Whether anything was typed or chosen that the order does not hold.
    public var hasChanges: Bool {
        if !detailEdit.values.isEmpty { return true }
        guard case .success(let edit) = edit else { return true }
        return edit != OrderEdit(of: original)
    }

    /// How a field's value reads: a choice by its label, a time slot in words.
    public func display(of field: Field) -> String {
        guard case .detail(let detail) = field else { return text(of: field) }
        let text = self.text(of: field)
        if let option = options(for: detail).first(where: { $0.value == text }) { return option.label }
        if detail == .shippingTerm, let code = DetailLimits.timeSlot(text), code != 0, text.allSatisfy(\.isNumber) {
            return "\(text)（\(DeliveryDetails.text(ofTimeSlot: code) ?? "")）"
        }
        return text.replacingOccurrences(of: "\n", with: "⏎")
    }

    func itemName(_ package: Int, _ item: Int) -> String { original.packages[package].items[item].name }

    // MARK: 郵便番号 → 住所

    /// The postcode typed into the focused field, once it is seven digits: to look up.
    public var postcodeToLookUp: String? {
        guard case .detail(let detail) = focused, Self.contact(of: detail)?.part == .zipCode else { return nil }
        return PostcodePlace.digits(of: text(of: focused))
    }

    /// Fills 都道府県 and 市区町村 (and the town, where the 番地 was not yet typed) of the contact
    /// whose postcode is focused, from Japan Post's places for it.
    public mutating func fill(from places: [PostcodePlace], zip: String) {
        guard postcodeToLookUp == zip, case .detail(let detail) = focused, let contact = Self.contact(of: detail) else { return }
        let subAddress = Field.detail(contact.field(.subAddress))
        let fill = PostcodeFill(places: places, zip: zip, subAddress: texts[subAddress, default: ""], autoFilled: autoFilled[subAddress])
        postcodeNote = fill.note
        if let prefecture = fill.prefecture { texts[.detail(contact.field(.prefecture))] = prefecture }
        if let city = fill.city { texts[.detail(contact.field(.city))] = city }
        if let town = fill.subAddress {
            texts[subAddress] = town
            autoFilled[subAddress] = town
        }
    }

    /// Which contact a detail belongs to, and its part.
    static func contact(of detail: DetailField) -> (part: DetailField.ContactPart, field: (DetailField.ContactPart) -> DetailField)? {
        switch detail {
        case .sender(let p, let part): (part, { .sender(package: p, $0) })
        case .orderer(let part): (part, { .orderer($0) })
        default: nil
        }
    }
}

extension OrderEditForm {
    /// Before the desk says the day and the shop's lists: RMS's common delivery methods.
    public static let defaultContext = DetailEdit.Context(
        today: CalendarDate(year: 2000, month: 1, day: 1)!, deliveryMethods: DeliveryDetails.commonMethods)
}

extension Result where Failure == EditProblems {
    var failureDescription: String? {
        if case .failure(let problems) = self { problems.description } else { nil }
    }
}

public struct EditInputError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
