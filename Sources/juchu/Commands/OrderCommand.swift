import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import ShopSettings

/// `juchu order`: orders the shop takes itself (電話・FAX・店舗・メール), beside Rakuten's.
struct OrderCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "order",
        abstract: "電話・FAX・店舗などで受けた注文を登録します",
        subcommands: [OrderNewCommand.self])
}

/// `juchu order new FILE`: 受注を登録 from a TOML or JSON file, checked whole (every field named
/// that is wrong, nothing stored); the order gets a number of its own and starts at the shop's
/// first status. It never goes to RMS.
struct OrderNewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "new",
        abstract: "TOMLかJSONのファイルから注文を1件登録します（juchu order new --example で書き方の例）",
        discussion: """
            注文番号は「店舗ID-日付-M連番」（RMSの番号と重なりません）。RMSへは何も送りません（注文確認・発送完了報告の対象外）。
            終了コード: 0 登録した、1 失敗、2 使い方・設定・ファイルの誤り（誤りのある項目をすべて示し、何も登録しません）
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "注文のファイル（.toml か .json）")
    var file: String?

    @Flag(help: "ファイルの書き方の例（すべての項目）を出します")
    var example = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        if !example, file == nil { throw ValidationError("注文のファイルを指定してください（書き方は juchu order new --example）") }
    }

    func run() throws {
        if example { return print(HandOrderFile.example, terminator: "") }
        try reportingErrors {
            let (settings, configFile) = try options.load()
            try options.require(.enterOrder, settings, file: configFile)
            let path = file!
            let draft = try UserFacingError.settings { try HandOrderFile.load(path: path) }
            let order: Order
            do throws(HandOrderProblems) {
                order = try draft.order(settings: settings.handOrderSettings, now: Date())
            } catch {
                throw UserFacingError(error.problems.map { "\(path): \($0.field): \($0.problem)" }.joined(separator: "\n") + "\n登録していません", exitCode: 2)
            }
            // A new order, as a fetch brings: the store is made when there is none yet.
            let store = try options.openStore(settings)
            let entered = try store.enter(order, shopID: settings.shopID)
            if json {
                try printJSON([
                    "orderNumber": entered.number.rawValue, "channel": entered.origin.label, "status": entered.localStatus.name,
                    "requestPrice": entered.requestPrice.yen.map { $0 as Any } ?? NSNull(),
                ])
            } else {
                print("受注を登録しました: \(entered.number)（\(entered.origin.label)・\(entered.payment.methodName)、請求金額 \(entered.requestPrice)、\(entered.localStatus.name)）")
            }
        }
    }
}
