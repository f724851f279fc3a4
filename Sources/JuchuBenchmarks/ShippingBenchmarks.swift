import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles

/// Issue 18's targets: 1,000 orders reported at 1 request/s within 1.1× of the API's limit (the
/// calls it takes, each a second: 10 reports of 100, their result polls and the read-backs);
/// label data for 10,000 orders and an import of a 10,000-row issued file ≤ 1 s each.
enum ShippingBenchmarks {
    static func run(runs: Int) throws -> [BenchTable.Row] {
        var rows: [BenchTable.Row] = []
        var ratios: [Double] = []
        var samples: [String] = []
        for run in 0..<runs {
            let (seconds, calls) = try runBlocking { try await reportOnce(seed: UInt64(300 + run)) }
            ratios.append(seconds / Double(calls))
            samples.append(String(format: "%.1f 秒/%d 回", seconds, calls))
        }
        let ratio = BenchTable.median(ratios)
        rows.append(BenchTable.Row(
            name: "発送完了報告 1000件（1リクエスト/秒）", median: String(format: "%.2f 秒/回", ratio),
            target: "≤ 1.1 秒/回（報告10回＋結果の確認＋読み直し）", ratio: ratio / 1.1, samples: samples.joined(separator: ", "),
            higherIsBetter: false))
        let (labels, imports) = try filesTimes(runs: max(runs, 3))
        let labelMedian = BenchTable.median(labels)
        rows.append(BenchTable.Row(
            name: "送り状データ 10000件（読み込み・出荷キー・B2形式）", median: String(format: "%.3f 秒", labelMedian), target: "≤ 1 秒",
            ratio: labelMedian, samples: labels.map { String(format: "%.3f", $0) }.joined(separator: ", "), higherIsBetter: false))
        let importMedian = BenchTable.median(imports)
        rows.append(BenchTable.Row(
            name: "発行済データ 10000行の取り込み（照合・書き込み）", median: String(format: "%.3f 秒", importMedian), target: "≤ 1 秒",
            ratio: importMedian, samples: imports.map { String(format: "%.3f", $0) }.joined(separator: ", "), higherIsBetter: false))
        return rows
    }

    /// Orders at RMS 発送待ち (300), the same in the sandbox and the store.
    static func shippableOrders(count: Int, seed: UInt64) -> [OrderModel] {
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.awaitingConfirmationRate = 1
        settings.unsetPostageRate = 0
        var generator = OrderGenerator(seed: seed, settings: settings)
        let now = RakutenDateTime(Date())
        return generator.orders(count: count, now: now).map { model in
            var model = model
            model.orderProgress = 300
            model.shopOrderCfmDatetime = now
            return model
        }
    }

    /// One parcel per basket, with valid 12-digit numbers.
    static func parcels(_ orders: [Order], today: CalendarDate) -> [(order: OrderNumber, parcel: Parcel)] {
        var serial = 0
        return orders.flatMap { order in
            order.packages.map { package in
                serial += 1
                let body = 40_000_000_000 + serial * 7_919
                return (order.number, Parcel(basketID: package.basketID, carrier: Carrier(code: "1001"), trackingNumber: "\(body)\(body % 7)", shippedOn: today))
            }
        }
    }

    /// Seconds to report 1,000 orders through the outbox, the sandbox enforcing 1 QPS, and the calls made.
    private static func reportOnce(seed: UInt64) async throws -> (Double, Int) {
        let models = shippableOrders(count: 1000, seed: seed)
        var configuration = SandboxConfiguration()
        configuration.licenseKey = "SL-bench-ship-\(seed)"
        configuration.requestsPerSecond = 1
        configuration.secondsUntilShippingResults = 0
        let server = SandboxServer(configuration: configuration, orders: models)
        let url = try await server.start()
        let directory = BenchScratch.path("run")
        defer { BenchScratch.remove(directory) }
        let store = try OrderStore(path: directory + "/bench.sqlite")
        let orders = models.map { Order(rakuten: $0, localStatus: .newOrder) }
        try store.importOrders(zip(orders, models).map { OrderStore.Incoming(order: $0, rawJSON: Array(try OrderedJSONEncoder().encode($1))) })
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        _ = try store.addParcels(parcels(orders, today: today), previewed: Dictionary(uniqueKeysWithValues: orders.map { ($0.number, $0.parcels) }))
        let client = RakutenPayClient(configuration: configuration.clientConfiguration(baseURL: url, requestsPerSecond: 1))
        let service = SyncService(client: client, store: store)
        let before = await server.requestCount()
        let start = ContinuousClock.now
        let report = try await service.run(ShipReportAction(today: today), on: orders.map(\.number))
        let elapsed = (ContinuousClock.now - start).seconds
        let calls = await server.requestCount() - before
        await server.stop()
        guard report.succeeded == 1000 else {
            throw BenchError("発送完了報告のベンチマークで \(1000 - report.succeeded) 件が失敗しました: \(report.lines.first { !$0.ok }?.message ?? "")")
        }
        return (elapsed, calls)
    }

