import Foundation
import OrderEngine
import OrderStore
import OrderSync

/// Bulk actions at the desk: planned for the preview from the orders as stored, then applied in
/// parts (so that progress shows and the operator can stop between parts) under one journal batch,
/// or sent to RMS through the outbox; each order's outcome comes back for the result list.
extension DeskController {
    /// `checks`: `numbers` are the checked orders (those the view hides are left out unless
    /// `includingHidden`, and the preview names them).
    func plan(_ item: PanelItem, _ numbers: [OrderNumber], scope: String, checks: Bool = false, includingHidden: Bool = false) {
        do {
            let action = try item.action(statuses: state.statuses)
            var numbers = numbers
            var hidden = HiddenChecks(numbers: [], included: includingHidden)
            if checks {
                let split = try splitByView(numbers)
                hidden.numbers = split.hidden
                if !includingHidden { numbers = split.shown }
            }
            switch action {
            case .fetch:
                perform([.fetch])
            case .enterOrder:
                perform([.openOrderEntry])
            case .reconcile(let days, let fetching):
                startReconcile(item, days: days, fetching: fetching)
            case .importTracking(let takingValidLines):
                try planTrackingImport(item, takingValidLines: takingValidLines)
            case .importRMSCSV(let takingValidOrders):
                try planRMSCSVImport(item, takingValidOrders: takingValidOrders)
            case .sendMail(let template, let resend):
                try planMail(item, template: template, resend: resend, numbers, scope: scope, hidden: hidden)
            case .testMail(let template):
                try sendTestMail(template: template)
            case .printSlips(let slip):
                try planSlips(item, slip, numbers, scope: scope, hidden: hidden)
            case .rules(let run):
                try planRules(item, run: run, numbers, scope: scope, hidden: hidden)
            case .undo(let target):
                // This desk's own batches, or the rules': another desk's (another operator's, or the
                // same operator's other window) are theirs to take back; a rule's is anyone's.
                let found = target == .rules
                    ? try store.undoableBatches(limit: 1, byRules: true).first
                    : try store.undoableBatches(limit: 1, ofDesk: store.deskID).first
                guard let batch = found else {
                    state.message = DeskMessage(target == .rules
                        ? "取り消せるルールの処理はありません"
                        : "この端末で取り消せる一括処理はありません（ルールの処理は 対象: ルールの処理 で）")
                    return
                }
                let title = batch.title(when: target == .rules ? JapanTime(batch.at).fullText : "この端末") + "を取り消す"
                let plan = try store.planUndo(batch: batch.batchID, title: title)
                perform(state.apply(.planned(ActionDialog(item: item, plan: plan, scope: "直前の一括処理", undoBatch: batch.batchID))))
            default:
                guard var action = try action.engineAction(today: CalendarDate(japanDayOf: JapanTime(now())), statusAfterShipReport: state.statusAfterShipReport) else { return }
                if let labels = action as? WriteLabelsAction { return try planLabels(item, labels, numbers, scope: scope, hidden: hidden) }
                // A bundle is acted on whole: its other members are in the preview too.
                let numbers = action.takesWholeBundles ? try store.withBundlePartners(numbers) : numbers
                // Unbundling a parcel that is out is said first (its label's keys are the store's).
                if action is UnbundleAction { action = UnbundleAction(labelKeys: try store.bundleLabelKeys(of: numbers)) }
                let orders = try store.orders(numbers, content: action.readsOrderContent)
                let plan = action.plan(orders)
                perform(state.apply(.planned(ActionDialog(item: item, plan: plan, scope: scope, hidden: hidden))))
            }
        } catch let error as ActionInputError {
            state.message = DeskMessage("\(item.title): \(error.description)", isError: true)
        } catch {
            state.message = DeskMessage("注文を読み込めません: \(error)", isError: true)
        }
    }

    /// Checked orders as the view shows them and those it hides (another tab, outside the search):
    /// what the operator sees is what an action acts on; the hidden ones are named, not touched.
    func splitByView(_ numbers: [OrderNumber]) throws -> (shown: [OrderNumber], hidden: [OrderNumber]) {
        let shown = try store.shown(state.filter, among: numbers)
        let split = (numbers.filter(shown.contains), numbers.filter { !shown.contains($0) })
        state.marksOutsideView = split.1.count
        return split
    }

