import OrderEngine

/// 注文内容修正: the form over one order — its fees, each item's quantity and unit price, and
/// for a Rakuten order the reduction reason RMS needs when an amount goes down. What is typed
/// stays text until it is saved, so that a half-typed amount is never an amount.
public struct OrderEditForm: Sendable {
    public enum Field: Sendable, Hashable {
        case fee(WriteFeeAction.Kind)
        case units(package: Int, item: Int)
        case unitPrice(package: Int, item: Int)
        /// 楽天減額理由: a choice, not typed.
        case reductionReason
    }

    /// The order as the form opened it: what the edit is checked against when it is saved.
    public let original: Order
    public let fields: [Field]
    public private(set) var texts: [Field: String]
    public var cursor = 0
    /// 0: none; otherwise ``PendingEdit/reductionReasons``[n - 1].
    public var reasonIndex = 0
    /// Why the last save was refused.
    public var problems: [String] = []

    public init(order: Order) {
        original = order
        var fields: [Field] = [.fee(.shipping), .fee(.cashOnDelivery)]
        // RMS takes no payment charge in an edit (updateOrderSender): it is changed here only
        // for the shop's own orders.
        if !order.origin.isRakutenAPI { fields.append(.fee(.paymentCharge)) }
        for (p, package) in order.packages.enumerated() {
            for i in package.items.indices { fields += [.units(package: p, item: i), .unitPrice(package: p, item: i)] }
        }
        if order.origin.isRakutenAPI { fields.append(.reductionReason) }
        self.fields = fields
        var texts: [Field: String] = [:]
        for field in fields {
            switch field {
            case .fee(let kind): texts[field] = order.fees[kind].yen.map(String.init) ?? ""
            case .units(let p, let i): texts[field] = String(order.packages[p].items[i].units)
            case .unitPrice(let p, let i): texts[field] = String(order.packages[p].items[i].unitPrice)
            case .reductionReason: break
            }
        }
        self.texts = texts
        if let code = order.pendingEdit?.reductionReason, let index = PendingEdit.reductionReasons.firstIndex(where: { $0.code == code }) {
            reasonIndex = index + 1
        }
    }

    public var focused: Field { fields[cursor] }

    /// The focused field's value is replaced by the next digit typed, not added to (the field has
    /// just been reached); Backspace edits it instead.
    public private(set) var replacesOnType = true

    public mutating func move(by delta: Int) {
        cursor = min(max(0, cursor + delta), fields.count - 1)
        replacesOnType = true
    }

    /// A digit typed into the focused amount (up to seven digits: 999万円 is past every limit).
    /// A digit typed into the focused amount (full-width ones as IMEs type them too), up to seven
    /// digits: 999万円 is past every limit. False for a key that is not a digit.
    @discardableResult
    public mutating func type(_ character: Character) -> Bool {
        let digit = character.typedASCII
        guard digit.isASCII, digit.isNumber, focused != .reductionReason else { return false }
        let text = replacesOnType ? "" : texts[focused, default: ""]
        replacesOnType = false
        problems = []
        guard text.count < 7 else { return true }
        texts[focused] = text == "0" ? String(digit) : text + String(digit)
        return true
    }

    public mutating func deleteBackward() {
        replacesOnType = false
        guard var text = texts[focused], !text.isEmpty else { return }
        text.removeLast()
        texts[focused] = text
        problems = []
    }

    public mutating func chooseReason(by delta: Int) {
        let count = PendingEdit.reductionReasons.count + 1
        reasonIndex = (reasonIndex + delta + count) % count
        problems = []
    }

    public var reasonLabel: String {
        reasonIndex == 0 ? "（なし）" : PendingEdit.reductionReasons[reasonIndex - 1].label
    }

    /// The edit the texts make; an empty fee is 未設定, an empty quantity or price is a problem.
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
            case .reductionReason:
                break
            }
        }
        return .success(edit)
    }

    public func text(of field: Field) -> String { texts[field] ?? "" }

    func itemName(_ package: Int, _ item: Int) -> String { original.packages[package].items[item].name }
}

public struct EditInputError: Error, Sendable, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
