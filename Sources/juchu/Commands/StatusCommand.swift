import ShopSettings
import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync

/// `juchu status`: the store at a glance — orders per status, the outbox, warnings (licenceKey
/// expiry, orders nearing RMS's 14-day automatic cancellation).
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "状態: ステータス別の件数、送信待ち、警告（licenseKey の期限、自動キャンセルが近い注文）",
        discussion: "終了コード: 0 警告なし、3 警告あり、1 失敗、2 設定の誤り")

    @OptionGroup var options: ConfigOptions

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, _) = try options.load()
            let store = try options.openStore(settings, existing: true)
            let now = Date()
            let counts = try store.countsByStatus()
            let health = try store.health(unconfirmedBefore: AutomaticCancellation.warningCutoff(now: now))
            var warnings: [String] = []
            // RMS's own figure when the worker has read it; config.toml's otherwise.
            var rmsExpiry: Date?
            if let key = settings.licenseKey, !key.isEmpty { rmsExpiry = try store.licenseExpiry(licenseKey: key) }
            let daysLeft = rmsExpiry.map { LicenseWarning.daysLeft(until: $0, on: now) } ?? settings.licenseDaysLeft(on: now)
            if let daysLeft, daysLeft <= LicenseWarning.warnDays { warnings.append(LicenseWarning.text(daysLeft: daysLeft)) }
            if health.unconfirmedBeforeCutoff > 0 {
                warnings.append(AutomaticCancellation.warning(count: health.unconfirmedBeforeCutoff))
            }
            if let unknown = health.outbox["unknown"], unknown > 0 {
                warnings.append("送信結果が不明の送信が\(unknown)件あります（RMSから読み直して確かめます）")
            }
            if health.failedMails > 0 {
                warnings.append("送れなかったメールが\(health.failedMails)件あります（最新の原因: \(health.lastMailFailure ?? "不明")）。直してから juchu mail send で送り直してください")
            }
            if health.unclearMails > 0 {
                warnings.append("結果不明のメールが\(health.unclearMails)件あります（自動では再送しません。確かめて、必要なら juchu mail send --resend）")
            }
            let watch = try store.shippingWatch(today: CalendarDate(japanDayOf: JapanTime(now)), leadDays: settings.shipLeadDays)
            warnings += ShippingWatchText.warnings(late: watch.late, stuck: watch.stuck, leadDays: settings.shipLeadDays)
            let lease = try store.workerLease()
            let working = lease.map { store.isWorking($0, at: now) } ?? false
            let worker: String
            if let lease {
                worker = working ? "\(lease.holder)（\(JapanTime(lease.expiresAt).fullText) まで）"
                    : lease.expiresAt > now ? "停止（\(lease.holder) のプロセスは終了しています）" : "停止（\(lease.holder) の期限切れ）"
            } else {
                worker = "停止"
            }
            if !working { warnings.append("同期ワーカーが動いていません（juchu sync かデスクを起動してください）") }
            if let problem = lease?.problem, working { warnings.append(problem) }
            let failures = try store.syncFailures()
            for failure in failures {
                warnings.append("\(failure.activity)に失敗しています（\(JapanTime(failure.at).fullText)、\(failure.process)、連続\(failure.count)回）: \(failure.detail)")
            }
            let statuses = LocalStatus.defaults + counts.keys.filter { !LocalStatus.defaults.contains($0) }.sorted { $0.name < $1.name }
            if json {
                try printJSON([
                    "counts": Dictionary(uniqueKeysWithValues: statuses.map { ($0.name, counts[$0] ?? 0) }),
                    "outbox": health.outbox,
                    "mail": ["failed": health.failedMails, "unclear": health.unclearMails],
                    "lastImport": health.lastImport.map { JapanTime($0).fullText } as Any,
                    "licenseDaysLeft": daysLeft as Any,
                    "warnings": warnings,
                    "worker": worker,
                ])
            } else {
                print("データベース: \(settings.storeShown)")
                print(statuses.map { "\($0.name) \(counts[$0] ?? 0)" }.joined(separator: "  "))
                print("送信待ち \(health.outbox["pending", default: 0] + health.outbox["sending", default: 0])件  結果不明 \(health.outbox["unknown", default: 0])件  失敗 \(health.outbox["failed", default: 0])件"
                    + "  メール失敗 \(health.failedMails)件  メール結果不明 \(health.unclearMails)件")
                print("最終取得 \(health.lastImport.map { JapanTime($0).fullText } ?? "なし")  同期ワーカー \(worker)")
                for warning in warnings { print("警告: \(warning)") }
            }
            if !warnings.isEmpty { throw ExitCode(3) }
        }
    }
}
