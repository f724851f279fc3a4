import ShopSettings
import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay

/// `juchu confirm`: send 注文確認通知 from a script, through the same outbox as the desk.
struct ConfirmCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "confirm",
        abstract: "注文確認通知を送ります（注文番号、または --status の受注ステータスの注文すべて）",
        discussion: "終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方の誤り")

    @OptionGroup var connection: ConnectionOptions

    @OptionGroup var selection: OrderSelection

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        let store = try connection.openStore()
        let service = SyncService(client: try connection.client(), store: store)
        try runBlocking {
            // What a process left unclear is settled first: it may put orders back in the status chosen.
            try await service.settleUnclearWrites()
            return try await service.confirm(try selection.numbers(in: store))
        }.print(json: json)
    }
}
