import Synchronization
import RakutenPay

/// The sandbox's time: the machine's (or a test's) clock, moved forward on request, so that a test
/// sees what RMS does the next day (発送済 the day after the ship date) without waiting for it.
final class SandboxClock: Sendable {
    private let base: @Sendable () -> RakutenDateTime
    private let offset = Mutex<Int64>(0)

    init(_ base: @escaping @Sendable () -> RakutenDateTime) {
        self.base = base
    }

    func now() -> RakutenDateTime {
        base().adding(seconds: offset.withLock { $0 })
    }

    /// Moves the clock forward by `seconds` (never back: RMS's time does not run backwards).
    func advance(by seconds: Int64) {
        offset.withLock { $0 += max(0, seconds) }
    }
}
