import Foundation
import OrderEngine
import OrderStore
import RakutenPay

extension SyncService {
    /// Writes whose outcome is unknown, or left by a process that is gone — of every kind — are
    /// settled by what RMS holds, by each kind's own rule (``OutboundWrite/Kind/settle(local:rms:)``):
    /// done there (accepted), or not (failed, may be sent again). An order RMS does not return
    /// stays unsettled, and nothing more is sent for it.
    public func settleUnclearWrites(staleIntentAge: TimeInterval = 600) async throws {
        let cutoff = now().addingTimeInterval(-staleIntentAge)
        try store.settleAbandonedMails(claimedBefore: cutoff)
        let read = try await reportingFailure(of: Activity.settle) { () -> ([OrderStore.UnresolvedWrite], RakutenPayClient.FetchedOrders)? in
            let unresolved = try store.unresolvedIntents(claimedBefore: cutoff)
            guard !unresolved.isEmpty else { return nil }
            let numbers = Array(Set(unresolved.map(\.number)))
            return (unresolved, try await client.getOrders(numbers.map(\.rawValue)))
        }
        guard let (unresolved, fetched) = read else { return }
        let copies = Dictionary(fetched.orders.map { ($0.model.orderNumber, $0) }, uniquingKeysWith: { $1 })
        let local = Dictionary(try store.orders(Array(Set(unresolved.map(\.number)))).map { ($0.number, $0) }, uniquingKeysWith: { $1 })
        var results: [OutboundWrite.Kind: [OrderStore.OutboxResult]] = [:]
        for write in unresolved {
            guard let copy = copies[write.number.rawValue], let ours = local[write.number] else { continue }
            let rms = Order(rakuten: copy.model, localStatus: ours.localStatus)
            let outcome = write.kind.settle(local: ours, rms: rms).outcome
            results[write.kind, default: []].append(.init(intent: write.intent, number: write.number, outcome: outcome))
        }
        for kind in OutboundWrite.Kind.allCases { try store.recordOutcomes(kind, results[kind] ?? []) }
        // RMS's copies as read, with the statuses and totals that settled them.
        let settled = Set(results.values.joined().map(\.number.rawValue))
        try store.recordRMSCopies(
            fetched.orders.filter { settled.contains($0.model.orderNumber) }.map { OrderStore.RMSCopy(model: $0.model, rawJSON: $0.rawJSON) },
            action: .event(.settle))
    }
}
