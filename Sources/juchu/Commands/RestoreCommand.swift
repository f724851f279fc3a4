import ArgumentParser
import Foundation
import OrderStore
import ShopSettings

/// `juchu restore FILE`: a backup back in the store's place, while nothing has the store open.
struct RestoreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore",
        abstract: "バックアップをデータベースに戻します（デスク・同期ワーカー・コマンドがすべて終わっているときだけ）",
        discussion: """
            まずバックアップを確かめ、何を何で置き換えるかを表示します。--yes を付けると置き換えます。
            今のデータベースは消さずに、名前に .before-restore-日時 を付けて残します。
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "戻すバックアップのファイル（juchu backup が作ったもの）")
    var file: String

    @Flag(help: "表示した内容で置き換える")
    var yes = false

    func run() throws {
        try reportingErrors {
            let (settings, _) = try options.load()
            let path = URL(fileURLWithPath: file).standardizedFileURL.path
            let restore: StoreRestore
            do {
                restore = try StoreRestore(from: path, to: settings.databasePath, access: settings.fileAccess)
            } catch {
                throw UserFacingError("戻せません: \(error)")
            }
            CommandOutput.write(restore.plan.joined(separator: "\n") + "\n")
            guard yes else {
                throw UserFacingError("まだ何も変えていません。この内容で置き換えるには --yes を付けてもう一度実行してください", exitCode: 2)
            }
            let result: StoreRestore.Result
            do {
                result = try restore.run(at: Date())
            } catch {
                throw UserFacingError("戻せませんでした: \(error)")
            }
            // Opened as every command opens it: brought up to this version's schema, and proved to open.
            let store = try options.openStore(settings, existing: true)
            let contents: StoreContents
            do { contents = try store.contents() } catch { throw UserFacingError("\(error)") }
            var lines = ["戻しました: \(settings.databasePath)", "　\(contents.summary)"]
            if let kept = result.keptAs { lines.append("前のデータベースは \(kept) に残しました") }
            if result.writesMadeUnknown > 0 {
                lines.append("結果待ちだった送信 \(result.writesMadeUnknown)件を「結果不明」にしました（RMSへの送信は次の同期で確かめます）")
            }
            CommandOutput.write(lines.joined(separator: "\n") + "\n")
        }
    }
}
