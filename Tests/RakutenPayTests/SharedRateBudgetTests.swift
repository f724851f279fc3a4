import Foundation
@testable import RakutenPay
import Testing
import TestSupport

/// The licence key's requests per second, shared through a file by every process on the host.
/// Booking is checked at given moments, not by racing tasks: the order must hold however busy
/// the machine is.
@Suite("Shared request budget")
struct SharedRateBudgetTests {
    @Test("slots are booked one interval apart by every holder of the file; a background request never books ahead of an operator's")
    func slotsAndPriority() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("shop.sqlite.rate")
        // Two budgets on one file stand for two processes: a desk and the worker.
        let desk = SharedRateBudget(path: path, requestsPerSecond: 1)
        let worker = SharedRateBudget(path: path, requestsPerSecond: 1)
        let second: Int64 = 1_100_000_000
        let t0 = SharedRateBudget.monotonicNanoseconds()
        #expect(try desk.book(priority: .foreground, now: t0) == t0)
        #expect(try worker.book(priority: .foreground, now: t0 + 10) == t0 + second, "the other holder waits for the next slot")
        // The next slot is taken: the worker's background request books nothing, and an
        // operator asking after it still gets the slot after that.
        #expect(try worker.book(priority: .background, now: t0 + 20) == nil)
        #expect(try desk.book(priority: .foreground, now: t0 + 30) == t0 + 2 * second)
        #expect(try worker.book(priority: .background, now: t0 + 3 * second) == t0 + 3 * second, "free now: taken")
    }

    @Test("a request woken late pushes the next one back: sends are an interval apart, whatever the slots said")
    func spacingBySend() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let budget = SharedRateBudget(path: directory.file("shop.sqlite.rate"), requestsPerSecond: 1)
        let second: Int64 = 1_100_000_000
        let t0 = SharedRateBudget.monotonicNanoseconds()
        #expect(try budget.markSent(now: t0 + 300_000_000) == 0, "sent 0.3 s after its slot")
        #expect(try budget.markSent(now: t0 + second) == 300_000_000, "the next waits until an interval after that send")
        #expect(try budget.markSent(now: t0 + 300_000_000 + second) == 0)
    }

    @Test("a file that cannot be opened is an error that names it, not a request sent without waiting")
    func unusableFile() async throws {
        let budget = SharedRateBudget(path: "/nonexistent-directory/shop.sqlite.rate", requestsPerSecond: 1)
        await #expect { try await budget.acquire() } throws: { "\($0)".contains("/nonexistent-directory/shop.sqlite.rate") }
    }
}
