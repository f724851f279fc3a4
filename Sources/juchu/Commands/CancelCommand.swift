import ArgumentParser
import OrderEngine
import OrderSync

/// `juchu cancel`: キャンセル from a script, through the same outbox as the desk. RMS takes a
/// cancellation once and it cannot be taken back, so the reason must be given.
struct CancelCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cancel",
        abstract: "注文をキャンセルします（RMSの注文は取り消せません。理由は必須）",
        discussion: """
            理由: \(CancelAction.reasons.map { "\($0.code) \($0.label)" }.joined(separator: "、"))
            設定は config.toml から読みます（--config）。終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Option(help: "キャンセル理由（番号か名前。例: 8 または 欠品）")
    var reason: String

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        _ = try reasonCode()
    }

    func reasonCode() throws -> Int {
        guard let code = CancelAction.reasons.first(where: { String($0.code) == reason || $0.label == reason })?.code else {
            throw ValidationError(
                "キャンセル理由「\(reason)」はありません（\(CancelAction.reasons.map { "\($0.code) \($0.label)" }.joined(separator: "、"))）")
        }
        return code
    }

    func run() throws {
        let code = try reasonCode()
        try options.runOutboxCommand(.cancel(reasonCode: code), selection, json: json)
    }
}