    func run(_ dialog: ActionDialog) {
        let numbers = dialog.plan.numbers
        let store = store
        let service = service
        let queue = events
        let context = ActionContext(
            statuses: state.statuses, statusAfterShipReport: state.statusAfterShipReport, labelSender: settings.labelSender,
            labelDirectory: settings.labelDirectory, slipMaker: settings.slipMaker, now: now())
        let progress: BatchProgress = { done, total in queue.post(.progress(done: done, total: total)) }
        running = Task.detached {
            // Every order of the preview is in the result: what it skipped, with the reason, too.
            let result = await DeskController.outcome(of: dialog, numbers, context: context, store: store, service: service, progress: progress)
            queue.post(.finished(result.adding(dialog.plan.skips)))
        }
    }

    /// What became of each order; an error that stopped the whole action is every order's message.
    private static func outcome(
        of dialog: ActionDialog, _ numbers: [OrderNumber], context: ActionContext, store: any ShopStore, service: SyncService,
        progress: @escaping BatchProgress
    ) async -> ActionResult {
        do {
            return try await carryOut(dialog, numbers, context: context, store: store, service: service, progress: progress)
        } catch {
            return ActionResult(lines: numbers.map { ActionResult.Line(number: $0, outcome: .failed, text: "\(error)") })
        }
    }

    private static func carryOut(
        _ dialog: ActionDialog, _ numbers: [OrderNumber], context: ActionContext, store: any ShopStore, service: SyncService,
        progress: @escaping BatchProgress
    ) async throws -> ActionResult {
        if let tracking = dialog.tracking {
            return try applyTrackingImport(tracking, dialog.plan, store: store)
        }
        if let orders = dialog.rmsCSV {
            return try applyRMSCSVImport(orders, store: store)
        }
        if let mail = dialog.mail {
            return ActionResult(report: try await service.run(mail.action, on: numbers, progress: progress))
        }
        if let rules = dialog.rules {
            return try await runRules(rules.rules, numbers, service: service)
        }
        if let slips = dialog.slips {
            return try await makeSlips(slips, maker: context.slipMaker, store: store)
        }
        if let batch = dialog.undoBatch {
            let undone = try store.undo(batch: batch)
            return ActionResult(
                lines: undone.restored.map { ActionResult.Line(number: $0, outcome: .succeeded, text: "元に戻しました") }
                    + undone.keptBack.map { ActionResult.Line(number: $0.number, outcome: .skipped, text: $0.text) })
        }
        guard let action = try dialog.item.action(statuses: context.statuses)
            .engineAction(today: context.today, statusAfterShipReport: context.statusAfterShipReport)
        else {
            return ActionResult(lines: [])
        }
        if let labels = action as? WriteLabelsAction {
            return try writeLabels(labels, numbers, context: context, store: store)
        }
        if action.write != nil {
            // Through the outbox, whatever the kind of write.
            return ActionResult(report: try await service.run(action, on: numbers, progress: progress))
        }
        let previewed = Dictionary(dialog.plan.changes.map { ($0.number, $0.fields) }, uniquingKeysWith: { first, _ in first })
        return ActionResult(applied: try service.applyInParts(action, to: numbers, previewed: previewed, progress: progress))
    }
}

extension ActionResult {
    /// The per-order outcome of a local change applied in parts.
    init(applied: SyncService.AppliedInParts) {
        self.init(
            lines: applied.changes.map { Line(number: $0.number, outcome: .succeeded, text: $0.fields.map(\.displayText).joined(separator: "、")) }
                + applied.created.map { Line(number: $0.number, outcome: .succeeded, text: "複製しました") }
                + applied.skips.map { Line(number: $0.number, outcome: .skipped, text: $0.reason.text) },
            stopped: applied.stopped, batchID: applied.batchID)
    }

    /// The per-order outcome of a write sent to RMS.
    init(report: WriteReport) {
        self.init(
            lines: report.lines.map { Line(number: $0.number, outcome: $0.ok ? .succeeded : .failed, text: $0.message) }
                + report.skipped.map { Line(number: $0.number, outcome: .skipped, text: $0.reason.text) })
    }
}
