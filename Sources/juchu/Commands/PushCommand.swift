import ArgumentParser
import OrderEngine
import OrderSync

/// `juchu push`: 入力内容を反映する from a script — the saved edits (未反映) go to RMS with
/// updateOrderSender, through the same outbox as the desk.
struct PushCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "push",
        abstract: "保存した注文内容修正（未反映）をRMSに反映します",
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
            return try await service.pushEdits(try selection.numbers(in: store))
        }.print(json: json)
    }
}
