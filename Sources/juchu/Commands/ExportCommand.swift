import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import ShippingFiles

/// `juchu export`: the orders of a status or a search, as CSV or JSON lines, for scripts.
struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export",
        abstract: "注文を CSV または JSON（1行1注文）で出力します",
        discussion: "例: juchu export --status 新規受付 --search '支払:代金引換' --format csv > cod.csv")

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case csv, json
    }

    @OptionGroup var options: ConfigOptions

    @Option(help: "出力形式（csv, json）")
    var format: Format = .csv

    @Option(help: "この受注ステータスの注文だけ（例: 新規受付）")
    var status: String?

    @Option(help: "検索（デスクの / と同じ: 名前・電話番号・注文番号、支払: チェック: 日付:A..B 配送: 特記: サブ: お届け: 金額:）")
    var search: String?

    static let header = ["受注番号", "注文日時", "注文者", "注文者カナ", "合計金額", "請求金額", "送料", "RMSステータス", "受注ステータス", "連携状態", "支払方法", "同梱", "配送方法", "お届け日指定",
        "お届け時間帯", "サブステータス", "特記事項"]

    func run() throws {
        try reportingErrors {
            let (settings, _) = try options.load()
            let store = try options.openStore(settings, existing: true)
            let filter = GridFilter(localStatus: status.map { LocalStatus($0) }, search: search)
            if let problem = filter.problems.first { throw UserFacingError(problem, exitCode: 2) }
            if format == .csv { write(Self.csvLine(Self.header)) }
            var key: GridKey?
            // Newest first, a page at a time, so that a million orders stream without being held.
            while true {
                let rows = try store.page(filter, after: key, limit: 5_000)
                for row in rows {
                    let fields = Self.fields(row)
                    switch format {
                    case .csv: write(Self.csvLine(fields))
                    case .json:
                        let object = Dictionary(uniqueKeysWithValues: zip(Self.jsonKeys, fields))
                        try printJSON(object)
                    }
                }
                guard rows.count == 5_000, let last = rows.last else { break }
                key = last.key
            }
        }
    }

    static let jsonKeys = [
        "orderNumber", "orderedAt", "orderer", "ordererKana", "totalPrice", "requestPrice", "shippingFee", "rmsStatus",
        "localStatus", "sync", "paymentMethod", "bundle", "deliveryName", "deliveryDate", "deliveryTime", "subStatus", "marks",
    ]

    /// A row's fields; an unset amount is empty, never RMS's -9999.
    static func fields(_ row: OrderRow) -> [String] {
        [row.number.rawValue, JapanTime(row.orderedAt).fullText, row.ordererName, row.ordererKana,
         row.totalPrice.yen.map(String.init) ?? "", row.requestPrice.yen.map(String.init) ?? "",
         row.shippingFee.yen.map(String.init) ?? "",
         row.rmsProgress.label, row.localStatus.name, row.sync.label, row.paymentMethod, row.bundleID?.rawValue ?? "",
         row.delivery.method ?? "", row.delivery.date?.description ?? "",
         row.delivery.timeSlot.flatMap(DeliveryDetails.text(ofTimeSlot:)) ?? "", row.delivery.subStatus ?? "",
         row.delivery.marks.joined(separator: "・")]
    }

    /// One record as every CSV Juchu writes: quoted where RFC 4180 says, a formula neutralised
    /// (``CSV/line(_:)``), CRLF.
    static func csvLine(_ fields: [String]) -> String {
        CSV.line(fields) + "\r\n"
    }

    /// To a file or a pipe as it is; to a terminal, without the buyers' control characters.
    private func write(_ line: String) {
        CommandOutput.write(line)
    }
}
