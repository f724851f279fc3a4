import ArgumentParser
import OrderEngine
import OrderSync

/// `juchu push`: 入力内容を反映する from a script — the saved changes (未反映: amounts, 送付先,
/// 注文者, 配送方法, お届け日時, メモ, 備考, サブステータス) go to RMS, each group with its own
/// function, through the same outbox as the desk.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "保存した変更（未反映の金額・送付先・配送・メモなど）をRMSに反映します",
        discussion: "設定は config.toml から読みます（--config）。終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方・設定の誤り")

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try options.runOutboxCommand(.pushEdit, selection, json: json)
    }
}
