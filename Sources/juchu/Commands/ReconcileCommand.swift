import ArgumentParser
import Foundation
import OrderEngine
import OrderSync
import RakutenPay

/// `juchu reconcile --from DATE [--to DATE] [--fetch]`: 取りこぼしの確認 — every order RMS lists for the
/// period (all statuses, up to 730 days back) against the store, per status; `--fetch` brings the
/// missing ones in through the normal import.
struct ReconcileCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "取りこぼしの確認: 期間のRMSの注文をすべて（全ステータス、730日前まで）このデータベースと突き合わせます",
        discussion: """
            RMSにあってここにない注文と、ここにあってRMSが期間内に挙げない注文を、ステータスごとに示します。--fetch でない注文を取り込みます（ルールも通常どおり）。
            期間は注文日（日本時間）。終了コード: 0 差がない（--fetch では取り込み終えた）、3 差がある、1 失敗、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: "期間の始め（注文日）。例: 2026-09-01")
    var from: String

    @Option(help: "期間の終わり（既定: 今日）。例: 2026-11-30")
    var to: String?

    @Flag(help: "RMSにあってここにない注文を取り込みます")
    var fetch = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.reconcile, settings, file: file)
            let today = CalendarDate(japanDayOf: JapanTime(Date()))
            guard let start = CalendarDate(parsing: from) else { throw UserFacingError("--from: 「\(from)」は日付ではありません（2026-09-01 のように）", exitCode: 2) }
            let end: CalendarDate
            if let to {
                guard let parsed = CalendarDate(parsing: to) else { throw UserFacingError("--to: 「\(to)」は日付ではありません（2026-11-30 のように）", exitCode: 2) }
                end = parsed
            } else {
                end = today
            }
            // Compared, a store must be there; fetched into, it is made as a fetch makes it.
            let service = try options.service(settings, file: file, existingStore: !fetch, postcodes: ConfigOptions.postcodes().directory)
            let report: ReconcileReport
            do {
                report = try runBlocking { try await service.reconcile(from: start, through: end, fetch: fetch, settings: settings.fetch) }
            } catch let error as ActionInputError {
                throw UserFacingError(error.description, exitCode: 2)
            } catch let error as RakutenPayError {
                throw UserFacingError("取りこぼしの確認に失敗しました: \(error.errorClass.messageWithRemedy)")
            }
            let byStatus = { (groups: [RMSProgress: [OrderNumber]]) in
                groups.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
            }
            if json {
                func object(_ groups: [RMSProgress: [OrderNumber]]) -> [String: [String]] {
                    Dictionary(uniqueKeysWithValues: groups.map { ($0.key.label, $0.value.map(\.rawValue)) })
                }
                try printJSON([
                    "from": "\(report.from)", "to": "\(report.through)", "listedByRMS": report.listedByRMS, "heldHere": report.heldHere,
                    "missing": object(report.missing), "notAtRMS": object(report.notAtRMS), "inserted": report.inserted,
                    "storedMeanwhile": report.storedMeanwhile, "tooYoung": report.tooYoung, "agrees": report.agrees(fetched: fetch), "notReturned": report.notReturned, "unreadable": report.unreadable,
                    "requests": report.requests, "seconds": report.seconds,
                ])
            } else {
                print("\(report.from)〜\(report.through)（注文日）: RMS \(report.listedByRMS)件、ここ \(report.heldHere)件"
                    + String(format: "（RMSへの問い合わせ %d回、%.1f秒）", report.requests, report.seconds))
                if report.agrees(fetched: fetch) && report.missingCount == 0 { print("差はありません") }
                if report.missingCount > 0 {
                    print("RMSにあってここにない注文 \(report.missingCount)件" + (fetch ? "（\(report.storedText)）" : "（juchu reconcile --fetch で取り込みます）"))
                    for (progress, numbers) in byStatus(report.missing) { print("  \(progress.label) \(numbers.count)件: \(Self.listed(numbers))") }
                }
                if report.tooYoung > 0 { print("\(settings.fetch.skipYoungerThanMinutes)分以内の注文 \(report.tooYoung)件は受注取得と同じく次回（差に数えません）") }
                if report.notAtRMSCount > 0 {
                    print("ここにあってRMSが期間内に挙げない注文 \(report.notAtRMSCount)件")
                    for (progress, numbers) in byStatus(report.notAtRMS) { print("  \(progress.label) \(numbers.count)件: \(Self.listed(numbers))") }
                }
                for number in report.notReturned { print("RMSが一覧に挙げたのに getOrder が返さない注文: \(number)（次回もう一度）") }
                for problem in report.unreadable { print("読めない注文: \(problem)") }
            }
            if !report.agrees(fetched: fetch) { throw ExitCode(3) }
        }
    }

    /// The first numbers of a list, and how many more.
    static func listed(_ numbers: [OrderNumber]) -> String {
        numbers.prefix(5).map(\.rawValue).joined(separator: ", ") + (numbers.count > 5 ? " ほか\(numbers.count - 5)件" : "")
    }
}
