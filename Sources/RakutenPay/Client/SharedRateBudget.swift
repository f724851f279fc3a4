import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A licence key's requests per second shared by every process on the host — desks, `juchu sync`
/// and commands — through a small file beside the database: the next free slot, on the
/// machine's monotonic clock, read and booked under an exclusive lock (flock). RMS counts
/// requests per key, whoever makes them.
public final class SharedRateBudget: Sendable {
    public let path: String
    private let interval: Int64

    /// `path`: the budget file, made if missing (readable and writable by the shop's operators,
    /// like the database beside it).
    public init(path: String, requestsPerSecond: Double) {
        self.path = path
        interval = requestsPerSecond > 0 ? Int64(1e9 * RateLimiter.margin / requestsPerSecond) : 0
    }

    /// Waits for a slot. A foreground request books the next free slot; a background one takes a
    /// slot only when it is free now, and otherwise waits and asks again.
    public func acquire(priority: RequestPriority = RequestPriority.current) async throws {
        guard interval > 0 else { return }
        while true {
            let now = Self.monotonicNanoseconds()
            let slot = try book(now: now, waitingAllowed: priority == .foreground)
            if let slot {
                if slot > now { try await Task.sleep(for: .nanoseconds(slot - now)) }
                return
            }
            // Background: the next slot is taken; look again when it has passed.
            try await Task.sleep(for: .nanoseconds(max(1_000_000, interval / 4)))
        }
    }

    /// Books a slot under the file's lock: the slot's time, or nil when `waitingAllowed` is
    /// false and no slot is free now.
    private func book(now: Int64, waitingAllowed: Bool) throws -> Int64? {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o666)
        guard descriptor >= 0 else { throw BudgetError(path: path, doing: "開けません", code: errno) }
        defer { close(descriptor) }
        // Every operator's processes book through the same file, whoever made it first; only its
        // owner can widen it, and then once is enough, so a refusal here is not a failure.
        _ = fchmod(descriptor, 0o666)
        guard flock(descriptor, LOCK_EX) == 0 else { throw BudgetError(path: path, doing: "ロックできません", code: errno) }
        var stored: Int64 = 0
        let read = pread(descriptor, &stored, MemoryLayout<Int64>.size, 0)
        guard read >= 0 else { throw BudgetError(path: path, doing: "読めません", code: errno) }
        // A slot far ahead is left from before a restart of the machine (the clock began again).
        if read != MemoryLayout<Int64>.size || stored > now + 60 * interval { stored = 0 }
        let slot = max(now, stored)
        guard waitingAllowed || slot <= now else { return nil }
        var next = slot + interval
        guard pwrite(descriptor, &next, MemoryLayout<Int64>.size, 0) == MemoryLayout<Int64>.size else {
            throw BudgetError(path: path, doing: "書けません", code: errno)
        }
        return slot
    }

    static func monotonicNanoseconds() -> Int64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Int64(time.tv_sec) * 1_000_000_000 + Int64(time.tv_nsec)
    }

    struct BudgetError: Error, CustomStringConvertible {
        let path: String
        let doing: String
        let code: Int32
        var description: String { "リクエスト間隔の共有ファイル \(path) を\(doing): \(String(cString: strerror(code)))" }
    }
}
