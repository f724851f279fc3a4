import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderStorePostgres
import ShopSettings

/// `juchu restore FILE`: a backup back in the store's place, while nothing has the store open.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "バックアップをデータベースに戻します（デスク・同期ワーカー・コマンドがすべて終わっているときだけ）",
        discussion: """
            まずバックアップを確かめ、何を何で置き換えるかを表示します（何も変えません）。--yes を付けると置き換えます。
            今のデータベースは消さずに、名前に .before-restore-日時 を付けて残します（PostgreSQL では同じデータベースの
            スキーマ juchu_before_restore_日時 として。そのデータベースに接続しているセッションがあれば戻しません）。バックアップの後の送信・メール・
            ルールの記録は引き継ぎ、同じものを二度送りません。
            終了コード: 0 表示した・戻した、1 戻せなかった（開いているプロセスがある、など。何も変えていません）、
            2 バックアップや設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "戻すバックアップのファイル（juchu backup が作ったもの）")
    var file: String

    @Flag(help: "表示した内容で置き換える")
    var yes = false

    func run() throws {
        try reportingErrors {
            let (settings, configFile) = try options.load()
            try options.require(OperatorTask.restore, settings, file: configFile)
            let restore: any StoreRestoring
            do {
                if var server = settings.storeServer {
                    try server.readPassword(environment: ProcessInfo.processInfo.environment, file: settings.storePasswordFile)
                    restore = try PostgresRestore(from: file, to: server)
                } else {
                    restore = try StoreRestore(from: file, to: settings.databasePath, access: settings.fileAccess)
                }
            } catch {
                // A backup that is not there, not whole or not this version's: the operator's input.
                throw UserFacingError("戻せません: \(error)", exitCode: 2)
            }
            CommandOutput.write(restore.plan.joined(separator: "\n") + "\n")
            guard yes else {
                CommandOutput.write("まだ何も変えていません。この内容で置き換えるには --yes を付けてもう一度実行してください\n")
                return
            }
            let result: StoreRestore.Result
            do {
                result = try restore.run(at: Date())
            } catch {
                throw UserFacingError("戻せませんでした: \(error)")
            }
            var lines = ["戻しました: \(settings.storeShown)", "　\(result.contents.summary)"]
            if let kept = result.keptAs { lines.append("前のデータベースは \(kept) に残しました") }
            if result.carried.writes + result.carried.ruleActs > 0 {
                lines.append("バックアップの後の送信記録 \(result.carried.writes)件・ルールの実行記録 \(result.carried.ruleActs)件を引き継ぎました")
            }
            if result.writesMadeUnknown > 0 {
                lines.append("結果待ちだった送信 \(result.writesMadeUnknown)件を「結果不明」にしました（RMSへの送信は次の同期で確かめます）")
            }
            lines += result.warnings.map { "注意: " + $0 }
            CommandOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
