import Synchronization

/// What can go wrong with one request, as it goes wrong with the real API.
public enum Fault: String, CaseIterable, Sendable {
    case internalError
    case maintenance
    case qpsLimit
    case latency
    case droppedConnection
    case truncatedBody

    /// Faults that may strike after a write was applied (so the client cannot know).
    public var canFollowApplication: Bool {
        switch self {
        case .internalError, .droppedConnection, .truncatedBody: true
        case .maintenance, .qpsLimit, .latency: false
        }
    }
}

/// Draws faults at the configured rate from a seeded sequence, so a run can be repeated.
final class FaultInjector: Sendable {
    private let state: Mutex<SeededRandom>
    private let rate: Mutex<Double>
    /// Faults queued for the next requests, in order, before any random ones.
    private let queued = Mutex<[(Fault, Bool)]>([])
    private let counts = Mutex<[Fault: Int]>([:])

    /// How many of each fault were drawn so far.
    var injected: [String: Int] { Dictionary(uniqueKeysWithValues: counts.withLock { $0 }.map { ($0.key.rawValue, $0.value) }) }

    func queue(_ fault: Fault, afterApplying: Bool) { queued.withLock { $0.append((fault, afterApplying)) } }

    init(rate: Double, seed: UInt64) {
        self.rate = Mutex(rate)
        state = Mutex(SeededRandom(seed: seed ^ 0xFA17))
    }

    func setRate(_ value: Double) { rate.withLock { $0 = value } }

    /// The fault for the next request, if any, and whether it strikes after the work is done.
    func draw() -> (fault: Fault, afterApplying: Bool)? {
        let drawn = queued.withLock { $0.isEmpty ? nil : $0.removeFirst() } ?? random()
        if let (fault, _) = drawn { counts.withLock { $0[fault, default: 0] += 1 } }
        return drawn
    }

    private func random() -> (Fault, Bool)? {
        let rate = rate.withLock { $0 }
        guard rate > 0 else { return nil }
        return state.withLock { random in
            guard random.chance(rate) else { return nil }
            let fault = random.pick(Fault.allCases)
            return (fault, fault.canFollowApplication && random.chance(0.5))
        }
    }
}

/// Counts requests in the last second and refuses those over the limit, as the gateway does.
final class QPSGate: Sendable {
    private let window = Mutex<[ContinuousClock.Instant]>([])
    private let limit: Mutex<Double>

    init(requestsPerSecond: Double) { limit = Mutex(requestsPerSecond) }

    func setLimit(_ value: Double) { limit.withLock { $0 = value } }

    /// Whether a request arriving now is within the limit (and counts it if so).
    func admit() -> Bool {
        let limit = limit.withLock { $0 }
        guard limit > 0 else { return true }
        let now = ContinuousClock.now
        return window.withLock { starts in
            starts.removeAll { now - $0 >= .seconds(1) }
            // Allow a little slack for clock jitter between client and server.
            guard Double(starts.count) < limit.rounded(.up) else { return false }
            starts.append(now)
            return true
        }
    }
}
