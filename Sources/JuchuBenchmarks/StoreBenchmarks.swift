import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
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
    static func importHalves() throws -> [BenchTable.Row] {
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
        return [("取り込みの内訳: JSONの解析と変換（1コア）", decodeRate), ("取り込みの内訳: 書き込み（行・検索語・履歴）", writeRate)].map { name, rate in
            BenchTable.Row(name: name, median: "\(Int(rate)) 件/秒", target: "≥ 20000 件/秒", ratio: rate / 20_000,
                           samples: "1回（10000件）", higherIsBetter: true)
        }
    }

    static func run(path: String, count: Int, runs: Int) throws -> [BenchTable.Row] {
        let importRate = try prepare(path: path, count: count)
        var rows: [BenchTable.Row] = []
        if let importRate {
            rows.append(BenchTable.Row(
                name: "getOrder JSON からの取り込み", median: "\(Int(importRate)) 件/秒", target: "≥ 20000 件/秒",
                ratio: importRate / 20_000, samples: "1回（\(count)件）", higherIsBetter: true))
        }
        rows += try importHalves()
        // The desk first, on the file as a desk finds it (not right after this process's own
        // 10,000-order runs, whose write-ahead log it would then carry).
        rows.append(try DeskMemoryProbe.measure(path: path, runs: runs))
        rows.append(try timed("起動して最初のページを表示", target: 20, runs: runs) {
            let store = try OrderStore(path: path)
            _ = try store.countsByStatus()
            _ = try store.page(GridFilter(localStatus: .newOrder), limit: pageSize)
        })
        let store = try OrderStore(path: path)
        let first = try store.page(GridFilter(localStatus: .newOrder), limit: pageSize)
        rows.append(try timed("次のページ", target: 30, runs: runs) {
            _ = try store.page(GridFilter(localStatus: .newOrder), after: first.last?.key, limit: pageSize)
        })
        rows.append(try timed("受注ステータスで絞り込み", target: 30, runs: runs) {
            _ = try store.page(GridFilter(localStatus: .onHold), limit: pageSize)
            _ = try store.count(GridFilter(localStatus: .onHold))
        })
        let sample = try require(try store.orders([first[first.count / 2].number]).first)
        let fullName = sample.orderer.familyName + sample.orderer.firstName
        rows.append(try timed("名前で検索（\(fullName)）", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: fullName), limit: pageSize)
        })
        rows.append(try timed("姓で検索（\(sample.orderer.familyName)）", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: sample.orderer.familyName), limit: pageSize)
        })
        rows.append(try timed("電話番号の下4桁で検索", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: String(sample.orderer.phoneNumber.filter(\.isNumber).suffix(4))), limit: pageSize)
        })
        // As people type: the first name alone (one kanji or two), the name with its space, the
        // kana in hiragana, the start of an order number without the shop's id.
        let firstCharacter = String(sample.orderer.firstName.prefix(1))
        rows.append(try timed("名の1文字で検索（\(firstCharacter)）", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: firstCharacter), limit: pageSize)
        })
        let spaced = sample.orderer.familyName + " " + sample.orderer.firstName
        rows.append(try timed("名前を空白つきで検索（\(spaced)）", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: spaced), limit: pageSize)
        })
        let hiragana = (sample.orderer.familyNameKana.applyingTransform(.hiraganaToKatakana, reverse: true) ?? sample.orderer.familyNameKana)
        rows.append(try timed("カナをひらがなで検索（\(hiragana)）", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: hiragana), limit: pageSize)
        })
        let numberStart = String(sample.number.rawValue.split(separator: "-", maxSplits: 1).last?.prefix(13) ?? "")
        rows.append(try timed("注文番号の先頭で検索（\(numberStart)）", target: 30, runs: runs) {
            _ = try store.page(GridFilter(search: numberStart), limit: pageSize)
        })
        // 10,000 orders: plan, apply and journal, then undone so that every run starts alike.
        let tenThousand = try store.page(GridFilter(localStatus: .newOrder), after: first.last?.key, limit: 10_000).map(\.number)
        var samples: [Double] = []
        for _ in 0..<runs {
            let start = ContinuousClock.now
            let applied = try store.apply(ChangeStatusAction(to: .awaitingShipment), to: tenThousand)
            samples.append((ContinuousClock.now - start).seconds * 1000)
            guard applied.plan.changes.count == tenThousand.count else { throw BenchError("10,000件の変更が一部しか適用されませんでした") }
            try store.undo(batch: applied.batchID)
        }
        rows.append(row("1万件の受注ステータス変更（計画・適用・履歴）", samples: samples, target: 1000))
        return rows
    }

    static func timed(_ name: String, target: Double, runs: Int, _ body: () throws -> Void) throws -> BenchTable.Row {
        try body()  // warm the cache once, as a desk that has been open a while has it
        var samples: [Double] = []
        for _ in 0..<max(runs, 5) {
            let start = ContinuousClock.now
            try body()
            samples.append((ContinuousClock.now - start).seconds * 1000)
        }
        return row(name, samples: samples, target: target)
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
