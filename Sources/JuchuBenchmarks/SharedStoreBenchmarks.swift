import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import OrderSync
import RakutenPay
import RMSSandbox
import Synchronization

/// Four desks and a sync worker on two hosts over one PostgreSQL database, against the sandbox
/// over HTTP: each desk goes through every order in an order of its own, 50 at a time, setting
/// its own check item and sending 注文確認通知, while the worker polls RMS's answers. Measured:
/// how long until every order is confirmed; checked: no confirmation reached RMS twice or not at
/// all, and no desk's change was lost to another's (every order has all four check items).
enum SharedStoreBenchmarks {
    static let orders = 2_000
    static let licenseKey = "SL-bench-shared"

    static func run(_ server: PostgresLocation) throws -> BenchTable.Row {
        try runBlocking { try await withSandbox(server) }
    }

    /// The sandbox holding the orders, stopped whatever the measure ends with.
    private static func withSandbox(_ server: PostgresLocation) async throws -> BenchTable.Row {
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.awaitingConfirmationRate = 1
        settings.unsetPostageRate = 0
        var generator = OrderGenerator(seed: 31, settings: settings)
        var configuration = SandboxConfiguration()
        configuration.licenseKey = SharedStoreBenchmarks.licenseKey
        configuration.requestsPerSecond = 0
        let sandbox = SandboxServer(
            configuration: configuration, orders: generator.orders(count: orders, now: RakutenDateTime(Date().addingTimeInterval(-3600))))
        let url = try await sandbox.start()
        do {
            let row = try await measure(sandbox, url: url, server)
            await sandbox.stop()
            return row
        } catch {
            await sandbox.stop()
            throw error
        }
    }

    private static func measure(_ sandbox: SandboxServer, url: String, _ server: PostgresLocation) async throws -> BenchTable.Row {
        let name = "juchu_bench_shared_" + UUID().uuidString.prefix(8).lowercased()
        let location = try PostgresDatabases.create(name, on: server)
        defer {
            do { try PostgresDatabases.drop(name, on: server) } catch {
                FileHandle.standardError.write(Data("作業用データベース \(name) を消せません: \(error)\n".utf8))
            }
        }
        var configuration = SandboxConfiguration()
        configuration.licenseKey = SharedStoreBenchmarks.licenseKey
        let client = RakutenPayClient(configuration: configuration.clientConfiguration(baseURL: url, requestsPerSecond: 0))
        func service(_ desk: String) throws -> SyncService {
            SyncService(client: client, store: try PostgresStore(location: location, operatorName: desk, deskID: desk))
        }
        let pid = getpid()
        let worker = try service("sync@site-a:\(pid)")
        var fetch = FetchSettings()
        fetch.skipYoungerThanMinutes = 0
        let fetched = try await worker.fetch(fetch)
        let numbers = try worker.store.page(GridFilter(localStatus: .newOrder), limit: orders * 2).map(\.number)
        guard fetched.inserted == orders, numbers.count == orders else {
            throw BenchError("共有ストアのベンチマークで \(fetched.inserted)件しか取れませんでした")
        }
        let desks = try (1...4).map { index in
            (flag: "デスク\(index)", service: try service("desk\(index)@site-\(index <= 2 ? "a" : "b"):\(pid)"))
        }
        let start = ContinuousClock.now
        // Told to stop between polls, not cancelled: a poll cut short throws the request's error.
        let stopping = Mutex(false)
        let polling = Task {
            while !stopping.withLock({ $0 }) {
                try await worker.pollConfirmations()
                try await Task.sleep(for: .milliseconds(500))
            }
        }
        // Stopped however the desks end, a failure among them included.
        defer { stopping.withLock { $0 = true } }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (index, desk) in desks.enumerated() {
                var random = SystemRandomNumberGenerator()
                let chosen = index == 0 ? numbers : index == 1 ? numbers.reversed() : numbers.shuffled(using: &random)
                group.addTask {
                    for part in stride(from: 0, to: chosen.count, by: 50).map({ Array(chosen[$0..<min(chosen.count, $0 + 50)]) }) {
                        _ = try desk.service.store.apply(try FlagAction(desk.flag, set: true), to: part)
                        _ = try await desk.service.run(.confirm, on: part)
                    }
                }
            }
            try await group.waitForAll()
        }
        let elapsed = (ContinuousClock.now - start).seconds
        stopping.withLock { $0 = true }
        try await polling.value
        let accepted = await sandbox.acceptedConfirmations()
        let doubled = accepted.values.filter { $0 > 1 }.count
        let missed = Set(numbers.map(\.rawValue)).subtracting(accepted.keys).count
        let stored = try worker.store.orders(numbers)
        let lost = stored.filter { !$0.flags.isSuperset(of: desks.map(\.flag)) }.count
        let ok = doubled == 0 && missed == 0 && lost == 0 && stored.count == orders
        return BenchTable.Row(
            name: "PostgreSQL: デスク4台（2ホスト）と同期ワーカーで \(orders.formatted())件にチェックと注文確認（二重送信・送り漏れ・消えた変更）",
            median: String(format: "%.1f 秒（二重 %d・漏れ %d・消えた変更 %d）", elapsed, doubled, missed, lost),
            target: "0・0・0", ratio: ok ? 1 : Double(1 + doubled + missed + lost), samples: "1回", higherIsBetter: false)
    }
}
