import ArgumentParser
import Foundation
import OrderEngine
import OrderStore

/// `juchu tracking correct ORDER NUMBER --number NEW`: a parcel's values changed. Unreported, here
/// only; reported, it waits (訂正待ち) for `juchu ship --corrections` to send it by its 発送明細ID.
struct TrackingCorrectCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "correct",
        abstract: "荷物番号・配送会社・発送日を訂正します（報告済みのものは juchu ship --corrections でRMSに送ります）")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "注文番号")
    var order: String

    @Argument(help: "訂正する荷物の荷物番号（今の番号）")
    var trackingNumber: String

    @Option(help: "新しい荷物番号")
    var number: String?

    @Option(help: "新しい配送会社（コードか名前）")
    var carrier: String?

    @Option(help: "新しい発送日")
    var date: String?

    func validate() throws {
        guard number != nil || carrier != nil || date != nil else { throw ValidationError("--number・--carrier・--date のどれかを指定してください") }
        if let carrier, Carrier.named(carrier) == nil { throw ValidationError("配送会社「\(carrier)」はありません（例: 1001 ヤマト運輸）") }
        if let date, CalendarDate(parsing: date) == nil { throw ValidationError("発送日「\(date)」は日付ではありません（例: 2026-12-04）") }
    }

    func run() throws {
        try options.changeParcels { store in
            try store.changeParcel(
                of: OrderNumber(order), trackingNumber: trackingNumber, carrier: carrier.flatMap(Carrier.named), newNumber: number,
                shippedOn: date.flatMap { CalendarDate(parsing: $0) })
        }
    }
}

/// `juchu tracking delete ORDER NUMBER`: a parcel taken back. Unreported, here only; reported, it
/// waits (削除待ち) for `juchu ship --corrections` to delete it at RMS.
struct TrackingDeleteCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "delete",
        abstract: "荷物を取り消します（報告済みのものは juchu ship --corrections でRMSから削除します）")

    @OptionGroup var options: ConfigOptions

    @Argument(help: "注文番号")
    var order: String

    @Argument(help: "取り消す荷物の荷物番号")
    var trackingNumber: String

    func run() throws {
        try options.changeParcels { store in try store.changeParcel(of: OrderNumber(order), trackingNumber: trackingNumber, delete: true) }
    }
}
