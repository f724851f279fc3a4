import ArgumentParser
import Foundation
import OrderEngine
import OrderStore

/// `juchu tracking`: 荷物番号 — entered by hand per parcel, or read from the carriers' files.
struct TrackingCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tracking",
        abstract: "荷物番号を入力します（発送完了報告の前に）",
        subcommands: [TrackingSetCommand.self, TrackingImportCommand.self, TrackingCorrectCommand.self, TrackingDeleteCommand.self])
}

/// `juchu tracking set ORDER NUMBER --carrier C`: one parcel of one basket, by hand.
struct TrackingSetCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "set",
        abstract: "注文の送付先に荷物を1つ追加します（配送会社・荷物番号・発送日）",
        discussion: """
            配送会社はコードか名前（1001 または ヤマト運輸）。送付先が複数ある注文は --basket で送付先IDを指定します。
            ヤマト運輸・佐川急便・日本郵便の12桁の番号は検査数字を確かめます。終了コード: 0 成功、1 受け付けられない入力、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "注文番号")
    var order: String

    @Argument(help: "荷物番号（お問い合わせ番号）")
    var trackingNumber: String

    @Option(help: "配送会社（コードか名前。例: 1001、ヤマト運輸）")
    var carrier: String

    @Option(help: "発送日（既定: 今日）。例: 2026-12-04")
    var date: String?

    @Option(help: "送付先ID（送付先が複数ある注文のとき）")
    var basket: Int?

    func validate() throws {
        _ = try chosenCarrier()
        _ = try shipDate()
    }

    func chosenCarrier() throws -> Carrier {
        guard let chosen = Carrier.named(carrier) else {
            throw ValidationError("配送会社「\(carrier)」はありません（例: 1001 ヤマト運輸、1002 佐川急便、1003 日本郵便）")
        }
        return chosen
    }

    func shipDate() throws -> CalendarDate {
        guard let date else { return CalendarDate(japanDayOf: JapanTime(Date())) }
        guard let parsed = CalendarDate(parsing: date) else {
            throw ValidationError("発送日「\(date)」は日付ではありません（例: 2026-12-04）")
        }
        return parsed
    }

    func run() throws {
        let (carrier, date) = (try chosenCarrier(), try shipDate())
        try options.changeParcels { store in
            try store.addParcel(to: OrderNumber(order), basketID: basket, carrier: carrier, trackingNumber: trackingNumber, shippedOn: date)
        }
    }
}
