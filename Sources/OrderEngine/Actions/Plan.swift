/// What a bulk action will do, decided per order before anything is written:
/// the orders that change (each field before → after) and the ones skipped, each with its reason.
public struct Plan: Sendable {
    public struct Change: Sendable {
        public let before: Order
        public let after: Order
        /// Empty for actions that change nothing locally but send or read (RMSステータスを取得).
        public let fields: [FieldChange]
        /// The change goes to RMS too and cannot be taken back (confirm, cancel of an API order).
        public let sendsToRMS: Bool

        public var number: OrderNumber { before.number }

        public init(before: Order, after: Order, fields: [FieldChange], sendsToRMS: Bool = false) {
            self.before = before
            self.after = after
            self.fields = fields
            self.sendsToRMS = sendsToRMS
        }
    }

    /// A new order made from another (複製).
    public struct Creation: Sendable {
        public let source: OrderNumber
        public let order: Order

        public init(source: OrderNumber, order: Order) {
            self.source = source
            self.order = order
        }
    }

    public struct Skip: Sendable, Hashable {
        public let number: OrderNumber
        public let reason: SkipReason

        public init(number: OrderNumber, reason: SkipReason) {
            self.number = number
            self.reason = reason
        }
    }

    /// What the operator must know of an order before it changes (``BulkAction/caution(_:)``).
    public struct Caution: Sendable, Hashable {
        public let number: OrderNumber
        public let text: String

        public init(number: OrderNumber, text: String) {
            self.number = number
            self.text = text
        }
    }

    public let actionID: ActionID
    public let title: String
    /// What goes to RMS for each order that changes there (nil: the plan stays on this machine).
    public let write: OutboundWrite?
    public private(set) var changes: [Change]
    public private(set) var skips: [Skip]
    public private(set) var creations: [Creation]
    public private(set) var cautions: [Caution]

    public init(
        actionID: ActionID, title: String, write: OutboundWrite? = nil, changes: [Change], skips: [Skip], creations: [Creation] = [],
        cautions: [Caution] = []
    ) {
        self.actionID = actionID
        self.title = title
        self.write = write
        self.changes = changes
        self.skips = skips
        self.creations = creations
        self.cautions = cautions
    }

    /// Adds what the operator must know of `number` that the action's service finds (a template
    /// that prints a bundle order by order).
    public mutating func caution(_ number: OrderNumber, _ text: String) {
        cautions.append(Caution(number: number, text: text))
    }

    /// Whether applying it sends something to RMS that cannot be taken back.
    public var leavesMachine: Bool { write != nil }

    public var isEmpty: Bool { changes.isEmpty && creations.isEmpty }

    /// The skip reasons with how many orders each covers, most frequent first: by what the operator
    /// reads (a missing parcel of another basket is the same 「荷物番号がありません」).
    public var skipSummary: [(reason: SkipReason, count: Int)] {
        var counts: [String: Int] = [:]
        var order: [SkipReason] = []
        for skip in skips {
            let text = skip.reason.text
            if counts[text] == nil { order.append(skip.reason) }
            counts[text, default: 0] += 1
        }
        return order.map { ($0, counts[$0.text]!) }.sorted { $0.count > $1.count }
    }

    /// The orders as they will be once the plan is applied.
    public var appliedOrders: [Order] { changes.map(\.after) }
}
