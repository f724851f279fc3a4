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
        let first = try JuchuProcess(juchu, ["confirm"] + credentials + Array(numbers[..<half]))
        let second = try JuchuProcess(juchu, ["confirm"] + credentials + Array(numbers[(numbers.count - half)...].reversed()))
        try await offPool {
            first.waitUntilExit()
            second.waitUntilExit()
        }
        #expect([0, 3].contains(first.terminationStatus) && [0, 3].contains(second.terminationStatus))
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice")
        let confirmable = try store.orders(numbers.map(OrderNumber.init)).filter { !$0.fees.shipping.isUnset }.map(\.number.rawValue)
        #expect(Set(accepted.keys) == Set(confirmable))
        let output = first.output + second.output
        #expect(output.contains("確認送信中です") || output.contains("注文確認は送信済みです"), "the overlap is skipped with its reason")
        await sandbox.stop()
    }
    @Test("three processes on one database share the licence key's requests per second: RMS sees at most one request in any second")
    func sharedRequestBudget() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 150, requestsPerSecond: 0)
        let db = juchu.home + "/budget.sqlite"
        let store = try OrderStore(path: db)
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        try await SyncService(client: sandbox.client, store: store).fetch(fetch)
        let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 1000).filter { !$0.isShippingFeeUnset }.map(\.number.rawValue)
        #expect(numbers.count >= 6)
        // From now on RMS takes one request per second for the key, as the real gateway does.
        _ = try await sandbox.admin("qps", json: #"{"requestsPerSecond":1}"#)
        sandbox.server.resetArrivals()
        let credentials = ["--db", db, "--base-url", sandbox.baseURL, "--service-secret", sandbox.client.configuration.credentials.serviceSecret,
                           "--license-key", sandbox.client.configuration.credentials.licenseKey, "--requests-per-second", "0.5"]
        let thirds = numbers.chunked(into: (numbers.count + 2) / 3)
        let processes = try thirds.map { try JuchuProcess(juchu, ["confirm"] + credentials + $0) }
        try await offPool { for process in processes { process.waitUntilExit() } }
        for process in processes { #expect(process.terminationStatus == 0, "\(process.output)") }
        let (_, body) = try await sandbox.admin("stats", method: "GET")
        let stats = try #require(try JSONSerialization.jsonObject(with: Data(body)) as? [String: Any])
        // The processes send 2.2 s apart (0.5 request/s): the rest of the tests, running meanwhile,
        // may delay a request's arrival by a good part of a second, and RMS's one second must
        // hold all the same. Without the shared file the three arrive together.
        let gap = try #require(stats["shortestGapMilliseconds"] as? Int, "\(stats)")
        #expect(gap >= 1_000, "two requests arrived \(gap) ms apart: \(stats)")
        #expect(stats["qpsRefusals"] as? Int == 0, "\(stats)")
        #expect(await sandbox.server.acceptedConfirmations().count == numbers.count)
        await sandbox.stop()
    }

    @Test("juchu confirm of the sandbox's 1,000 orders killed with SIGKILL at 100 random moments and restarted: each order confirmed once, all reach 楽天処理済")
    func killedConfirm() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 1_000, requestsPerSecond: 0) {
            $0.latencyMilliseconds = 3
            $0.secondsUntilProcessing = 1
            $0.secondsUntilDone = 1
        }
        let db = juchu.home + "/killed.sqlite"
        let store = try OrderStore(path: db)
        let service = SyncService(client: sandbox.client, store: store)
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        fetch.lookBackDays = 30
        try await service.fetch(fetch)
        let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 5_000).map(\.number)
        // The sandbox's orders are at every RMS status; those awaiting confirmation are fetched.
        #expect(numbers.count > 700)
        let confirmable = Set(try store.orders(numbers).filter { !$0.fees.shipping.isUnset && !$0.isBundled }.map(\.number.rawValue))
        let arguments = ["confirm", "--status", "新規受付", "--db", db, "--base-url", sandbox.baseURL,
                         "--service-secret", sandbox.client.configuration.credentials.serviceSecret,
                         "--license-key", sandbox.client.configuration.credentials.licenseKey, "--requests-per-second", "100"]
        var generator = SystemRandomNumberGenerator()
        var killedWhileSending = 0
        // Kill moments are drawn up to 600 ms, or up to 90 % of the last run that finished: once
        // every order is sent, a run only starts and skips, and on a quiet machine that takes less
        // than 600 ms — drawn from a fixed range, most of those runs would finish, not be killed.
        var latestUpperBound = 600  // ms
        for _ in 0..<100 {
            let process = try JuchuProcess(juchu, arguments)
            let started = ContinuousClock.now
            let moment = Int.random(in: 20...max(21, latestUpperBound), using: &generator)
            try await offPool {
                Thread.sleep(forTimeInterval: Double(moment) / 1000)
                if process.isRunning { kill(process.processIdentifier, SIGKILL) }
                process.waitUntilExit()
            }
            if process.terminationReason == .uncaughtSignal {
                killedWhileSending += 1
            } else {
                latestUpperBound = min(600, Int((ContinuousClock.now - started) / .milliseconds(1) * 0.9))
            }
        }
        // The last run is left to finish; then the worker's polling brings every order to 楽天処理済.
        // If the killed runs sent everything, it has only skips (送信済み): exit 1 with no failure.
        let last = try JuchuProcess(juchu, arguments)
        try await offPool { last.waitUntilExit() }
        #expect([0, 3].contains(last.terminationStatus) || (last.terminationStatus == 1 && last.output.contains("成功 0件、失敗 0件")),
                "\(last.terminationStatus): \(last.output.suffix(300)) \(last.errorOutput.suffix(300))")
        for _ in 0..<30 {
            try await service.pollConfirmations()
            let done = try store.orders(confirmable.map(OrderNumber.init)).filter { $0.sync == .rakutenDone }.count
            if done == confirmable.count { break }
            try await Task.sleep(for: .milliseconds(500))
        }
        let accepted = await sandbox.server.acceptedConfirmations()
        #expect(killedWhileSending > 50, "most runs must be killed, not finish (\(killedWhileSending))")
        #expect(accepted.values.allSatisfy { $0 == 1 }, "an order was confirmed twice: \(accepted.filter { $0.value > 1 })")
        #expect(Set(accepted.keys) == confirmable)
        let states = try store.orders(confirmable.map(OrderNumber.init)).map(\.sync)
        #expect(states.allSatisfy { $0 == .rakutenDone }, "not all 楽天処理済: \(Set(states.map(\.label)))")
        await sandbox.stop()
    }
}
