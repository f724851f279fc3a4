import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import ShopSettings

/// `juchu store`: the store itself, moved between backends.
struct StoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "store",
        abstract: "データベース: SQLite のデータベースを PostgreSQL に写します",
        subcommands: [StoreCopyCommand.self])
}

/// `juchu store copy --to postgresql://…`: the SQLite store, whole and checked, into an empty
/// PostgreSQL database — the first step of moving a shop whose operators work from several hosts.
struct StoreCopyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "copy",
        abstract: "SQLite のデータベースをまるごと PostgreSQL の空のデータベースに写し、行数とチェックサムで確かめます",
        discussion: """
            注文・RMSの注文データ・履歴・送信記録・メール・帳票・送り状・ルールの記録を一つのトランザクションで写し、
            確定する前に写し先から読み直して、表ごとの行数とチェックサム（各行の SHA-256 の和）が元と同じことを確かめます。
            違えば何も書き込みません。検索の索引は写し先で作り直します。
            デスク・同期ワーカー・コマンドがデータベースを開いている間と、送信待ち・送信中・結果不明の送信があるときは写しません。
            パスワードは環境変数 JUCHU_DB_PASSWORD か --password-file（本人だけが読めるファイル）で渡します。URLには書けません。
            終了コード: 0 写して確かめた、1 写せなかった（何も書き込んでいません）、2 設定・接続先・権限の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Option(help: "写し先: postgresql://ユーザー@ホスト:ポート/データベース（?sslmode=… も書けます）")
    var to: String

    @Option(help: "写し先のパスワードのファイル（本人だけが読めること: chmod 600）")
    var passwordFile: String?

    @Flag(help: "結果をJSONで出力")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(OperatorTask.copyStore, settings, file: file)
            if let server = settings.storeServer {
                throw UserFacingError(
                    "\(file) の [store] url は既に PostgreSQL（\(server.shown)）です。写すのは SQLite のデータベースです: [store] path を書いた設定で実行してください",
                    exitCode: 2)
            }
            var location: PostgresLocation
            do {
                location = try PostgresLocation(url: to)
                try location.readPassword(environment: ProcessInfo.processInfo.environment, file: passwordFile)
            } catch {
                throw UserFacingError("写し先: \(error)", exitCode: 2)
            }
            let started = Date()
            let report: PostgresStore.CopyReport
            do {
                let export = try StoreExport(path: settings.databasePath, access: settings.fileAccess)
                report = try PostgresStore(location: location).copy(from: export)
            } catch let refusal as FileAccessError {
                throw UserFacingError(refusal.description, exitCode: 2)
            } catch {
                throw UserFacingError("写せませんでした（写し先には何も書き込んでいません）: \(error)")
            }
            let seconds = Date().timeIntervalSince(started)
            if json {
                try printJSON([
                    "from": settings.databasePath, "to": location.shown, "seconds": (seconds * 10).rounded() / 10,
                    "tables": report.tables.map { ["name": $0.name, "rows": $0.rows, "sha256sum": $0.digest] },
                ])
                return
            }
            let width = report.tables.map(\.name.count).max() ?? 0
            var lines = [
                "写しました: \(settings.databasePath) → \(location.shown)（\(String(format: "%.1f", seconds))秒）",
                "　\(report.contents.summary)",
                "　確かめました: 写し先から読み直した表ごとの行数とチェックサム（各行の SHA-256 の和）が元と一致",
            ]
            for table in report.tables {
                let rows = table.rows.formatted(.number.grouping(.automatic))
                lines.append("　　\(table.name.padding(toLength: width, withPad: " ", startingAt: 0))  \(String(repeating: " ", count: max(0, 11 - rows.count)))\(rows)行  \(table.rows > 0 ? String(table.digest.prefix(16)) : "—")")
            }
            CommandOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
