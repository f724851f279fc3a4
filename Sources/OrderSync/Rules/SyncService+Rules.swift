import Foundation
import OrderEngine
import OrderStore
import CustomerMail
import MailTransport

/// The shop's rules (rules.toml) run through the same plans, journal, outbox and rate budget as an
/// operator's actions: each rule's writes are journalled as the rule's (「ルール: 代引は保留」) under
/// one batch per rule and run, and each rule acts at most once on an order — its act is recorded
/// before its first write.
extension SyncService {
    /// What the rules did in one run.
    public struct RulesReport: Sendable {
        /// Orders the rules looked at.
        public var checked = 0
        /// Per rule that acted: the orders it acted on, and its batch (what a desk takes back).
        public var acted: [(rule: String, numbers: [OrderNumber], batchID: String)] = []
        /// Each action's result per order, 「ルール名: 処理」 first.
        public var lines: [WriteReport.Line] = []
        public var skipped: [(rule: String, skip: Plan.Skip)] = []
        /// Orders whose rule's 同梱 waits for RMS to take them or the buyer's others.
        public var waitingToBundle: [OrderNumber] = []

        mutating func add(_ other: RulesReport) {
            checked += other.checked
            acted += other.acted
            lines += other.lines
            skipped += other.skipped
            waitingToBundle += other.waitingToBundle
        }
    }

    /// Runs the rules on the newly imported orders not yet checked, a part at a time, recording
    /// how far it got after each part. With no rules, the newly imported orders are only marked
    /// checked: a rule written later acts on orders imported after it, not on the shop's past.
    /// When a rule mails, an order is checked once it is older than `[mail] hold_minutes` (the
    /// mail's own wait), and the orders after it wait with it, so that the rules see them in order.
    public func runRulesOnNewOrders(_ rules: RuleSet) async throws -> RulesReport {
        var report = RulesReport()
        let mails = rules.rules.contains { $0.actions.contains { if case .sendMail = $0 { true } else { false } } }
        let orderedBefore = mails ? now().addingTimeInterval(-Double(mailer?.settings.holdMinutes ?? 0) * 60) : nil
        while !Task.isCancelled {
            let (numbers, through) = try store.ordersAwaitingRules(orderedBefore: orderedBefore)
            guard let through else { break }
            if !numbers.isEmpty, !rules.isEmpty { report.add(try await applyRules(rules, to: numbers)) }
            try store.markRulesChecked(through: through)
        }
        report.add(try bundleWaitingOrders(rules))
        return report
    }

    /// The rules' 同梱 that waited, looked at again: bundled once RMS has taken every order of the
    /// destination; no longer waiting when its rule has gone from the file or no longer bundles.
    public func bundleWaitingOrders(_ rules: RuleSet) throws -> RulesReport {
        var report = RulesReport()
        for (name, waiting) in try store.ruleBundlesWaiting() {
            guard let rule = rules.rules.first(where: { $0.name == name && $0.bundles }) else {
                try store.setRuleBundleWaiting(name, waiting.map(\.number), waiting: false)
                continue
            }
            for (batchID, entries) in Dictionary(grouping: waiting, by: \.batchID) {
                report.add(try bundle(as: rule, entries.map(\.number), batchID: batchID))
            }
        }
        return report
    }

