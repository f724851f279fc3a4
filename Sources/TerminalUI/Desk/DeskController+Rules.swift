import Foundation
import OrderEngine
import OrderStore
import OrderSync

/// ルールを試す and ルールを今すぐ適用 at the desk: the shop's rules on the chosen orders, previewed
/// as `juchu rules test` prints them — each order's acting rules and each step's plan — then, for
/// ルールを今すぐ適用, run through the usual progress and results (each rule still once per order).
extension DeskController {
    func planRules(_ item: PanelItem, run: Bool, _ numbers: [OrderNumber], scope: String, hidden: HiddenChecks) throws {
        // The file as it is now: an edit since the desk opened counts (a file that does not read is said).
        let rules = try settings.rulesWatch?.current() ?? settings.rules
        guard !rules.isEmpty else {
            throw ActionInputError("ルールがありません（$XDG_CONFIG_HOME/juchu/rules.toml か config.toml の [rules] path に [[rule]] を書いてください）")
        }
        let simulated = try SyncService.simulateRules(rules, on: numbers, store: store, mailer: service.mailer, now: now())
        var changes: [Plan.Change] = []
        var skips: [Plan.Skip] = []
        var lines: [OrderNumber: String] = [:]
        var sends = false
        for entry in simulated {
            guard !entry.trace.acting.isEmpty else {
                skips.append(.init(number: entry.order.number, reason: .noRuleActs))
                continue
            }
            changes.append(.init(before: entry.order, after: entry.order, fields: []))
            var parts: [String] = []
            for rule in entry.trace.acting {
                let steps = entry.plan.filter { $0.rule == rule.name }.map { step in
                    step.applies != nil ? step.action : "\(step.action)（スキップ: \(step.skip?.text ?? "")）"
                }
                parts.append("\(rule.name): " + (steps + (rule.hold.map { ["保留（\($0)）"] } ?? [])).joined(separator: "、"))
            }
            lines[entry.order.number] = parts.joined(separator: " / ")
            sends = sends || entry.plan.contains(where: \.leavesMachine)
        }
        let plan = Plan(actionID: item.kind, title: item.title, changes: changes, skips: skips)
        var summary: [String] = []
        if run, sends { summary.append("注文確認通知・メールはRMSや購入者に送られ、取り消せません。") }
        if !run { summary.append("試すだけです。何も変更しません（実行は「ルールを今すぐ適用」）。") }
        var dialog = ActionDialog(item: item, plan: plan, scope: scope, hidden: hidden)
        dialog.rules = RulesPreview(rules: rules, testOnly: !run, lines: lines, summary: summary)
        perform(state.apply(.planned(dialog)))
    }

    /// Runs the rules on the orders of the preview: each rule's writes through the usual plans,
    /// journal and outbox, each rule once per order.
    static func runRules(_ rules: RuleSet, _ numbers: [OrderNumber], service: SyncService) async throws -> ActionResult {
        let report = try await service.applyRules(rules, to: numbers)
        return ActionResult(report: WriteReport(lines: report.lines, skipped: report.skipped.map(\.skip)))
    }
}
