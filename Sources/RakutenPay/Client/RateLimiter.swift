import Synchronization

/// Spaces request starts at least `1 / requestsPerSecond` apart, plus a small margin so that
/// network jitter never lands two requests in one of the gateway's seconds. One per licence key,
/// shared by every call of every client in the process, since RMS counts per key.
public actor RateLimiter {
    private let interval: Duration
    private var nextSlot: ContinuousClock.Instant

    /// 3% on top of the nominal spacing: 1.03 s at 1 request/s.
    static let margin = 1.03

    public init(requestsPerSecond: Double) {
        interval = requestsPerSecond > 0 ? .nanoseconds(Int64(1e9 * Self.margin / requestsPerSecond)) : .zero
        nextSlot = .now
    }

    /// Waits for this request's slot.
    public func acquire() async throws {
        guard interval > .zero else { return }
        let now = ContinuousClock.now
        let slot = max(now, nextSlot)
        nextSlot = slot + interval
        if slot > now { try await Task.sleep(until: slot, clock: .continuous) }
    }

    private static let registry = Mutex<[String: RateLimiter]>([:])

    /// The limiter for a licence key; the first caller's rate wins.
    public static func shared(forLicenseKey key: String, requestsPerSecond: Double) -> RateLimiter {
        registry.withLock { limiters in
            let id = "\(key)@\(requestsPerSecond)"
            if let limiter = limiters[id] { return limiter }
            let limiter = RateLimiter(requestsPerSecond: requestsPerSecond)
            limiters[id] = limiter
            return limiter
        }
    }
}
