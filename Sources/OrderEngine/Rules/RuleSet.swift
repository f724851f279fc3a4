import Foundation

/// What a rule did to an order, as the store keeps it: at most one per rule and order, recorded
/// before the rule's first write, so that no rule ever acts twice on an order.
public struct RuleAct: Sendable, Equatable {
    public let rule: String
    /// What it matched, in words: 「支払=代金引換, 特記=離島」.
    public let matched: String
    /// The reason it held the order (保留), if it did.
    public let hold: String?
    /// It said stop: no later rule for the order, now or on a later run.
    public let stopped: Bool
    public let at: Date
    /// The journal batch of its writes (what a desk takes back).
    public let batchID: String
    /// Its 同梱 waits until the order and the buyer's others to the destination are 楽天処理済.
    public let waitsToBundle: Bool

    public init(rule: String, matched: String, hold: String?, stopped: Bool = false, at: Date, batchID: String, waitsToBundle: Bool = false) {
        self.rule = rule
        self.matched = matched
        self.hold = hold
        self.stopped = stopped
        self.at = at
        self.batchID = batchID
        self.waitsToBundle = waitsToBundle
    }
}

/// The shop's rules in file order (rules.toml): each checked for an order in turn — the first to
/// hold or stop ends the order's turn — and each acting at most once on an order.
public struct RuleSet: Sendable, Equatable {
    public let rules: [Rule]

    public init(_ rules: [Rule]) { self.rules = rules }

    public var isEmpty: Bool { rules.isEmpty }

    /// Whether a rule asks for 同梱:候補 or bundles, which the store answers from the other orders.
    public var needsBundleCandidates: Bool { rules.contains { $0.when.bundleCandidate || $0.bundles } }

    /// Whether a rule asks for リピート:, which the store answers from the buyer's other orders.
    public var needsEarlierOrders: Bool { rules.contains { $0.when.earlierOrdersFrom != nil || $0.when.earlierOrdersThrough != nil } }

    /// Whether a rule asks for 連携:, 帳票: or メール:, which the store answers from its records.
    public var needsRecords: Bool { rules.contains { $0.when.needsRecords } }

    /// Gives the bulk action of a rule's step, or why it cannot run (the services' for mail, which
    /// need the shop's templates and the order's mails).
    public typealias Engine = (OrderAction) -> Result<any BulkAction, ActionInputError>

    /// What the rules make of `order`, given what they did to it before (`history`): each rule,
    /// whether it matched and why, and what it does now. Each rule is matched against the order as
    /// the rules before it leave it (a check item one sets, the next may look for), their steps
    /// planned by `engine`. `context`: what the store knows beyond the order (its 同梱候補).
    public func trace(_ order: Order, history: [RuleAct] = [], context: OrderQuery.Context = .init(), engine: Engine) -> RuleTrace {
        let before = Dictionary(history.map { ($0.rule, $0) }, uniquingKeysWith: { first, _ in first })
        var steps: [RuleTrace.Step] = []
        // A hold recorded earlier still holds: no rule confirms the order.
        var held = history.first { $0.hold != nil }.map { (rule: $0.rule, reason: $0.hold!) }
        var ended: String?
        var current = order
        var planned: [RuleTrace.PlannedStep] = []
        for rule in rules {
            let verdict: RuleTrace.Verdict
            if let ended {
                verdict = before[rule.name].map { .actedBefore($0.at) } ?? .after(ended)
            } else if let act = before[rule.name] {
                verdict = .actedBefore(act.at)
                // Held or stopped once, the order's turn ends there on every later run too.
                if act.hold != nil || act.stopped { ended = rule.name }
            } else if rule.when.matches(current, in: context) {
                verdict = .acts
                let steps = RuleTrace.planned([rule], on: current, held: [:], context: context, engine: engine)
                current = steps.order
                planned += steps.steps
                if let reason = rule.hold {
                    held = held ?? (rule.name, reason)
                    ended = rule.name
                } else if rule.stop {
                    ended = rule.name
                }
            } else {
                verdict = .notMatched
            }
            steps.append(.init(rule: rule, order: current, context: context, verdict: verdict))
        }
        return RuleTrace(number: order.number, steps: steps, held: held, context: context, plannedUnheld: planned)
    }
}

/// The rules decided for one order.
public struct RuleTrace: Sendable {
    public struct Step: Sendable {
        public let rule: Rule
        /// The order as the rules before it left it, which the rule was matched against.
        let order: Order
        let context: OrderQuery.Context
        public let verdict: Verdict

        /// Each term of the rule's `when`, decided, in words (made when asked: deciding needs none).
        public var terms: [OrderQuery.TermResult] { rule.when.explain(order, in: context) }

        /// What it matched (「支払=代金引換, 特記=離島」), or why not (the terms that do not hold).
        public var reason: String {
            switch verdict {
            case .acts: terms.isEmpty ? "すべての注文" : terms.map(\.text).joined(separator: ", ")
            case .notMatched: terms.filter { !$0.holds }.map(\.text).joined(separator: ", ")
            case .actedBefore: "実行済み"
            case .after(let rule): "ルール「\(rule)」で止まりました"
            }
        }
    }

    public enum Verdict: Sendable, Equatable {
        /// It matched and acts now.
        case acts
        case notMatched
        /// It acted on the order before (at most once per order).
        case actedBefore(Date)
        /// An earlier rule held the order or said stop.
        case after(String)
    }

