import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("End to end: several processes on one database file", .serialized)
struct ProcessesEndToEndTests {
    /// Runs `juchu` with `arguments` and returns its exit status and output.
    static func run(_ juchu: JuchuBinary, _ arguments: [String], environment: [String: String] = [:]) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: juchu.path)
        process.arguments = arguments
        process.environment = ["HOME": juchu.home, "LANG": "C.UTF-8"].merging(environment) { $1 }
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        return process
    }

    @Test("two processes confirming overlapping selections send each order once")
    func twoProcessesConfirm() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 150, requestsPerSecond: 0)
        let db = juchu.home + "/shared.sqlite"
        let store = try OrderStore(path: db)
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        try await SyncService(client: sandbox.client, store: store).fetch(fetch)
        let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 1000).map(\.number.rawValue)
        #expect(numbers.count > 100)
        let half = numbers.count * 2 / 3
        let credentials = ["--db", db, "--base-url", sandbox.baseURL, "--service-secret", sandbox.client.configuration.credentials.serviceSecret,
                           "--license-key", sandbox.client.configuration.credentials.licenseKey, "--requests-per-second", "50"]
        // The first takes the first two thirds, the second the last two thirds, in reverse.
        let first = try Self.run(juchu, ["confirm"] + credentials + Array(numbers[..<half]))
        let second = try Self.run(juchu, ["confirm"] + credentials + Array(numbers[(numbers.count - half)...].reversed()))
        try await offPool {
            first.waitUntilExit()
            second.waitUntilExit()
        }
        #expect([0, 3].contains(first.terminationStatus) && [0, 3].contains(second.terminationStatus))
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice")
        let confirmable = try store.orders(numbers.map(OrderNumber.init)).filter { !$0.fees.shipping.isUnset }.map(\.number.rawValue)
        #expect(Set(accepted.keys) == Set(confirmable))
        let output = try await offPool {
            [first, second].map { String(decoding: ($0.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(), as: UTF8.self) }.joined()
        }
        #expect(output.contains("確認送信中です") || output.contains("注文確認は送信済みです"), "the overlap is skipped with its reason")
        await sandbox.stop()
    }
}
