import Foundation
import RakutenPay
import Testing
import TestSupport

/// The licence key's requests per second, shared through a file by every process on the host.
@Suite("Shared request budget")
struct SharedRateBudgetTests {
    @Test("slots are booked one interval apart by every holder of the file; a background request never books ahead of an operator's")
    func slotsAndPriority() async throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let path = directory.file("shop.sqlite.rate")
        // Two budgets on one file stand for two processes.
        let desk = SharedRateBudget(path: path, requestsPerSecond: 4)
        let worker = SharedRateBudget(path: path, requestsPerSecond: 4)
        let clock = ContinuousClock()
        let start = clock.now
        try await desk.acquire(priority: .foreground)
        try await worker.acquire(priority: .foreground)
        let second = clock.now - start
        #expect(second >= .milliseconds(250), "the second holder waits for the next slot: \(second)")

        // The worker asks in the background while the next slot is booked; the operator, asking
        // just after, still goes first.
        let background = Task { () async throws -> Duration in
            try await worker.acquire(priority: .background)
            return clock.now - start
        }
        try await desk.acquire(priority: .foreground)
        let operatorAt = clock.now - start
        let workerAt = try await background.value
        #expect(operatorAt < workerAt, "operator \(operatorAt), background \(workerAt)")
        #expect(workerAt - operatorAt >= .milliseconds(250))
    }

    @Test("a file that cannot be opened is an error that names it, not a request sent without waiting")
    func unusableFile() async throws {
        let budget = SharedRateBudget(path: "/nonexistent-directory/shop.sqlite.rate", requestsPerSecond: 1)
        await #expect { try await budget.acquire() } throws: { "\($0)".contains("/nonexistent-directory/shop.sqlite.rate") }
    }
}
