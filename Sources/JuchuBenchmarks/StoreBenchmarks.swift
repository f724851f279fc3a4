import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import OrderStorePostgres
import OrderSync
import RakutenPay

/// Issue 4's targets with a million orders in the store: open and first page ≤ 20 ms; next page,
/// a status filter, a name search ≤ 30 ms; a 10,000-order status change planned, applied and
/// journalled ≤ 1 s; import from getOrder JSON ≥ 20,000 orders/s; the desk's memory ≤ 80 MB.
enum StoreBenchmarks {
    static let pageSize = 50

    /// Builds (or reuses) a store of `count` generated orders at `path`, imported through the
    /// same path as a fetch: getOrder JSON decoded, mapped and stored. Returns the import rate.
    static func prepare(path: String, count: Int) throws -> Double? {
        if FileManager.default.fileExists(atPath: path), let store = try? OrderStore(path: path),
            (try? store.countsByStatus().values.reduce(0, +)) == count
        {
            return nil
        }
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
        // Made before the import's clock starts, so that the import is timed in one stretch.
        let bodies = try GeneratedAnswers.newOrders(count: count, seed: 7)
        let store = try OrderStore(path: path)
        FileHandle.standardError.write(Data("  取り込み中…\n".utf8))
        let start = ContinuousClock.now
        try OrderImport.importBodies(bodies, into: store)
        let importSeconds = (ContinuousClock.now - start).seconds
        return Double(count) / importSeconds
    }

    /// The two halves of an import on their own, 10,000 orders into a new file: reading the JSON
    /// and mapping it (one core), then writing rows, search terms and journal (one transaction per
    /// 2,000 orders). The import runs them side by side, so its rate is about that of the slower.
    /// With `postgres`, the same orders into PostgreSQL too (``postgresImport(_:incoming:bodies:)``).
    static func importHalves(postgres: PostgresLocation?) throws -> [BenchTable.Row] {
        let directory = NSTemporaryDirectory() + "juchu-bench-halves-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { BenchScratch.remove(directory) }
        let bodies = try GeneratedAnswers.newOrders(count: 10_000, seed: 11)
        var start = ContinuousClock.now
        let incoming = try bodies.flatMap { try OrderImport.incoming(RakutenPayClient.fetchedOrders(fromBody: $0), localStatus: .newOrder) }
        let decodeRate = Double(incoming.count) / (ContinuousClock.now - start).seconds
        let store = try OrderStore(path: directory + "/halves.sqlite")
        start = ContinuousClock.now
        for part in incoming.chunked(into: 2_000) { try store.importOrders(part) }
        let writeRate = Double(incoming.count) / (ContinuousClock.now - start).seconds
        var rows = [("取り込みの内訳: JSONの解析と変換（1コア）", decodeRate), ("取り込みの内訳: 書き込み（行・検索語・履歴）", writeRate)].map { name, rate in
            BenchTable.Row(name: name, median: "\(Int(rate)) 件/秒", target: "≥ 20000 件/秒", ratio: rate / 20_000,
                           samples: "1回（10000件）", higherIsBetter: true)
        }
        if let postgres { rows += try postgresImport(postgres, incoming: incoming, bodies: bodies) }
        return rows
    }

    /// The same 10,000 orders into PostgreSQL (issue 31: ≥ 5,000 orders/s), each run into a new
    /// scratch database beside the shop's: the writes alone, then the whole import from getOrder
    /// JSON (decoding on other threads, as ``importHalves(postgres:)``'s SQLite import). Medians of three.
    static func postgresImport(_ server: PostgresLocation, incoming: [OrderStore.Incoming], bodies: [Data]) throws -> [BenchTable.Row] {
        func rate(_ body: (PostgresStore) throws -> Void) throws -> [Double] {
            try (0..<3).map { run in
                let name = "juchu_bench_import_\(getpid())_\(run)"
                let scratch = try PostgresDatabases.create(name, on: server)
                defer {
                    do { try PostgresDatabases.drop(name, on: server) } catch {
                        FileHandle.standardError.write(Data("  作業用データベース \(name) を消せません: \(error)\n".utf8))
                    }
                }
                let store = try PostgresStore(location: scratch)
                let start = ContinuousClock.now
                try body(store)
                return Double(incoming.count) / (ContinuousClock.now - start).seconds
            }
        }
        let writes = try rate { store in for part in incoming.chunked(into: 2_000) { try store.importOrders(part) } }
        let whole = try rate { store in try OrderImport.importBodies(bodies, into: store) }
        return [("PostgreSQL: 取り込みの書き込み（行・検索語・履歴）", writes), ("PostgreSQL: getOrder JSON からの取り込み", whole)].map { name, rates in
            let median = BenchTable.median(rates)
            return BenchTable.Row(name: name, median: "\(Int(median)) 件/秒", target: "≥ 5000 件/秒", ratio: median / 5_000,
                                  samples: rates.map { "\(Int($0))" }.joined(separator: ", "), higherIsBetter: true)
        }
    }

