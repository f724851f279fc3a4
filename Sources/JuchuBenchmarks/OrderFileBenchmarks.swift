import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles

/// Issue 32's targets: RMS's 楽天ペイ受注CSV of 100,000 lines (CP932) read, compared and imported
/// into an empty store ≤ 10 s; and the same file again (every order already here, compared).
enum OrderFileBenchmarks {
    static func run(runs: Int) throws -> [BenchTable.Row] {
        let (bytes, lines) = try sampleFile(lines: 100_000)
        var first: [Double] = []
        var again: [Double] = []
        for _ in 0..<max(runs, 3) {
            let directory = BenchScratch.path("rms-csv")
            defer { BenchScratch.remove(directory) }
            let store = try OrderStore(path: directory + "/bench.sqlite")
            let path = directory + "/rms.csv"
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            for times in [0, 1] {
                let started = ContinuousClock.now
                let report = try store.withBulkImport {
                    try RMSOrderCSVImport.run(RMSOrderCSVImport.read([path]), store: store, storeAs: .newOrder, applying: true)
                }
                let seconds = (ContinuousClock.now - started).seconds
                let outcomes = report.files.flatMap(\.orders).map(\.outcome)
                guard outcomes.allSatisfy({ times == 0 ? $0 == .new(problems: []) : $0 == .same }) else {
                    throw BenchError("RMSの受注CSVの取り込み: \(report.files.first?.summary ?? "")")
                }
                if times == 0 { first.append(seconds) } else { again.append(seconds) }
            }
        }
        let firstMedian = BenchTable.median(first)
        let againMedian = BenchTable.median(again)
        return [
            BenchTable.Row(
                name: "RMSの受注CSV \(lines)行の取り込み（CP932、新規）", median: String(format: "%.2f 秒", firstMedian), target: "≤ 10 秒",
                ratio: firstMedian / 10, samples: first.map { String(format: "%.2f", $0) }.joined(separator: ", "), higherIsBetter: false),
            BenchTable.Row(
                name: "同じCSVをもう一度（すべて照合、変更なし）", median: String(format: "%.2f 秒", againMedian), target: "≤ 10 秒",
                ratio: againMedian / 10, samples: again.map { String(format: "%.2f", $0) }.joined(separator: ", "), higherIsBetter: false),
        ]
    }

    /// Generated orders as RMS's CSV in CP932, until it has `lines` lines after the header.
    static func sampleFile(lines: Int) throws -> ([UInt8], Int) {
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.multiDestinationRate = 0.1
        var generator = OrderGenerator(seed: 32, settings: settings)
        var orders: [OrderModel] = []
        var count = 0
        while count < lines {
            let order = generator.orders(count: 1, now: RakutenDateTime(Date()))[0]
            count += order.packageModelList.reduce(0) { $0 + $1.itemModelList.count }
            orders.append(order)
        }
        // A buyer's 〜 (which CP932 has not) as RMS writes it: ～.
        return (try FileText.cp932(RMSOrderCSVSample.text(orders).replacingOccurrences(of: "〜", with: "～")).get(), count)
    }
}
