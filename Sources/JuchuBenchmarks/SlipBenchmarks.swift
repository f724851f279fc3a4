import Foundation
import OrderSync
import OrderEngine
import RakutenPay
import RMSSandbox
import Slips

/// Issue 20's targets: 1,000 納品書 into one PDF ≤ 30 s; a picking list of 10,000 orders ≤ 5 s —
/// the shipped templates, rendered by WeasyPrint with IPAex Gothic as `juchu slips` does it.
enum SlipBenchmarks {
    static func run(runs: Int) throws -> [BenchTable.Row] {
        let folder = BenchScratch.path("slips")
        defer { BenchScratch.remove(folder) }
        let library = try SlipTemplateLibrary(folder: folder + "/templates")
        var generator = OrderGenerator(seed: 20, settings: OrderGenerator.Settings(shopID: "398211"))
        let orders = generator.orders(count: 11_000, now: RakutenDateTime(Date())).map { Order(rakuten: $0, localStatus: .newOrder) }
        let printable = SlipAction(kind: .deliveryNote).plan(orders).changes.map(\.before)
        let notes = Array(printable.prefix(1_000))
        let shop = SlipShop(name: "楽天デモ米店", zipCode: "100-0001", address: "東京都千代田区千代田1-1", phone: "03-0000-0000",
                            registrationNumber: RegistrationNumber(checked: "T7123456789012"))
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let renderer = PDFRenderer()
        func measure(_ kind: SlipKind, _ orders: [Order], times: Int) throws -> (samples: [Double], pages: Int) {
            let batch: SlipBatch
            do throws(SlipRefusal) { batch = try SlipBatch.make(kind: kind, orders: orders, shop: shop, printedOn: today) } catch {
                throw BenchError("\(error)")
            }
            var samples: [Double] = []
            var pages = 0
            for _ in 0..<times {
                let start = ContinuousClock.now
                let output = try runBlocking { () async throws -> PDFRenderer.Output in
                    do throws(SlipRenderError) {
                        return try await renderer.render(batch, with: library, to: folder + "/\(kind.rawValue).pdf")
                    } catch {
                        throw BenchError(error.message)
                    }
                }
                samples.append(Double((ContinuousClock.now - start) / .milliseconds(1)) / 1000)
                pages = output.pages
            }
            return (samples, pages)
        }
        let note = try measure(.deliveryNote, notes, times: max(1, min(runs, 3)))
        let picking = try measure(.picking, Array(orders.prefix(10_000)), times: max(runs, 3))
        return [
            BenchTable.Row(
                name: "納品書 \(notes.count)件を1つのPDFに（\(note.pages)ページ、\(renderer.parts)プロセス）",
                median: String(format: "%.1f 秒", BenchTable.median(note.samples)), target: "≤ 30 秒", ratio: BenchTable.median(note.samples) / 30,
                samples: note.samples.map { String(format: "%.1f", $0) }.joined(separator: ", "), higherIsBetter: false),
            BenchTable.Row(
                name: "ピッキングリスト 10000件（商品ごとの合計、\(picking.pages)ページ）",
                median: String(format: "%.2f 秒", BenchTable.median(picking.samples)), target: "≤ 5 秒", ratio: BenchTable.median(picking.samples) / 5,
                samples: picking.samples.map { String(format: "%.2f", $0) }.joined(separator: ", "), higherIsBetter: false),
        ]
    }
}