    static func run(path: String, count: Int, runs: Int, postgres: PostgresLocation? = nil) throws -> [BenchTable.Row] {
        let importRate = try prepare(path: path, count: count)
        var rows: [BenchTable.Row] = []
        if let importRate {
            rows.append(BenchTable.Row(
                name: "getOrder JSON からの取り込み", median: "\(Int(importRate)) 件/秒", target: "≥ 20000 件/秒",
                ratio: importRate / 20_000, samples: "1回（\(count)件）", higherIsBetter: true))
        }
        rows += try importHalves(postgres: postgres)
        if let postgres, let copied = try copyToPostgres(postgres, from: path, count: count) { rows.append(copied) }
        // The desk first, on the file as a desk finds it (not right after this process's own
        // 10,000-order runs, whose write-ahead log it would then carry).
        rows.append(try DeskMemoryProbe.measure(path: path, runs: runs))
        let open = { () throws -> any StoreQuerying in try OrderStore(path: path) }
        let store = try OrderStore(path: path)
        let first = try store.page(GridFilter(localStatus: .newOrder), limit: pageSize)
        let sample = try require(try store.orders([first[first.count / 2].number]).first)
        var sqliteMedians: [Double] = []
        for read in reads(sample: sample, first: first) {
            let samples = try measure(runs: runs) { try read.body(read.opens ? try open() : store) }
            sqliteMedians.append(BenchTable.median(samples))
            rows.append(row(read.name, samples: samples, target: read.target))
        }
        if let postgres {
            rows += try postgresReads(postgres, sample: sample, first: first, sqlite: sqliteMedians, runs: runs)
        }
        rows.append(row("1万件の受注ステータス変更（計画・適用・履歴）", samples: try statusChange(on: store, after: first, runs: runs), target: 1000))
        if let postgres {
            let samples = try statusChange(on: try PostgresStore(location: postgres), after: first, runs: runs)
            rows.append(row("PostgreSQL: 1万件の受注ステータス変更（計画・適用・履歴）", samples: samples, target: 2000))
        }
        return rows
    }

