import ArgumentParser
import OrderSync

/// `juchu confirm`: send 注文確認通知 from a script, through the same outbox as the desk.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "注文確認通知を送ります（注文番号、または --status の受注ステータスの注文すべて）",
        discussion: "設定は config.toml から読みます（--config）。終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方・設定の誤り")

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try options.runOutboxCommand(.confirm, selection, json: json)
    }
}
