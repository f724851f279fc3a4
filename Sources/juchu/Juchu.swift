import ArgumentParser
import Foundation
import OrderStore

@main
struct Juchu: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "juchu",
        abstract: "受注 — 楽天ペイの注文を端末で処理する受注デスク",
        discussion: """
            juchu demo      ローカルのRMSサンドボックスとSQLiteファイルでデスクを開きます
            juchu desk      設定（config.toml）の店舗・RMS・データベースでデスクを開きます
            juchu sandbox   RMSサンドボックスだけを起動します（テストや他の端末から使う）
            juchu check     設定（config.toml）を読み、RMSに接続できるか確かめます
            juchu fetch     受注取得 / juchu confirm 注文確認通知 / juchu status 状態と警告
            juchu cancel    キャンセル / juchu push 注文内容修正をRMSに反映 / juchu export 書き出し
            juchu labels    送り状データ / juchu tracking 荷物番号の入力・取り込み / juchu ship 発送完了報告（RMS）
            juchu mail      お客様へのメール（テンプレート・プレビュー・送信）
            juchu rules     ルール（rules.toml）を試す・理由を見る・今すぐ適用
            juchu order     電話・FAXなどの注文を登録 / juchu import rms-csv RMSの受注CSVを取り込む
            juchu reconcile RMSの注文とここの注文を照合し、取り漏れを取り込む
            juchu backup    データベースのバックアップ / juchu restore バックアップから戻す
            juchu store     データベースを PostgreSQL に写す（juchu store copy --to postgresql://…）
            """,
        subcommands: [
            DemoCommand.self, DeskCommand.self, SandboxCommand.self, CheckCommand.self, FetchCommand.self, ConfirmCommand.self, CancelCommand.self, EditCommand.self, PushCommand.self, ShipCommand.self, TrackingCommand.self, LabelsCommand.self, MailCommand.self, SlipsCommand.self,
            RulesCommand.self, OrderCommand.self, ImportCommand.self, ReconcileCommand.self, StatusCommand.self, ExportCommand.self, SyncCommand.self, BackupCommand.self, RestoreCommand.self, StoreCommand.self, BenchCommand.self,
        ]
    )
}

extension Juchu {
    /// Runs the command. A usage error (an unknown option, a missing argument, a bad value) exits 2
    /// like bad settings, not with argument-parser's 64: the documented codes 0, 1, 2 and 3 are the
    /// only ones a script sees.
    static func main() {
        // No file Juchu makes (the database, labels, slips, logs) may be read by others than its
        // owner until config.toml names a group that shares them (``PrivateFolders``).
        FileAccess.ownerOnly.applyToProcess()
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            if exitCode(for: error) == .validationFailure {
                CommandOutput.writeError(fullMessage(for: error))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Stops with one line on stderr and a non-zero exit: for input the operator must fix.
struct UserFacingError: Error, CustomStringConvertible {
    let description: String
    let exitCode: Int32

    init(_ description: String, exitCode: Int32 = 1) {
        self.description = description
        self.exitCode = exitCode
    }

    /// `body`'s result; what it throws is a setting or a template the shop must fix (its file,
    /// key or line in its words), stopping with exit 2.
    static func settings<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            throw UserFacingError("\(error)", exitCode: 2)
        }
    }
}
