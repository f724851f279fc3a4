/// An action of the processing panel (処理パネル), decided order by order.
public protocol BulkAction: Sendable {
    /// Its identity: the id the journal, the outbox and the keymap use (``ActionID``).
    var id: ActionID { get }
    /// The panel's words for it, with its inputs: 受注ステータスを「発送待ち」に変更する.
    var title: String { get }
    /// What it sends to RMS for each order it changes there, through the outbox (nil: nothing).
    var write: OutboundWrite? { get }

    /// Whether the action looks at or changes an order's content (addresses, items, totals) and
    /// not only its state (status, sync, fees set or not, bundle, flags, dates): without, a store
    /// may read orders without mapping their JSON. A fee write changes the total, so it reads it.
    var readsOrderContent: Bool { get }

    /// Whether an order's fate depends on the other orders chosen with it (同梱 looks for partners):
    /// such an action is planned and applied over the whole selection at once, never in parts.
    var decidesOnSelection: Bool { get }

    /// Whether the action acts on whole bundles (同梱): the store takes in every member of a bundle
    /// any member of which is chosen (a bundle is one parcel: reported, corrected, unbundled whole).
    var takesWholeBundles: Bool { get }

    /// What the action does to one order of `selection`.
    func decide(_ order: Order, in selection: Selection) -> Decision

    /// What the operator must know before an order it changes is changed (a bundle whose label is
    /// out): said in the preview, which asks; nil when nothing.
    func caution(_ order: Order) -> String?
}

extension BulkAction {
    public var title: String { id.title }
    public var write: OutboundWrite? { nil }
    public var readsOrderContent: Bool { true }
    public var decidesOnSelection: Bool { false }
    public var takesWholeBundles: Bool { false }
    public func caution(_ order: Order) -> String? { nil }
    /// Whether applying it sends something to RMS that cannot be taken back (confirm, cancel, shipping report).
    public var leavesMachine: Bool { write != nil }
}

/// The outcome of ``BulkAction/decide(_:in:)`` for one order.
public enum Decision: Sendable {
    /// The order becomes this; with `sendsToRMS`, the change is also sent to RMS (confirm, cancel).
    case change(Order, sendsToRMS: Bool = false)
    /// A new order is made from this one (複製); the store gives it its number.
    case create(Order)
    /// The order is sent to or read from RMS as it is; nothing changes locally yet.
    case include
    case skip(SkipReason)
}

/// The orders an action is applied to, for rules that look across orders (bundling).
public struct Selection: Sendable {
    public let orders: [Order]
    public init(_ orders: [Order]) { self.orders = orders }
}

extension BulkAction {
    /// Decides every order of `orders`; nothing is written.
    public func plan(_ orders: [Order]) -> Plan {
        let selection = Selection(orders)
        var changes: [Plan.Change] = []
        var skips: [Plan.Skip] = []
        var creations: [Plan.Creation] = []
        var cautions: [Plan.Caution] = []
        for order in orders {
            switch decide(order, in: selection) {
            case .change(let after, let sendsToRMS):
                let fields = order.changes(to: after)
                // A write that leaves the machine may change nothing here first (a mail).
                if fields.isEmpty, !sendsToRMS {
                    skips.append(.init(number: order.number, reason: .noChange))
                } else {
                    changes.append(.init(before: order, after: after, fields: fields, sendsToRMS: sendsToRMS))
                    if let caution = caution(order) { cautions.append(.init(number: order.number, text: caution)) }
                }
            case .create(let copy):
                creations.append(.init(source: order.number, order: copy))
            case .include:
                changes.append(.init(before: order, after: order, fields: []))
            case .skip(let reason):
                skips.append(.init(number: order.number, reason: reason))
            }
        }
        return Plan(actionID: id, title: title, write: write, changes: changes, skips: skips, creations: creations, cautions: cautions)
    }
}