    public let number: OrderNumber
    public let steps: [Step]
    /// The rule that holds the order and its reason (now or before): no rule confirms it.
    public let held: (rule: String, reason: String)?
    /// What the store knew beyond the order (its 同梱候補).
    let context: OrderQuery.Context
    /// The acting rules' steps as planned while matching, before any hold was known: the plan
    /// itself when no rule holds the order.
    let plannedUnheld: [PlannedStep]

    /// The rules that act now, in order.
    public var acting: [Rule] { steps.filter { $0.verdict == .acts }.map(\.rule) }
}

/// A rule's step as a bulk action: the panel's own action, with what a rule must never do on top —
/// no 注文確認通知 for an order a rule holds (保留), or that has a change not yet in RMS. Planned
/// for the simulation and applied by the store through this one type.
public struct RuleStepAction: BulkAction {
    public let rule: Rule
    public let base: any BulkAction
    /// The orders a rule holds, with the rule and reason.
    public let held: [OrderNumber: (rule: String, reason: String)]

    public init(rule: Rule, base: any BulkAction, held: [OrderNumber: (rule: String, reason: String)]) {
        self.rule = rule
        self.base = base
        self.held = held
    }

    public var id: ActionID { base.id }
    public var title: String { "ルール「\(rule.name)」: \(base.title)" }
    public var write: OutboundWrite? { base.write }
    public var readsOrderContent: Bool { base.readsOrderContent }
    public var decidesOnSelection: Bool { base.decidesOnSelection }
    public var takesWholeBundles: Bool { base.takesWholeBundles }
    public func caution(_ order: Order) -> String? { base.caution(order) }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if base.write == .confirm {
            if let hold = held[order.number] { return .skip(.heldByRule(rule: hold.rule, reason: hold.reason)) }
            if order.pendingEdit != nil || order.hasUnsentAmounts { return .skip(.unsentEditBeforeRuleConfirm) }
        }
        return base.decide(order, in: selection)
    }
}

extension RuleTrace {
    /// One action of one rule, decided for the order as the earlier ones leave it.
    public struct PlannedStep: Sendable {
        public let rule: String
        public let action: String
        /// The fields it changes (before → after), or what it sends; nil when skipped.
        public let applies: String?
        public let skip: SkipReason?
        /// It goes out (注文確認通知 to RMS, a mail to the buyer) and cannot be taken back.
        public var leavesMachine = false
    }

    /// Every action of the rules that act, planned in turn on `order` as the earlier ones leave
    /// it: what the rules would do, nothing written. A step `engine` cannot give is a skip with why.
    /// A hold wins over every confirmation of the order by a rule, before it in the file or after.
    public func plan(on order: Order, engine: RuleSet.Engine) -> [PlannedStep] {
        if held == nil { return plannedUnheld }
        return Self.planned(acting, on: order, held: held.map { [number: $0] } ?? [:], context: context, engine: engine).steps
    }

    /// `rules`' steps planned in turn on `order`, and the order as they leave it.
    static func planned(
        _ rules: [Rule], on order: Order, held: [OrderNumber: (rule: String, reason: String)], context: OrderQuery.Context,
        engine: RuleSet.Engine
    ) -> (steps: [PlannedStep], order: Order) {
        var current = order
        var planned: [PlannedStep] = []
        for rule in rules {
            for action in rule.actions {
                // 同梱 takes the buyer's other orders, which one order's plan does not see: what it
                // will do is said from the 同梱候補 the store found.
                if action == .bundle {
                    planned.append(bundleStep(rule, current, context: context))
                    continue
                }
                switch engine(action) {
                case .failure(let error):
                    planned.append(.init(rule: rule.name, action: action.ruleText, applies: nil, skip: .ruleStepRefused(error.description)))
                case .success(let base):
                    let step = RuleStepAction(rule: rule, base: base, held: held).plan([current])
                    if let change = step.changes.first {
                        current = change.after
                        let text = change.fields.isEmpty || change.sendsToRMS ? "送信" : change.fields.map(\.displayText).joined(separator: "、")
                        planned.append(.init(rule: rule.name, action: action.ruleText, applies: text, skip: nil, leavesMachine: base.leavesMachine))
                    } else {
                        planned.append(.init(rule: rule.name, action: action.ruleText, applies: nil, skip: step.skips.first?.reason ?? .noChange))
                    }
                }
            }
        }
        return (planned, current)
    }

    /// A rule's 同梱 of `order`, said: with its 同梱候補, now or once RMS has taken them, or why not.
    static func bundleStep(_ rule: Rule, _ order: Order, context: OrderQuery.Context) -> PlannedStep {
        let action = OrderAction.bundle.ruleText
        guard context.bundleCandidates.contains(order.number) else {
            return .init(rule: rule.name, action: action, applies: nil, skip: .bundleNoPartner)
        }
        if BundleAction.awaitsRMS(order) {
            return .init(rule: rule.name, action: action, applies: "同梱候補と同梱（同じ送付先の注文がすべて楽天処理済になってから）", skip: nil)
        }
        if let obstacle = BundleAction.obstacle(order) { return .init(rule: rule.name, action: action, applies: nil, skip: obstacle) }
        return .init(rule: rule.name, action: action, applies: "同梱候補と同梱", skip: nil)
    }
}
