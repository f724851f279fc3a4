import ArgumentParser
import Dispatch
import Foundation
import ShopSettings
import OrderEngine
import OrderSync

/// `juchu sync`: the sync worker alone (for systemd: contrib/juchu-sync.service). One worker is
/// active per database file: this one works while it holds the lease and stands by otherwise,
/// taking over when the holder stops. SIGTERM or Ctrl-C stops it cleanly, giving the lease up.
struct SyncCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sync",
        abstract: "同期ワーカーだけを動かします（自動受取、注文確認の結果、送信待ちの処理）",
        discussion: "止めるには SIGTERM（systemctl stop）か Ctrl-C。データベース1つにつき同時に動くのは1つだけです")

    @OptionGroup var options: ConfigOptions

    @Option(name: .customLong("lease-seconds"), help: .hidden)
    var leaseSeconds: Int?

    /// Rounds faster than config.toml allows (its minutes), for the soak test.
    @Option(name: .customLong("poll-seconds"), help: .hidden)
    var pollSeconds: Double?

    @Option(name: .customLong("fetch-seconds"), help: .hidden)
    var fetchSeconds: Double?

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            // The worker fetches and sends what desks recorded; the rules it runs act in their own names.
            try options.require(OperatorTask.runWorker, settings, file: file)
            // The rules' mails go through the shop's relay, as the desk's do.
            let service = try options.service(settings, file: file, postcodes: ConfigOptions.postcodes().directory).mailing(with: try options.mailer(settings, file: file)).reporting { event in
                // Written at once, a line at a time, also into a pipe or the journal.
                if let line = Self.logLine(event) { CommandOutput.write(line + "\n") }
            }
            let watch = try UserFacingError.settings { try RulesFileWatch(path: settings.rulesPath, statuses: settings.statuses, flags: settings.flags) }
            var worker = SyncWorker(
                service: service, fetchSettings: settings.fetch, pollInterval: pollSeconds.map { .seconds($0) } ?? settings.confirmPollInterval,
                fetchInterval: fetchSeconds.map { .seconds($0) } ?? settings.fetchInterval, leaseSeconds: leaseSeconds,
                credentials: options.currentCredentials)
            worker.rules = watch.rules
            worker.backups = settings.backup
            worker.reloadRules = watch.current
            let task = Task { await worker.run() }
            // Stop on SIGTERM / SIGINT: the worker ends its round and releases the lease.
            var sources: [any DispatchSourceSignal] = []
            for signalNumber in [SIGTERM, SIGINT] {
                signal(signalNumber, SIG_IGN)
                let source = DispatchSource.makeSignalSource(signal: signalNumber, queue: .global())
                source.setEventHandler { task.cancel() }
                source.resume()
                sources.append(source)
            }
            FileHandle.standardOutput.write(Data("同期ワーカーを開始しました（\(settings.storeShown)）\n".utf8))
            try runBlocking { await task.value }
            FileHandle.standardOutput.write(Data("同期ワーカーを停止しました\n".utf8))
            _ = sources
        }
    }

    static func logLine(_ event: SyncEvent) -> String? {
        let now = JapanTime(Date()).fullText
        switch event {
        case .workerActive(true): return "\(now) 同期を担当します"
        case .workerActive(false): return "\(now) 他のプロセスが同期を担当しています（待機）"
        case .workerResumed: return "\(now) 新しいlicenseKeyで同期を再開しました"
        case .licenseExpiry(let expiry): return "\(now) licenseKeyの有効期限: \(JapanTime(expiry).fullText)（RMSより）"
        case .fetchFinished(let report):
            var line = "\(now) 受注取得: 新規 \(report.inserted)件、取り込み済み \(report.alreadyPresent)件"
            if !report.notReturned.isEmpty { line += "、RMSが返さなかった注文 \(report.notReturned.count)件（次回再取得）: \(report.notReturned.joined(separator: " "))" }
            for unreadable in report.unreadable { line += "\n\(now) 要確認で取り込んだ注文（読めない項目）: \(unreadable)" }
            return line
        case .writeFinished(let kind, let report): return "\(now) \(kind.action.journalLabel): 成功 \(report.succeeded)件、失敗 \(report.failed)件"
        case .statusRefreshed(let count): return "\(now) RMSステータスを取得: \(count)件"
        case .rulesReloaded(let count): return "\(now) rules.toml を読み直しました（ルール \(count)件）"
        case .backedUp(let path, let summary): return "\(now) バックアップを作りました: \(path)（\(summary)）"
        case .reconciled(let report): return "\(now) \(report.summary)"
        case .failed(let activity, let errorClass, let detail):
            return "\(now) \(activity)に失敗: \(errorClass.map { "\($0.message)（\(detail)）" } ?? detail)（次の回で再試行します）"
        default: return nil
        }
    }
}