    /// Seconds to write label data for 10,000 orders from the store, and to import an issued file of 10,000 rows.
    private static func filesTimes(runs: Int) throws -> ([Double], [Double]) {
        var labels: [Double] = []
        var imports: [Double] = []
        let models = shippableOrders(count: 10_000, seed: 7)
        let sender = LabelSender(name: "米の店", phone: "03-1234-5678", zipCode: "1000001", address: "東京都千代田区千代田1-1")
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        for _ in 0..<runs {
            let directory = BenchScratch.path("run")
            defer { BenchScratch.remove(directory) }
            let store = try OrderStore(path: directory + "/bench.sqlite")
            let stored = models.map { Order(rakuten: $0, localStatus: .newOrder) }
            try store.importOrders(try zip(stored, models).map { OrderStore.Incoming(order: $0, rawJSON: Array(try OrderedJSONEncoder().encode($1))) })
            let numbers = stored.map(\.number)

            var start = ContinuousClock.now
            var phases: [(String, Duration)] = []
            func phase(_ name: String, since: inout ContinuousClock.Instant) {
                let now = ContinuousClock.now
                phases.append((name, now - since))
                since = now
            }
            var mark = start
            let orders = try store.orders(numbers)
            phase("load", since: &mark)
            let file = try LabelWriter(format: .yamatoB2, sender: sender, today: today).file(for: orders, keys: store.shipmentKeys)
            phase("keys and rows", since: &mark)
            let bytes = file.bytes()
            phase("bytes", since: &mark)
            labels.append((ContinuousClock.now - start).seconds)

            // The issued file B2 gives back: the same rows, 伝票番号 filled.
            let numbersByKey = Dictionary(uniqueKeysWithValues: zip(file.rows.map(\.key), parcels(orders, today: today).map { $0.parcel.trackingNumber! }))
            let text = String(data: Data(bytes), encoding: .shiftJIS)!.components(separatedBy: "\r\n").dropLast().enumerated().map { offset, line in
                guard offset > 0 else { return line }
                var fields = line.components(separatedBy: ",")
                fields[3] = numbersByKey[fields[0]] ?? ""
                return fields.joined(separator: ",")
            }.joined(separator: "\r\n") + "\r\n"
            let issued = Array(text.data(using: .shiftJIS)!)

            start = ContinuousClock.now
            mark = start
            let read = try TrackingFileReader.read(issued)
            phase("read", since: &mark)
            let matched = try TrackingMatching.match(read.rows, in: store, today: today)
            phase("match", since: &mark)
            _ = try store.addParcels(matched.additions, previewed: matched.previewed)
            phase("write", since: &mark)
            imports.append((ContinuousClock.now - start).seconds)
            if ProcessInfo.processInfo.environment["JUCHU_BENCH_PHASES"] != nil {
                FileHandle.standardError.write(Data((phases.map { "\($0.0) \(String(format: "%.3f", $0.1.seconds))" }.joined(separator: "  ") + "\n").utf8))
            }
            guard matched.refused.isEmpty, matched.additions.count == file.rows.count else {
                throw BenchError("取り込みのベンチマークで照合できない行があります: \(matched.refused.first.map { "\($0.line) \($0.outcome.text)" } ?? "")")
            }
        }
        return (labels, imports)
    }
}