    /// Milliseconds of 10,000 orders' status change — planned, applied and journalled — each run
    /// undone, so that every run starts alike.
    static func statusChange(on store: some StoreApplying & StoreQuerying, after first: [OrderRow], runs: Int) throws -> [Double] {
        let tenThousand = try store.page(GridFilter(localStatus: .newOrder), after: first.last?.key, limit: 10_000).map(\.number)
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let applied = try store.apply(ChangeStatusAction(to: .awaitingShipment), to: tenThousand)
            samples.append((ContinuousClock.now - start).seconds * 1000)
            guard applied.plan.changes.count == tenThousand.count else { throw BenchError("10,000件の変更が一部しか適用されませんでした") }
            try store.undo(batch: applied.batchID)
        }
        return samples
    }

    /// A read the grid makes, with its target on SQLite; `opens`: it opens the store first (its
    /// body is given a store opened anew).
    struct Read {
        let name: String
        let target: Double
        var opens = false
        let body: (any StoreQuerying) throws -> Void
    }

    /// The desk's reads of a million orders, as asked of any backend: the first page, the next,
    /// a status, and searches as people type (the first name alone, one kanji or two; the name
    /// with its space; the kana in hiragana; the start of an order number without the shop's id).
    static func reads(sample: Order, first: [OrderRow]) -> [Read] {
        let name = sample.orderer
        let fullName = name.familyName + name.firstName
        let firstCharacter = String(name.firstName.prefix(1))
        let spaced = name.familyName + " " + name.firstName
        let hiragana = name.familyNameKana.applyingTransform(.hiraganaToKatakana, reverse: true) ?? name.familyNameKana
        let numberStart = String(sample.number.rawValue.split(separator: "-", maxSplits: 1).last?.prefix(13) ?? "")
        func search(_ text: String) -> (any StoreQuerying) throws -> Void { { _ = try $0.page(GridFilter(search: text), after: nil, limit: pageSize) } }
        return [
            Read(name: "起動して最初のページを表示", target: 20, opens: true) { store in
                _ = try store.countsByStatus()
                _ = try store.page(GridFilter(localStatus: .newOrder), after: nil, limit: pageSize)
            },
            Read(name: "次のページ", target: 30) { _ = try $0.page(GridFilter(localStatus: .newOrder), after: first.last?.key, limit: pageSize) },
            Read(name: "受注ステータスで絞り込み", target: 30) { store in
                _ = try store.page(GridFilter(localStatus: .onHold), after: nil, limit: pageSize)
                _ = try store.count(GridFilter(localStatus: .onHold))
            },
            Read(name: "名前で検索（\(fullName)）", target: 30, body: search(fullName)),
            Read(name: "姓で検索（\(name.familyName)）", target: 30, body: search(name.familyName)),
            Read(name: "電話番号の下4桁で検索", target: 30, body: search(String(name.phoneNumber.filter(\.isNumber).suffix(4)))),
            Read(name: "名の1文字で検索（\(firstCharacter)）", target: 30, body: search(firstCharacter)),
            Read(name: "名前を空白つきで検索（\(spaced)）", target: 30, body: search(spaced)),
            Read(name: "カナをひらがなで検索（\(hiragana)）", target: 30, body: search(hiragana)),
            Read(name: "注文番号の先頭で検索（\(numberStart)）", target: 30, body: search(numberStart)),
        ]
    }

    /// The SQLite store copied to PostgreSQL (`juchu store copy`, timed; while nothing else has
    /// the file open) when the database is empty; nil when it holds that copy already.
    static func copyToPostgres(_ location: PostgresLocation, from path: String, count: Int) throws -> BenchTable.Row? {
        let postgres = try PostgresStore(location: location)
        let held = try postgres.countsByStatus().values.reduce(0, +)
        guard held == 0 else {
            guard held == count else { throw BenchError("\(location.shown) には \(held)件の注文があります（\(count)件のベンチマークには空のデータベースを）") }
            return nil
        }
        FileHandle.standardError.write(Data("  PostgreSQL に写しています…\n".utf8))
        let start = ContinuousClock.now
        _ = try postgres.copy(from: StoreExport(path: path, access: .ownerOnly))
        let rate = Double(count) / (ContinuousClock.now - start).seconds
        return .reference("PostgreSQL へ写す（juchu store copy、検査込み）", median: "\(Int(rate)) 件/秒", samples: "1回（\(count)件）")
    }

    /// The same reads on PostgreSQL, each against twice SQLite's median (issue 31's target).
    static func postgresReads(_ location: PostgresLocation, sample: Order, first: [OrderRow], sqlite: [Double], runs: Int) throws -> [BenchTable.Row] {
        var rows: [BenchTable.Row] = []
        let postgres = try PostgresStore(location: location)
        for (read, sqliteMedian) in zip(reads(sample: sample, first: first), sqlite) {
            let samples = try measure(runs: runs) { try read.body(read.opens ? try PostgresStore(location: location) : postgres) }
            let median = BenchTable.median(samples)
            rows.append(BenchTable.Row(
                name: "PostgreSQL: " + read.name, median: String(format: "%.1f ms", median), target: String(format: "≤ %.1f ms（SQLiteの2倍）", 2 * sqliteMedian),
                ratio: median / (2 * sqliteMedian), samples: samples.map { String(format: "%.1f", $0) }.joined(separator: ", "), higherIsBetter: false))
        }
        return rows
    }

    /// Milliseconds of `body`, at least five runs, after one that warms the cache (as a desk that
    /// has been open a while has it).
    static func measure(runs: Int, _ body: () throws -> Void) throws -> [Double] {
        try body()
        var samples: [Double] = []
        for _ in 0..<max(runs, 5) {
            let start = ContinuousClock.now
            try body()
            samples.append((ContinuousClock.now - start).seconds * 1000)
        }
        return samples
    }

    static func row(_ name: String, samples: [Double], target: Double) -> BenchTable.Row {
        let median = BenchTable.median(samples)
        return BenchTable.Row(
            name: name, median: String(format: "%.1f ms", median), target: "≤ \(Int(target)) ms", ratio: median / target,
            samples: samples.map { String(format: "%.1f", $0) }.joined(separator: ", "), higherIsBetter: false)
    }
}

func require<T>(_ value: T?, _ message: String = "値がありません") throws -> T {
    guard let value else { throw BenchError(message) }
    return value
}
