import Foundation
import OrderEngine

/// Runs the sync service on a schedule: polls confirmations every `pollInterval`, fetches every
/// `fetchInterval` (when set), and reads open orders again every `watchInterval` for what RMS
/// changed on its own. Runs until its task is cancelled.
public struct SyncWorker: Sendable {
    public let service: SyncService
    public var fetchSettings: FetchSettings
    public var pollInterval: Duration
    /// Nil: fetch only on demand.
    public var fetchInterval: Duration?
    /// How often open orders are read again for what RMS changed on its own (差分あり).
    public var watchInterval: Duration = .seconds(30 * 60)
    /// How long the worker's lease on the database file lasts unrenewed: only the lease's
    /// holder works, so that one worker is active per file however many desks are open.
    public var leaseSeconds: Int

    public init(service: SyncService, fetchSettings: FetchSettings, pollInterval: Duration, fetchInterval: Duration?, leaseSeconds: Int? = nil) {
        self.service = service
        self.fetchSettings = fetchSettings
        self.pollInterval = pollInterval
        self.fetchInterval = fetchInterval
        // Renewed every round: three missed rounds before another process takes over.
        self.leaseSeconds = leaseSeconds ?? max(30, Int(pollInterval.components.seconds) * 3)
    }

    public func run() async {
        let clock = ContinuousClock()
        var nextFetch = fetchInterval.map { clock.now + $0 }
        var nextWatch = clock.now + watchInterval
        var active: Bool?
        while !Task.isCancelled {
            let holds = (try? service.store.acquireWorkerLease(seconds: leaseSeconds)) ?? false
            if holds != active {
                active = holds
                service.events(.workerActive(holds))
            }
            if holds {
                // Failures reach the desk as events; the worker keeps going.
                try? await service.pollConfirmations()
                if let due = nextFetch, clock.now >= due, let interval = fetchInterval {
                    _ = try? await service.fetch(fetchSettings)
                    nextFetch = clock.now + interval
                }
                if clock.now >= nextWatch {
                    _ = try? await service.watchOpenOrders()
                    nextWatch = clock.now + watchInterval
                }
            }
            try? await Task.sleep(for: pollInterval)
        }
        // Stopping cleanly: another process may take over at once.
        if active == true { try? service.store.releaseWorkerLease() }
    }
}
