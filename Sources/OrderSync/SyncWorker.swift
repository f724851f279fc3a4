import Foundation
import OrderEngine

/// Runs the sync service on a schedule: polls confirmations every `pollInterval` and fetches
/// every `fetchInterval` (when set). Runs until its task is cancelled.
public struct SyncWorker: Sendable {
    public let service: SyncService
    public var fetchSettings: FetchSettings
    public var pollInterval: Duration
    /// Nil: fetch only on demand.
    public var fetchInterval: Duration?

    public init(service: SyncService, fetchSettings: FetchSettings, pollInterval: Duration, fetchInterval: Duration?) {
        self.service = service
        self.fetchSettings = fetchSettings
        self.pollInterval = pollInterval
        self.fetchInterval = fetchInterval
    }

    public func run() async {
        let clock = ContinuousClock()
        var nextFetch = fetchInterval.map { clock.now + $0 }
        while !Task.isCancelled {
            // Failures reach the desk as events; the worker keeps going.
            try? await service.pollConfirmations()
            if let due = nextFetch, clock.now >= due, let interval = fetchInterval {
                _ = try? await service.fetch(fetchSettings)
                nextFetch = clock.now + interval
            }
            try? await Task.sleep(for: pollInterval)
        }
    }
}
