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
        interval = requestsPerSecond > 0 ? Int64(1e9 * Self.margin / requestsPerSecond) : 0
    }

    /// 10 % on top of the nominal spacing: 1.1 s at 1 request/s. Between processes the time from
    /// taking a slot to the request reaching RMS varies more than within one (a process's first
    /// request opens its connection; another process may be off its core): 3 %, as within a
    /// process, let two requests land in one of the gateway's seconds on a busy machine.
    static let margin = 1.10

    /// Waits for a slot. A foreground request books the next free slot; a background one takes a
    /// slot only when it is free now, and otherwise waits and asks again. Woken at its slot, a
    /// request still waits until one interval has passed since the last request actually went
    /// out: a process woken late (a busy machine) must not land two requests in one second.
    public func acquire(priority: RequestPriority = RequestPriority.current) async throws {
        guard interval > 0 else { return }
        while true {
            let now = Self.monotonicNanoseconds()
            if let slot = try book(priority: priority, now: now) {
                if slot > now { try await Task.sleep(for: .nanoseconds(slot - now)) }
                break
            }
            // Background: the next slot is taken; look again when it has passed.
            try await Task.sleep(for: .nanoseconds(max(1_000_000, interval / 4)))
        }
        while true {
            let wait = try markSent(now: Self.monotonicNanoseconds())
            guard wait > 0 else { return }
            try await Task.sleep(for: .nanoseconds(wait))
        }
    }

    /// Books a slot at or after `now`: its time, or nil for a background request when no slot
    /// is free now.
    func book(priority: RequestPriority, now: Int64) throws -> Int64? {
        try update { (file: inout Slots) -> Int64? in
            let slot = max(now, file.nextSlot)
            guard priority == .foreground || slot <= now else { return nil }
            file.nextSlot = slot + interval
            return slot
        }
    }

    /// Records that a request goes out `now`, when an interval has passed since the last one;
    /// otherwise how long to wait first (nanoseconds).
    func markSent(now: Int64) throws -> Int64 {
        try update { (file: inout Slots) -> Int64 in
            let earliest = file.lastSent + interval
            guard now >= earliest else { return earliest - now }
            file.lastSent = now
            file.nextSlot = max(file.nextSlot, now + interval)
            return 0
        }
    }

    /// What the file holds: the next slot free to book, and when a request last went out.
    struct Slots {
        var nextSlot: Int64
        var lastSent: Int64
    }

    /// Reads the slots, lets `change` change them and writes them back, under the file's lock.
    private func update<T>(_ change: (inout Slots) -> T) throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o660)
        guard descriptor >= 0 else { throw BudgetError(path: path, doing: "開けません", code: errno) }
        defer { close(descriptor) }
        // Every operator's processes book through the same file, whoever made it first: the host's
        // operators share it through their group (as they share the database beside it), and no
        // one else may write it. Only its owner can set that, and once is enough, so a refusal
        // here is not a failure.
        _ = fchmod(descriptor, 0o660)
        guard flock(descriptor, LOCK_EX) == 0 else { throw BudgetError(path: path, doing: "ロックできません", code: errno) }
        var stored: (Int64, Int64) = (0, 0)
        let size = MemoryLayout<(Int64, Int64)>.size
        let read = pread(descriptor, &stored, size, 0)
        guard read >= 0 else { throw BudgetError(path: path, doing: "読めません", code: errno) }
        let now = Self.monotonicNanoseconds()
        var slots = Slots(nextSlot: stored.0, lastSent: stored.1)
        // Values far ahead are left from before the machine restarted (the clock began again).
        if read != size || slots.nextSlot > now + 60 * interval || slots.lastSent > now + interval {
            slots = Slots(nextSlot: 0, lastSent: 0)
        }
        let result = change(&slots)
        var written = (slots.nextSlot, slots.lastSent)
        guard pwrite(descriptor, &written, size, 0) == size else { throw BudgetError(path: path, doing: "書けません", code: errno) }
        return result
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
