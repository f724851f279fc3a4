import Foundation
import OrderEngine
import OrderStore
import OrderSync

/// Bulk actions at the desk: planned for the preview from the orders as stored, then applied in
/// parts (so that progress shows and the operator can stop between parts) under one journal batch,
/// or sent to RMS through the outbox; each order's outcome comes back for the result list.
extension DeskController {
    /// Orders per transaction when a local change is applied in parts.
    static let partSize = 500

    func plan(_ item: PanelItem, _ numbers: [OrderNumber], scope: String) {
        do {
            switch try item.command(statuses: state.statuses) {
            case .fetch:
                perform([.fetch])
            case .undo:
                guard let batch = try store.undoableBatches(limit: 1).first else {
                    state.message = DeskMessage("取り消せる一括処理はありません")
                    return
                }
                let title = "「\(ActionNames.label(for: batch.action))」（\(batch.operatorName)、\(batch.orderCount)件）を取り消す"
                let plan = try store.planUndo(batch: batch.batchID, title: title)
                perform(state.apply(.planned(ActionDialog(item: item, plan: plan, scope: "直前の一括処理", hiddenByFilter: 0, undoBatch: batch.batchID))))
            case .bulk(let action):
                let orders = try store.orders(numbers, content: action.readsOrderContent)
                let plan = action.plan(orders)
                let hidden = state.marks.isEmpty ? 0 : orders.filter { $0.localStatus != state.currentStatus }.count
                perform(state.apply(.planned(ActionDialog(item: item, plan: plan, scope: scope, hiddenByFilter: hidden))))
            }
        } catch let error as ActionInputError {
            state.message = DeskMessage("\(item.title): \(error.description)", isError: true)
        } catch {
            state.message = DeskMessage("注文を読み込めません: \(error)", isError: true)
        }
    }

    func run(_ dialog: ActionDialog) {
        let numbers = dialog.plan.numbers
        let store = store
        let service = service
        let queue = events
        let statuses = state.statuses
        let progress: @Sendable (Int) -> Void = { done in queue.post(.progress(done: done, total: numbers.count)) }
        running = Task.detached {
            queue.post(.finished(await DeskController.outcome(of: dialog, numbers, statuses: statuses, store: store, service: service, progress: progress)))
        }
    }

    /// What became of each order; an error that stopped the whole action is every order's message.
    private static func outcome(
        of dialog: ActionDialog, _ numbers: [OrderNumber], statuses: [LocalStatus], store: OrderStore, service: SyncService,
        progress: @escaping @Sendable (Int) -> Void
    ) async -> ActionResult {
        do {
            return try await carryOut(dialog, numbers, statuses: statuses, store: store, service: service, progress: progress)
        } catch {
            return ActionResult(lines: numbers.map { ActionResult.Line(number: $0, ok: false, text: "\(error)") })
        }
    }

    private static func carryOut(
        _ dialog: ActionDialog, _ numbers: [OrderNumber], statuses: [LocalStatus], store: OrderStore, service: SyncService,
        progress: @escaping @Sendable (Int) -> Void
    ) async throws -> ActionResult {
        if let batch = dialog.undoBatch {
            let undone = try store.undo(batch: batch)
            let conflicts = Dictionary(grouping: undone.conflicts, by: \.number)
            return ActionResult(
                lines: undone.restored.map { ActionResult.Line(number: $0, ok: true, text: "元に戻しました") }
                    + conflicts.keys.sorted().map { number in
                        ActionResult.Line(number: number, ok: false, text: "その後に変更された項目は戻していません: "
                            + conflicts[number]!.map(\.field).joined(separator: "、"))
                    })
        }
        guard case .bulk(let action) = try dialog.item.command(statuses: statuses) else { return ActionResult(lines: []) }
        switch action {
        case is ConfirmAction:
            return ActionResult(report: try await service.confirm(numbers))
        case let cancel as CancelAction:
            return ActionResult(report: try await service.cancel(numbers, reasonCode: cancel.reasonCode))
        case is PushEditAction:
            return ActionResult(report: try await service.pushEdits(numbers))
        default:
            return try apply(action, numbers, store: store, progress: progress)
        }
    }

    /// A local change in parts of ``partSize`` under one batch; a change that looks at the whole
    /// selection (同梱) in one part.
    private static func apply(
        _ action: any BulkAction, _ numbers: [OrderNumber], store: OrderStore, progress: @Sendable (Int) -> Void
    ) throws -> ActionResult {
        let parts = action.decidesOnSelection ? [numbers] : numbers.chunked(into: partSize)
        let batchID = UUID().uuidString.lowercased()
        var lines: [ActionResult.Line] = []
        var done = 0
        for part in parts {
            if Task.isCancelled {
                return ActionResult(lines: lines, stopped: true, batchID: batchID)
            }
            let applied = try store.apply(action, to: part, batchID: batchID)
            lines += applied.plan.changes.map { change in
                ActionResult.Line(number: change.number, ok: true, text: change.fields.map {
                    "\($0.field.label) \($0.before.displayText)→\($0.after.displayText)"
                }.joined(separator: "、"))
            }
            lines += applied.created.map { ActionResult.Line(number: $0.number, ok: true, text: "複製しました") }
            lines += applied.plan.skips.map { ActionResult.Line(number: $0.number, ok: false, text: $0.reason.text) }
            done += part.count
            progress(done)
        }
        return ActionResult(lines: lines, batchID: batchID)
    }
}

extension ActionResult {
    /// The per-order outcome of a confirm or cancel sent to RMS.
    init(report: ConfirmReport) {
        self.init(
            lines: report.lines.map { Line(number: $0.number, ok: $0.ok, text: $0.message) }
                + report.skipped.map { Line(number: $0.number, ok: false, text: $0.reason.text) })
    }
}
