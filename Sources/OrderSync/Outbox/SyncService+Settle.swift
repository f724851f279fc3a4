import Foundation
import OrderEngine
import OrderStore
import RakutenPay

extension SyncService {
    /// How long a request left on its way by a sender that died may still reach RMS and be applied:
    /// a write is tried again only when the gateway turned it away at once (the QPS limit), so its
    /// last attempt leaves within the waits between attempts and is answered, or given up, within
    /// the client's request timeout. RMS may hold such a request and not yet have applied it; read
    /// back sooner, it would look not done and be sent twice (seen under load: a killed
    /// `juchu ship` whose report RMS applied after the next run had read the orders).
    public var inFlightGrace: TimeInterval {
        let configuration = client.configuration
        let attempts = max(1, configuration.readAttempts)
        let waits = configuration.retryBackoffSeconds * (pow(2, Double(attempts - 1)) - 1)
        return Double(configuration.requestTimeoutSeconds) + waits
    }

    /// How long an async write may be on its way or queued at RMS when its requestId was never
    /// heard (the sender died in the call, or the answer was lost): RMS applies it from its queue,
    /// later (``RakutenPayConfiguration/asyncApplySeconds``).
    public var asyncGrace: TimeInterval { max(inFlightGrace, client.configuration.asyncApplySeconds) }

    /// Writes whose outcome is unknown, or left by a process that is gone — of every kind — are
    /// settled by what RMS holds, by each kind's own rule (``OutboundWrite/Kind/settle(local:rms:)``):
    /// done there (accepted), or not (failed, may be sent again). An async write RMS accepted
    /// (its requestId recorded) is settled by RMS's result for that request, once RMS has it (past
    /// ``asyncGrace`` without one, by reading the orders). A write that may still be on its way
    /// (``inFlightGrace``; an async one without a requestId, ``asyncGrace``) is not read back yet:
    /// `waitingForInFlight` (a command run from a script) waits for it, the desk and the worker
    /// settle it on a later round. An order RMS does not return stays unsettled, and nothing more
    /// is sent for it.
    public func settleUnclearWrites(staleIntentAge: TimeInterval = 600, waitingForInFlight: Bool = false) async throws {
        let cutoff = now().addingTimeInterval(-staleIntentAge)
        try store.settleAbandonedMails(claimedBefore: cutoff)
        if waitingForInFlight { try await waitForRequestsInFlight(cutoff: cutoff) }
        var unresolved = try store.unresolvedIntents(claimedBefore: cutoff)
        guard !unresolved.isEmpty else { return }
        // Async writes RMS accepted: its result for the request, when it has one.
        var answered: [OutboundWrite.Kind: [OrderStore.OutboxResult]] = [:]
        var decided: Set<Int64> = []
        for (requestID, writes) in Dictionary(grouping: unresolved.filter { $0.requestID != nil }, by: { $0.requestID! }) {
            let answer: [GetResultUpdateOrderShippingAsyncResponse.Result]?
            do {
                answer = try await reportingFailure(of: Activity.settle) { try await shippingResultsNow(requestID) }
            } catch {
                // Said, recorded and logged; asked again on the next round.
                continue
            }
            guard let answer else { continue }
            let outcomes = Self.outcomes(of: answer)
            for write in writes {
                // An order its results leave out is judged by reading the order, below.
                guard let outcome = outcomes[write.number] else { continue }
                answered[write.kind, default: []].append(.init(intent: write.intent, number: write.number, outcome: outcome, from: write.state))
                decided.insert(write.intent)
            }
        }
        for kind in OutboundWrite.Kind.allCases { try store.recordOutcomes(kind, answered[kind] ?? []) }
        // The rest by reading the orders, but for a write that may still be on its way or queued.
        unresolved.removeAll { decided.contains($0.intent) || mayStillArrive($0) }
        guard !unresolved.isEmpty else { return }
        let numbers = Array(Set(unresolved.map(\.number)))
        let fetched = try await reportingFailure(of: Activity.settle) { try await client.getOrders(numbers.map(\.rawValue)) }
        let copies = Dictionary(fetched.orders.map { ($0.model.orderNumber, $0) }, uniquingKeysWith: { $1 })
        let local = Dictionary(try store.orders(numbers).map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        var results: [OutboundWrite.Kind: [OrderStore.OutboxResult]] = [:]
        for write in unresolved {
            guard let copy = copies[write.number.rawValue], let ours = local[write.number] else { continue }
            let rms = Order(rakuten: copy.model, localStatus: ours.localStatus)
            results[write.kind, default: []].append(
                .init(intent: write.intent, number: write.number, outcome: write.kind.settle(local: ours, rms: rms).outcome, from: write.state))
        }
        for kind in OutboundWrite.Kind.allCases { try store.recordOutcomes(kind, results[kind] ?? []) }
        // RMS's copies as read, with the statuses and totals that settled them.
        let settled = Set(results.values.joined().map(\.number.rawValue))
        try store.recordRMSCopies(
            fetched.orders.filter { settled.contains($0.model.orderNumber) }.map { OrderStore.RMSCopy(model: $0.model, rawJSON: $0.rawJSON) },
            action: .event(.settle))
    }

    /// Whether RMS may yet apply `write`, so that reading the order now could not tell: a request a
    /// dead sender left on its way within ``inFlightGrace``; an async write RMS accepted, or may have
    /// queued without our hearing its requestId, within ``asyncGrace``.
    func mayStillArrive(_ write: OrderStore.UnresolvedWrite) -> Bool {
        guard let sent = write.sentAt else { return false }
        let age = now().timeIntervalSince(sent)
        if write.kind.isAsync { return age < asyncGrace && (write.requestID != nil || write.abandonedWhileSending || write.isUnknown) }
        return write.abandonedWhileSending && age < inFlightGrace
    }

    /// Waits until no write that may still arrive at RMS is left to wait for.
    private func waitForRequestsInFlight(cutoff: Date) async throws {
        var said = false
        while true {
            let waiting = try store.unresolvedIntents(claimedBefore: cutoff).filter { $0.requestID == nil && mayStillArrive($0) }
            guard let youngest = waiting.compactMap(\.sentAt).max() else { return }
            let grace = waiting.contains { $0.kind.isAsync } ? asyncGrace : inFlightGrace
            let left = youngest.addingTimeInterval(grace).timeIntervalSince(now())
            guard left > 0 else { return }
            if !said { events(.waitingForWritesInFlight(seconds: Int(left.rounded(.up)))) }
            said = true
            try await Task.sleep(for: .seconds(min(left, 1)))
        }
    }
}
