/// A plan as the operator reviews it: each order that changes (its orderer and each field
/// before → after) and each skip with its reason — without the orders themselves. A preview of
/// 10,000 orders holds 10,000 short lines instead of 20,000 orders for as long as it is open.
public struct PlanPreview: Sendable {
    public struct Change: Sendable {
        public let number: OrderNumber
        public let ordererName: String
        public let fields: [FieldChange]
    }

    public let actionID: ActionID
    public let title: String
    public let leavesMachine: Bool
    public let changes: [Change]
    public let skips: [Plan.Skip]
    /// The orders new ones are made from (複製), in the plan's order.
    public let creationSources: [OrderNumber]
    /// New orders the plan makes (複製).
    public var creationCount: Int { creationSources.count }
    /// What the operator must know before going ahead.
    public let cautions: [Plan.Caution]
    /// The skip reasons with how many orders each covers, most frequent first.
    public let skipSummary: [(reason: SkipReason, count: Int)]
    /// The orders the plan changes that hold a change saved here and not yet sent to RMS.
    public let withUnsentEdits: [OrderNumber]

    public init(_ plan: Plan) {
        actionID = plan.actionID
        title = plan.title
        leavesMachine = plan.leavesMachine
        changes = plan.changes.map { Change(number: $0.number, ordererName: $0.before.orderer.fullName, fields: $0.fields) }
        skips = plan.skips
        creationSources = plan.creations.map(\.source)
        cautions = plan.cautions
        skipSummary = plan.skipSummary
        withUnsentEdits = plan.changes.filter { $0.before.pendingEdit != nil }.map(\.number)
    }

    /// The orders the plan changes or copies, in its order: what applying it is given.
    public var numbers: [OrderNumber] {
        let changed = changes.map(\.number)
        let known = Set(changed)
        return changed + creationSources.filter { !known.contains($0) }
    }
}
