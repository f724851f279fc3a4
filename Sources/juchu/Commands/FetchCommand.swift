import ArgumentParser
import Foundation
import OrderSync
import RakutenPay

/// `juchu fetch`: 受注取得 once, for scripts and cron. Orders already in the store are left as they are.
struct FetchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fetch",
        abstract: "受注取得: RMSから新しい注文を取り込みます（取り込み済みの注文は上書きしません）",
        discussion: "終了コード: 0 成功、3 読めない注文があった、1 失敗、2 設定の誤り")

    @OptionGroup var options: ConfigOptions

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.fetch, settings, file: file)
            let service = try options.service(settings, file: file, postcodes: ConfigOptions.postcodes().directory)
            let fetch = settings.fetch
            let report: FetchReport
            do {
                report = try runBlocking { try await service.fetch(fetch) }
            } catch let error as RakutenPayError {
                throw UserFacingError("受注取得に失敗しました: \(error.errorClass.messageWithRemedy)")
            }
            if json {
                try printJSON([
                    "found": report.found, "inserted": report.inserted, "alreadyPresent": report.alreadyPresent,
                    "tooYoung": report.tooYoung, "unreadable": report.unreadable,
                ])
            } else {
                print("RMS \(report.found)件: 新規 \(report.inserted)件、取り込み済み \(report.alreadyPresent)件"
                    + (report.tooYoung > 0 ? "、\(fetch.skipYoungerThanMinutes)分以内の注文 \(report.tooYoung)件は次回" : ""))
                for problem in report.unreadable { print("読めない注文: \(problem)") }
            }
            if !report.unreadable.isEmpty { throw ExitCode(3) }
        }
    }
}
