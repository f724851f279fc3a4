import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// The one path every write to RMS takes, whatever its kind: the action is applied with an outbox
/// intent per order that goes to RMS (recorded before anything is sent), the intents are sent as
/// many per call as RMS's function takes, and RMS's answer is recorded on the intent and the order
/// by the write's own rule. What a process left unclear is settled first.
extension SyncService {
    /// Applies `action` to `numbers` and sends what it changes in RMS.
    public func run(_ action: some BulkAction, on numbers: [OrderNumber], progress: BatchProgress = { _, _ in }) async throws -> WriteReport {
        try await settleUnclearWrites()
        return try await send(try store.apply(action, to: numbers), progress: progress)
    }

    /// Applies the action `action` says to `numbers` and sends what it changes in RMS: the one way
    /// the panel, the commands and the rules run an engine action. `today`: the day in Japan (a
    /// ship date may not be after it); `statusAfterShipReport`: config.toml's shipping.status_after_report.
    public func run(
        _ action: OrderAction, on numbers: [OrderNumber], today: CalendarDate = CalendarDate(japanDayOf: JapanTime(Date())),
        statusAfterShipReport: LocalStatus? = .shipped
    ) async throws -> WriteReport {
        guard let engine = try action.engineAction(today: today, statusAfterShipReport: statusAfterShipReport) else {
            throw ActionInputError("「\(action.id.title)」は注文に対する処理ではありません")
        }
        return try await run(engine, on: numbers)
    }

    /// Sends the intents an applied plan recorded. An order the plan changed here only (a
    /// hand-entered order's cancellation) is reported as such. Stopped between calls (the desk
    /// quits, Esc), or no longer sure its claims are its own (``ClaimsLapsed``), the intents not
    /// yet sent are recorded as not sent, so that they can be sent again. An intent another
    /// process settled meanwhile (taking this one for gone) is neither sent nor recorded again.
    /// `progress`: the intents sent of all, after each call.
    public func send(_ applied: OrderStore.Applied, progress: BatchProgress = { _, _ in }) async throws -> WriteReport {
        var report = WriteReport(skipped: applied.plan.skips)
        guard let write = applied.plan.write else { return report }
        let kind = write.kind
        var claimed: [(number: OrderNumber, intent: Int64)] = []
        for change in applied.plan.changes {
            if let intent = applied.intents[change.number] {
                claimed.append((change.number, intent))
            } else {
                report.lines.append(.init(number: change.number, ok: true, message: kind.localOnlyMessage))
            }
        }
        let before = Dictionary(applied.plan.changes.map { ($0.number, $0.before) }, uniquingKeysWith: { first, _ in first })
        var sent = 0
        var refused: Set<OrderNumber> = []
        events(.writeProgress(kind, sent: 0, total: claimed.count))
        progress(0, claimed.count)
        // What another process recorded first is its record; the operator is told so.
        func record(_ results: [OrderStore.OutboxResult]) throws {
            let recorded = try store.recordOutcomes(kind, results)
            report.lines += results.map { recorded.contains($0.intent) ? Self.line($0, kind) : Self.settledElsewhere($0.number) }
        }
        // Stopped before the rest left: each recorded as not sent, so that it can be sent again.
        func recordUnsent(_ detail: String) throws {
            try record(claimed[sent...].map {
                OrderStore.OutboxResult(intent: $0.intent, number: $0.number, outcome: .failed(.temporary, detail: detail), from: .pending)
            })
        }
        for batch in claimed.chunked(into: kind.ordersPerCall) {
            if Task.isCancelled {
                try recordUnsent("送信前に中止しました（もう一度実行できます）")
                break
            }
            let moved: Set<Int64>
            do {
                moved = try store.markSending(batch.map(\.intent))
            } catch let lapsed as ClaimsLapsed {
                logger.error("\(kind.rawValue): \(lapsed)")
                try recordUnsent(lapsed.description)
                break
            }
            // Settled meanwhile by another process that took this one for gone: not sent.
            report.lines += batch.filter { !moved.contains($0.intent) }.map { Self.settledElsewhere($0.number) }
            let leaving = batch.filter { moved.contains($0.intent) }
            if !leaving.isEmpty {
                let outcomes = await transmit(write, leaving, before: before)
                let results = leaving.map { claim in
                    OrderStore.OutboxResult(
                        intent: claim.intent, number: claim.number,
                        outcome: outcomes[claim.number] ?? .unknown(detail: "RMSの応答にこの注文がありません"), from: .sending)
                }
                try record(results)
                for result in results { if case .failed = result.outcome { refused.insert(result.number) } }
            }
            sent += batch.count
            events(.writeProgress(kind, sent: sent, total: claimed.count))
            progress(sent, claimed.count)
        }
        if case .mail(let template, _) = write { try await finishMail(template, report) }
        events(.writeFinished(kind, report))
        if kind.readsBackWhenAccepted {
            // RMS's copy as it now stands, with the totals RMS worked out from what was sent (and,
            // for a push RMS refused, what of it RMS took before the refusal).
            let readBack = report.lines.filter { $0.ok || (kind.readsBackWhenRefused && refused.contains($0.number)) }.map(\.number)
                .filter { applied.intents[$0] != nil }
            if !readBack.isEmpty { try await refreshRMSStatus(readBack, action: .event(kind.readbackAction)) }
        }
        return report
    }

    /// An intent another process settled first (taking this one for gone): its record is that process's.
    static func settledElsewhere(_ number: OrderNumber) -> WriteReport.Line {
        WriteReport.Line(number: number, ok: false, message: "他の端末がこの送信の結果を先に記録しました（この端末からは送っていません。注文の履歴で確かめてください）")
    }

    static func line(_ result: OrderStore.OutboxResult, _ kind: OutboundWrite.Kind) -> WriteReport.Line {
        switch result.outcome {
        case .accepted: WriteReport.Line(number: result.number, ok: true, message: kind.acceptedMessage)
        case .failed(_, let detail) where kind == .mail:
            // A mail's failure is the relay's (or the template's), said in its own words with what to do.
            WriteReport.Line(number: result.number, ok: false, message: detail)
        case .failed(let errorClass, let detail):
            // The operator's words for RMS's error and what to do, then what RMS said.
            WriteReport.Line(number: result.number, ok: false, message: "\(errorClass.messageWithRemedy)（\(detail)）")
        case .unknown: WriteReport.Line(number: result.number, ok: false, message: kind.unknownMessage)
        }
    }
}
