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
            終了コード: 0 すべて成功、3 一部が失敗・スキップ、1 失敗、2 使い方の誤り
            """)

    @OptionGroup var connection: ConnectionOptions

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
        let store = try connection.openStore()
        let service = SyncService(client: try connection.client(), store: store)
        let code = try reasonCode()
        try runBlocking {
            // What a process left unclear is settled first: it may put orders back in the status chosen.
            try await service.settleUnclearWrites()
            return try await service.cancel(try selection.numbers(in: store), reasonCode: code)
        }.print(json: json)
    }
}