    /// `rule`'s 同梱 of `numbers`: each with the buyer's other open orders to its destination, in
    /// the rule's batch, once none of them waits for RMS (楽天処理済); those that wait are recorded
    /// so, and looked at again by the worker's next round.
    func bundle(as rule: Rule, _ numbers: [OrderNumber], batchID: String) throws -> RulesReport {
        var report = RulesReport()
        let orders = try store.orders(numbers + (try store.bundlePartners(of: numbers)))
        let byDestination = Dictionary(grouping: orders.filter { $0.bundleCandidateKey != nil }, by: { $0.bundleCandidateKey! })
        var ready: Set<OrderNumber> = []
        var waiting: [OrderNumber] = []
        var done: [OrderNumber] = []
        for order in orders where numbers.contains(order.number) {
            // Its partners: the open orders to its destination from the same buyer, as the panel's 同梱 pairs them.
            let partners = order.bundleCandidateKey.flatMap { byDestination[$0] }?
                .filter { $0.number != order.number && BundleAction.sameRecipient($0, order) } ?? []
            guard !partners.isEmpty, !order.isBundled else {
                report.skipped.append((rule.name, Plan.Skip(number: order.number, reason: order.isBundled ? .alreadyBundled : .bundleNoPartner)))
                done.append(order.number)
                continue
            }
            if ([order] + partners).contains(where: BundleAction.awaitsRMS) {
                waiting.append(order.number)
            } else {
                ready.formUnion(([order] + partners).map(\.number))
                done.append(order.number)
            }
        }
        if !ready.isEmpty {
            let applied = try acting(as: rule.operatorName).store.apply(
                RuleStepAction(rule: rule, base: BundleAction(), held: [:]), to: ready.sorted(), batchID: batchID)
            report.skipped += applied.plan.skips.map { (rule.name, $0) }
            report.lines += applied.plan.changes.map { change in
                .init(number: change.number, ok: true, message: "\(rule.name): \(change.fields.map(\.displayText).joined(separator: "、"))")
            }
        }
        try store.setRuleBundleWaiting(rule.name, waiting, waiting: true)
        try store.setRuleBundleWaiting(rule.name, done, waiting: false)
        report.waitingToBundle = waiting
        return report
    }

    /// Runs the rules on `numbers` now (on demand, or on new orders): each rule in file order on
    /// the orders it matches and has not acted on before.
    public func applyRules(_ rules: RuleSet, to numbers: [OrderNumber]) async throws -> RulesReport {
        var report = RulesReport()
        guard !rules.isEmpty, !numbers.isEmpty else { return report }
        try await settleUnclearWrites()
        let orders = try store.orders(numbers)
        let (traces, engine) = try Self.traces(rules, orders, store: store, mailer: mailer, now: now())
        report.checked = orders.count
        var held: [OrderNumber: (rule: String, reason: String)] = [:]
        for trace in traces { if let hold = trace.held { held[trace.number] = hold } }
        for rule in rules.rules {
            var matched: [OrderNumber: String] = [:]
            for trace in traces {
                guard let step = trace.steps.first(where: { $0.rule.name == rule.name }), step.verdict == .acts else { continue }
                matched[trace.number] = step.reason
            }
            guard !matched.isEmpty else { continue }
            let batchID = UUID().uuidString.lowercased()
            // Recorded first: a rule never acts twice on an order, whatever happens after.
            let targets = try store.recordRuleActs(rule, matched, batchID: batchID)
            guard !targets.isEmpty else { continue }
            report.acted.append((rule.name, targets, batchID))
            let acting = self.acting(as: rule.operatorName)
            var wrote = false
            for action in rule.actions {
                if action == .bundle {
                    // The buyer's other orders join: the rule's own 同梱, now or once RMS has them.
                    do {
                        report.add(try bundle(as: rule, targets, batchID: batchID))
                    } catch {
                        if !wrote { try store.forgetRuleActs(rule, targets, batchID: batchID) }
                        throw error
                    }
                    wrote = true
                    continue
                }
                switch engine(action) {
                case .failure(let error):
                    report.skipped += targets.map { (rule.name, Plan.Skip(number: $0, reason: .ruleStepRefused(error.description))) }
                case .success(let base):
                    let step = RuleStepAction(rule: rule, base: base, held: held)
                    let applied: OrderStore.Applied
                    do {
                        applied = try acting.store.apply(step, to: targets, batchID: batchID)
                    } catch {
                        // Nothing of the rule written yet (the file busy, full): its act is taken
                        // back, so that the next round tries it again; the error is said as ever.
                        if !wrote { try store.forgetRuleActs(rule, targets, batchID: batchID) }
                        throw error
                    }
                    wrote = true
                    report.skipped += applied.plan.skips.map { (rule.name, $0) }
                    if step.write != nil {
                        let sent = try await acting.send(applied)
                        report.lines += sent.lines.map { .init(number: $0.number, ok: $0.ok, message: "\(rule.name): \(action.ruleText): \($0.message)") }
                    } else {
                        report.lines += applied.plan.changes.map { change in
                            .init(number: change.number, ok: true,
                                  message: "\(rule.name): \(change.fields.map(\.displayText).joined(separator: "、"))")
                        }
                    }
                }
            }
        }
        return report
    }

