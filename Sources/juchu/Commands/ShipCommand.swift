import ArgumentParser
import Foundation
import OrderEngine
import OrderSync

/// `juchu ship`: 発送完了報告 from a script — each basket's parcels (carrier, tracking number, ship
/// date) to RMS with updateOrderShippingAsync, through the same outbox as the desk.
struct ShipCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ship",
        abstract: "発送完了をRMSに報告します（送付先ごとの配送会社・荷物番号・発送日）",
        discussion: """
            RMSの発送待ちの注文で、すべての送付先に荷物番号があるものだけを報告します（欠けていると、RMSは受け付けても発送済にならず、カードの売上も請求されません）。
            RMSは発送日の翌日に発送済にします。報告した注文は config.toml の shipping.status_after_report（既定: 出荷済み）になります。
            設定は config.toml から読みます（--config）。終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Flag(help: "報告の代わりに、報告済みの荷物番号の訂正・削除（juchu tracking correct / delete）をRMSに送ります")
    var corrections = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try options.runOutboxCommand(corrections ? .shipCorrection : .shipReport, selection, json: json)
    }
}
