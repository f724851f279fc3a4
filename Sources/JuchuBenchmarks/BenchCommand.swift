import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles

/// `juchu-bench` (and `juchu bench`, which hands over to it): the performance targets, measured
/// and printed as a table of medians. A program of its own, beside `juchu` but not in it: the
/// product carries no benchmark. Run it in release mode: `swift run -c release juchu-bench`.
@main
struct JuchuBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "juchu-bench",
        abstract: "性能目標を計測し、中央値の表を出力します（リリースビルドで実行してください）")

    /// The `juchu` built beside this program, which the desk benchmarks run in a pty.
    static var juchuExecutable: String {
        (URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent().path as NSString)
            .appendingPathComponent("juchu")
    }

    enum Suite: String, ExpressibleByArgument, CaseIterable {
        case api
        /// getOrder decoding only (for profiling).
        case decode
        /// The store with a million orders.
        case store
        /// The desk in a pty on the million-order store.
        case desk
        /// Fetch at 1 request/s, and how soon new orders and 楽天処理済 show.
        case sync
        /// The shipping report at 1 request/s; label data and an issued file of 10,000.
        case shipping
        /// 10,000 mails rendered; 1,000 sent to a local relay.
        case mail
        /// 1,000 納品書 into one PDF; a picking list of 10,000 orders.
        case slips
        /// 20 rules over 10,000 newly imported orders.
        case rules
        /// 郵便番号 → 住所 from Japan Post's data, as a key typed at the desk asks for it.
        case postcodes
        /// Orders from files: RMS's 楽天ペイ受注CSV of 100,000 lines, imported and imported again; and the
        /// reconcile of 730 days against the sandbox at 1 request a second.
        case orders
        /// Four desks and a sync worker on two hosts over one PostgreSQL database (`--store`; also run by `store`).
        case shared
    }

    /// Suites named in one argument, comma-separated (`--only shipping,mail,slips`), or one each time.
    struct Suites: ExpressibleByArgument, CustomStringConvertible {
        let suites: [Suite]

        var description: String { suites.map(\.rawValue).joined(separator: ",") }

        init(_ suites: [Suite]) { self.suites = suites }

        init?(argument: String) {
            let names = argument.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            let suites = names.compactMap(Suite.init(rawValue:))
            guard !suites.isEmpty, suites.count == names.count else { return nil }
            self.suites = suites
        }

        static var allValueStrings: [String] { Suite.allCases.map(\.rawValue) }
    }

    @Option(help: "計測する項目（\(Suite.allCases.map(\.rawValue).joined(separator: ", "))。カンマ区切りでも）")
    var only: [Suites] = [Suites([.api, .sync, .shipping, .mail, .slips, .rules, .postcodes, .orders, .store, .desk])]

    @Option(help: "各項目の繰り返し回数（中央値をとります）")
    var runs = 3

    @Option(name: .customLong("store-db"), help: "店舗ベンチマーク用のSQLiteファイル（同じ件数なら再利用します）")
    var storeDB = NSTemporaryDirectory() + "juchu-bench-1m.sqlite"

    @Option(name: .customLong("store-orders"), help: "店舗ベンチマークの注文数")
    var storeOrders = 1_000_000

    @Option(name: .customLong("store"), help: "PostgreSQL でも計測する: postgresql://ユーザー@ホスト/データベース（空なら SQLite のファイルを写します。パスワードは JUCHU_DB_PASSWORD）")
    var storeURL: String?

    /// Set only when the benchmark runs itself as a desk to measure its memory.
    @Option(name: .customLong(String(DeskMemoryProbe.option.dropFirst(2))), help: .hidden)
    var deskMemoryProbe: String?

    func run() throws {
        let only = self.only.flatMap(\.suites)
        if let deskMemoryProbe { return try DeskMemoryProbe.runChild(path: deskMemoryProbe) }
        #if DEBUG
        FileHandle.standardError.write(Data("juchu-bench: デバッグビルドです。数値は参考になりません（swift run -c release juchu-bench）\n".utf8))
        #endif
        if only.contains(.shared), storeURL == nil {
            throw BenchError("shared は PostgreSQL で計測します: --store postgresql://… を付けてください")
        }
        var table = BenchTable()
        if only.contains(.api) || only.contains(.decode) {
            table.add(try APIBenchmarks.decodeGetOrder(runs: max(runs, 5)))
        }
        if only.contains(.api) {
            table.add(try APIBenchmarks.confirmThousand(runs: runs))
        }
        if only.contains(.sync) {
            for row in try SyncBenchmarks.run(runs: runs) { table.add(row) }
        }
        if only.contains(.shipping) {
            for row in try ShippingBenchmarks.run(runs: runs) { table.add(row) }
        }
        if only.contains(.mail) {
            for row in try MailBenchmarks.run(runs: runs) { table.add(row) }
        }
        if only.contains(.slips) {
            for row in try SlipBenchmarks.run(runs: runs) { table.add(row) }
        }
        if only.contains(.rules) {
            for row in try RulesBenchmarks.run(runs: runs) { table.add(row) }
        }
        if only.contains(.postcodes) {
            for row in try PostcodeBenchmarks.run(runs: runs) { table.add(row) }
        }
        if only.contains(.orders) {
            for row in try OrderFileBenchmarks.run(runs: runs) { table.add(row) }
            table.add(try ReconcileBenchmarks.run(runs: runs))
        }
        var postgres: PostgresLocation?
        if let storeURL {
            var location = try PostgresLocation(url: storeURL)
            try location.readPassword(environment: ProcessInfo.processInfo.environment, file: nil)
            postgres = location
        }
        if only.contains(.store) {
            for row in try StoreBenchmarks.run(path: storeDB, count: storeOrders, runs: runs, postgres: postgres) { table.add(row) }
        }
        if let postgres, only.contains(.store) || only.contains(.shared) { table.add(try SharedStoreBenchmarks.run(postgres)) }
        if only.contains(.desk) {
            guard FileManager.default.isExecutableFile(atPath: Self.juchuExecutable) else {
                throw BenchError("\(Self.juchuExecutable) がありません（swift build -c release で juchu も作ってください）")
            }
            for row in try DeskBenchmarks.run(storePath: storeDB, count: storeOrders, runs: runs) { table.add(row) }
        }
        print(table.rendered)
    }
}

/// Rows of measured medians against their targets.
struct BenchTable {
    struct Row {
        let name: String
        let median: String
        let target: String
        let ratio: Double
        let samples: String
        /// Whether a ratio above 1 is good (a rate) or bad (a time).
        let higherIsBetter: Bool

        var verdict: String { (higherIsBetter ? ratio >= 1 : ratio <= 1) ? "OK" : "NG" }

        /// A figure shown beside the targets for what it tells, with no target of its own.
        static func reference(_ name: String, median: String, samples: String) -> Row {
            Row(name: name, median: median, target: "（参考）", ratio: .nan, samples: samples, higherIsBetter: false)
        }
    }

    private var rows: [Row] = []

    mutating func add(_ row: Row) { rows.append(row) }

    var rendered: String {
        var lines = ["| 項目 | 中央値 | 目標 | 比 | 判定 | 計測値 |", "|---|---|---|---|---|---|"]
        for row in rows {
            let (ratio, verdict) = row.ratio.isNaN ? ("—", "—") : (String(format: "%.2f", row.ratio), row.verdict)
            lines.append("| \(row.name) | \(row.median) | \(row.target) | \(ratio) | \(verdict) | \(row.samples) |")
        }
        return lines.joined(separator: "\n")
    }

    static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }
}
