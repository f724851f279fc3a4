import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import ShopSettings

/// `juchu backup`: a checked copy of the store, made while desks and the worker go on working.
struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "データベースのバックアップを作り、開いて確かめます（デスクや同期ワーカーは動いたままでかまいません）",
        discussion: """
            [backup] folder（既定: データベースと同じフォルダの backups）に juchu-日時.sqlite を作り、整合性の検査
            （integrity_check）と件数の照合をしてから、新しい [backup] keep 件（既定 7）より古いものを消します。
            データベースは読むだけで、この版の形に更新しません（更新の前に取るバックアップはその前の形のまま）。
            PostgreSQL（[store] url）では pg_dump で店のスキーマ（public）を juchu-日時.pgdump に書き、pg_restore で全体を
            読み直して件数を照合します（こちらもデータベースを読むだけです）。
            同期ワーカー（juchu sync）は [backup] daily = true（既定）なら1日1回作ります。戻すには juchu restore FILE。
            終了コード: 0 作って確かめた、1 作れなかった、2 設定や権限の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: "バックアップを置くフォルダ（既定: config.toml の [backup] folder。ここでは古いものを消しません）")
    var to: String?

    @Flag(help: "結果をJSONで出力")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(OperatorTask.backup, settings, file: file)
            let folder = to.map { BackupFolder(path: URL(fileURLWithPath: $0).standardizedFileURL.path) }
            if let folder, let refusal = settings.fileAccess.refusal(for: [folder.path]) {
                throw UserFacingError(refusal.description, exitCode: 2)
            }
            let server = try options.serverLocation(settings)
            let made: OrderStore.ScheduledBackup
            do {
                if let server {
                    made = try PostgresStore.makeBackup(
                        of: server, access: settings.fileAccess, into: folder ?? settings.backup.folder,
                        keeping: folder == nil ? settings.backup.keep : nil, at: Date())
                } else {
                    made = try OrderStore.makeBackup(
                        ofStoreAt: settings.databasePath, access: settings.fileAccess, schedule: settings.backup, into: folder, at: Date())
                }
            } catch let refusal as FileAccessError {
                throw UserFacingError(refusal.description, exitCode: 2)
            } catch {
                throw UserFacingError("\(error)")
            }
            let backup = made.backup
            if json {
                try printJSON([
                    "path": backup.path, "bytes": backup.bytes, "orders": backup.contents.orders,
                    "journalEntries": backup.contents.journalEntries, "outbox": backup.contents.outbox, "removed": made.removed,
                ])
                return
            }
            var lines = [
                "バックアップを作りました: \(backup.path)（\(ByteCountFormatter.string(fromByteCount: backup.bytes, countStyle: .file))）",
                "　\(backup.contents.summary)",
                server == nil
                    ? "　確かめました: 整合性の検査（integrity_check）ok、件数は作った時点のデータベースと一致"
                    : "　確かめました: pg_restore で全体を読み直し、件数は作った時点のデータベースと一致",
            ]
            if let warning = backup.warning { lines.append("注意: \(warning)") }
            if !made.removed.isEmpty { lines.append("古いバックアップ \(made.removed.count)件を消しました（新しい \(settings.backup.keep)件を残します）") }
            CommandOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
