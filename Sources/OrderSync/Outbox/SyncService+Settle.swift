import Foundation
import OrderEngine
import OrderStore
import RakutenPay

extension SyncService {
    /// How long a request left 'sending' by a sender that died may still be on its way at RMS: the
    /// time a living sender waits for an answer (the client's request timeout). RMS may hold such a
    /// request and not yet have applied it; read back sooner, it would look not done and be sent
    /// twice (seen under load: a killed `juchu ship` whose report RMS applied after the next run
    /// had read the orders).
    public var inFlightGrace: TimeInterval { TimeInterval(client.configuration.requestTimeoutSeconds) }

    /// Writes whose outcome is unknown, or left by a process that is gone — of every kind — are
    /// settled by what RMS holds, by each kind's own rule (``OutboundWrite/Kind/settle(local:rms:)``):
    /// done there (accepted), or not (failed, may be sent again). An async write RMS accepted
    /// (its requestId recorded) is settled by RMS's result for that request instead, once RMS has
    /// it. A request a dead sender left on its way is not read back before ``inFlightGrace`` has
    /// passed since it left: `waitingForInFlight` (a command run from a script) waits for it, the
    /// desk and the worker settle it on a later round. An order RMS does not return stays
    /// unsettled, and nothing more is sent for it.
    public func settleUnclearWrites(staleIntentAge: TimeInterval = 600, waitingForInFlight: Bool = false) async throws {
        let cutoff = now().addingTimeInterval(-staleIntentAge)
        try store.settleAbandonedMails(claimedBefore: cutoff)
        if waitingForInFlight { try await waitForRequestsInFlight(cutoff: cutoff) }
        var unresolved = try store.unresolvedIntents(claimedBefore: cutoff)
        guard !unresolved.isEmpty else { return }
        // Async writes RMS accepted: its result for the request, when it has one.
        var answered: [OutboundWrite.Kind: [OrderStore.OutboxResult]] = [:]
        for (requestID, writes) in Dictionary(grouping: unresolved.filter { $0.requestID != nil }, by: { $0.requestID! }) {
            guard let answer = await shippingResultsNow(requestID) else { continue }
            let outcomes = Self.outcomes(of: answer)
            for write in writes {
                answered[write.kind, default: []].append(.init(
                    intent: write.intent, number: write.number,
                    outcome: outcomes[write.number] ?? .unknown(detail: "RMSの結果（requestId \(requestID)）にこの注文がありません")))
            }
        }
        for kind in OutboundWrite.Kind.allCases { try store.recordOutcomes(kind, answered[kind] ?? []) }
        // The rest by reading the orders, but for a request maybe still on its way, and an async
        // one RMS has not finished (its result decides it, later).
        let inFlightSince = now().addingTimeInterval(-inFlightGrace)
        unresolved.removeAll { write in
            write.requestID != nil || (write.abandonedWhileSending && (write.sentAt.map { $0 > inFlightSince } ?? false))
        }
        guard !unresolved.isEmpty else { return }
        let numbers = Array(Set(unresolved.map(\.number)))
        let fetched = try await reportingFailure(of: Activity.settle) { try await client.getOrders(numbers.map(\.rawValue)) }
        let copies = Dictionary(fetched.orders.map { ($0.model.orderNumber, $0) }, uniquingKeysWith: { $1 })
        let local = Dictionary(try store.orders(numbers).map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        var results: [OutboundWrite.Kind: [OrderStore.OutboxResult]] = [:]
        for write in unresolved {
            guard let copy = copies[write.number.rawValue], let ours = local[write.number] else { continue }
            let rms = Order(rakuten: copy.model, localStatus: ours.localStatus)
            results[write.kind, default: []].append(.init(intent: write.intent, number: write.number, outcome: write.kind.settle(local: ours, rms: rms).outcome))
        }
        for kind in OutboundWrite.Kind.allCases { try store.recordOutcomes(kind, results[kind] ?? []) }
        // RMS's copies as read, with the statuses and totals that settled them.
        let settled = Set(results.values.joined().map(\.number.rawValue))
        try store.recordRMSCopies(
            fetched.orders.filter { settled.contains($0.model.orderNumber) }.map { OrderStore.RMSCopy(model: $0.model, rawJSON: $0.rawJSON) },
            action: .event(.settle))
    }

    /// Waits until no request a dead sender left on its way is younger than ``inFlightGrace``.
    private func waitForRequestsInFlight(cutoff: Date) async throws {
        var said = false
        while true {
            let youngest = try store.unresolvedIntents(claimedBefore: cutoff)
                .filter { $0.abandonedWhileSending && $0.requestID == nil }.compactMap(\.sentAt).max()
            guard let youngest else { return }
            let left = youngest.addingTimeInterval(inFlightGrace).timeIntervalSince(now())
            guard left > 0 else { return }
            if !said { events(.waitingForWritesInFlight(seconds: Int(left.rounded(.up)))) }
            said = true
            try await Task.sleep(for: .seconds(min(left, 1)))
        }
    }
}
