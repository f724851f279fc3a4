/// One rule of the shop's routine (rules.toml's `[[rule]]`): when an order matches `when` (the
/// search line's language), what is done to it, as the panel would do it. Checked where it is read;
/// here it is only what it says.
public struct Rule: Sendable, Equatable {
    /// Unique in its file; what the journal, the detail and `juchu rules why` call it.
    public let name: String
    /// The search line it matches, as written, and read.
    public let whenText: String
    public let when: OrderQuery
    /// What it does, in this order (status, check items, carrier, dates, fees, then 注文確認通知,
    /// 同梱 and the mail): each an action any operator could run from the panel.
    public let actions: [OrderAction]
    /// 保留: stop here — no later rule, and no 注文確認通知 by any rule, with this reason.
    public let hold: String?
    /// No later rule for the order.
    public let stop: Bool
    /// Where it is written (the line of its `[[rule]]`), for messages.
    public let line: Int

    public init(name: String, when whenText: String, actions: [OrderAction], hold: String? = nil, stop: Bool = false, line: Int = 0) {
        self.name = name
        self.whenText = whenText
        when = OrderQuery(parsing: whenText)
        self.actions = actions
        self.hold = hold
        self.stop = stop
        self.line = line
    }

    /// Whether it bundles (同梱) the orders it matches with the buyer's others to the destination.
    public var bundles: Bool { actions.contains(.bundle) }

    /// What the journal names as the one who changed the order: 「ルール: 代引は保留」.
    public var operatorName: String { Self.operatorPrefix + name }

    /// How every rule's name begins in the journal (what finds the rules' batches).
    public static let operatorPrefix = "ルール: "
}

extension OrderAction {
    /// How a rule's step reads (rules test, the detail).
    public var ruleText: String {
        switch self {
        case .changeStatus(let status): "受注ステータス→\(status.name)"
        case .setFlag(let flag): "チェック項目「\(flag)」"
        case .clearFlag(let flag): "チェック項目「\(flag)」をはずす"
        case .setCarrier(let carrier): "配送業者→\(carrier.name)"
        case .writeDate(let field, let date, let mode): "\(field.label)→\(date?.description ?? "空白")（\(mode.label)）"
        case .writeFee(let kind, let amount): "\(kind.label)→\(Money.groupedYen(amount))"
        case .confirm: "注文確認通知"
        case .bundle: "同梱（同じ送付先の注文と）"
        case .sendMail(let template, _): "メール「\(template)」"
        default: id.title
        }
    }
}