    /// The same service, its changes journalled as `operatorName`'s (a rule's).
    func acting(as operatorName: String) -> SyncService {
        SyncService(client: client, store: store.acting(as: operatorName), now: now, mailer: mailer, events: events)
    }

    /// What the rules would do to each of `numbers`: each rule's verdict and the plan, nothing
    /// written and nothing sent (no RMS, no relay: only the store and the shop's templates).
    public static func simulateRules(
        _ rules: RuleSet, on numbers: [OrderNumber], store: any ShopStore, mailer: Mailer?, now: Date = Date()
    ) throws -> [(order: Order, trace: RuleTrace, plan: [RuleTrace.PlannedStep])] {
        try simulateRules(rules, on: try store.orders(numbers), store: store, mailer: mailer, now: now)
    }

    /// The same for orders already read.
    public static func simulateRules(
        _ rules: RuleSet, on orders: [Order], store: any ShopStore, mailer: Mailer?, now: Date = Date()
    ) throws -> [(order: Order, trace: RuleTrace, plan: [RuleTrace.PlannedStep])] {
        let (traces, engine) = try traces(rules, orders, store: store, mailer: mailer, now: now)
        return zip(orders, traces).map { order, trace in (order, trace, trace.plan(on: order, engine: engine)) }
    }

    /// The rules decided for each of `orders` (what they did before, what they match now, the
    /// 同梱候補 among them and their buyers' earlier orders when a rule asks), and the engine that
    /// planned their steps.
    static func traces(
        _ rules: RuleSet, _ orders: [Order], store: any ShopStore, mailer: Mailer?, now: Date
    ) throws -> (traces: [RuleTrace], engine: RuleSet.Engine) {
        let numbers = orders.map(\.number)
        let history = try store.ruleActs(of: numbers)
        let engine = try ruleEngine(rules.rules, numbers, store: store, mailer: mailer, now: now)
        let context = OrderQuery.Context(
            bundleCandidates: rules.needsBundleCandidates ? try store.bundleCandidates(among: numbers) : [],
            earlierOrders: rules.needsEarlierOrders ? try store.earlierOrderCounts(among: numbers) : [:],
            records: rules.needsRecords ? try store.queryRecords(among: numbers, mailTemplates: mailer?.library.titleToName ?? [:]) : [:])
        return (orders.map { rules.trace($0, history: history[$0.number] ?? [], context: context, engine: engine) }, engine)
    }

    /// A rule's step as the engine's action: the panel's own, and for a mail the shop's template
    /// with the mails `numbers` already have (a rule never sends a template twice).
    static func ruleEngine(
        _ rules: [Rule], _ numbers: [OrderNumber], store: any ShopStore, mailer: Mailer?, now: Date
    ) throws -> RuleSet.Engine {
        var mails: [String: Result<any BulkAction, ActionInputError>] = [:]
        for rule in rules {
            for case .sendMail(let name, _) in rule.actions where mails[name] == nil {
                mails[name] = try mailAction(name, numbers, store: store, mailer: mailer, now: now)
            }
        }
        let today = CalendarDate(japanDayOf: JapanTime(now))
        return { action in
            if case .sendMail(let name, _) = action { return mails[name] ?? .failure(ActionInputError("メール「\(name)」を用意できません")) }
            let engine = Result { () throws(ActionInputError) in try action.engineAction(today: today) }
            return engine.flatMap { engine in
                engine.map { .success($0) } ?? .failure(ActionInputError("「\(action.id.title)」はルールでは実行できません"))
            }
        }
    }

    /// The mail of template `name` (its file name or 名前) for `numbers`, or why it cannot be sent.
    private static func mailAction(
        _ name: String, _ numbers: [OrderNumber], store: any ShopStore, mailer: Mailer?, now: Date
    ) throws -> Result<any BulkAction, ActionInputError> {
        guard let mailer else { return .failure(ActionInputError("メールの設定 [mail] がありません（config.toml）")) }
        let template: MailTemplate
        do {
            template = try mailer.library.template(named: name)
        } catch {
            return .failure(ActionInputError(error.description))
        }
        if let problem = mailer.library.unfinished(template) { return .failure(ActionInputError(problem)) }
        return .success(try mailer.action(template, for: numbers, in: store, resend: false, now: now))
    }
}
