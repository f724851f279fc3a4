import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShippingFiles

/// `juchu labels`: 送り状データ for a carrier's software — a row per basket with its shipment key,
/// the orders skipped with the reason, the fields that will be printed cut.
struct LabelsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "labels",
        abstract: "送り状データを書き出します（配送会社のソフトに取り込むCSV）",
        discussion: """
            形式: \(LabelFormat.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            ご依頼主は config.toml の [sender] から（name・phone・zip・address）。各行の管理番号は送付先ごとの出荷キーです（荷物番号の取り込みで注文と送付先に戻します）。
            終了コード: 0 すべて出力、3 一部をスキップ、1 出力なし、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Option(help: "形式（\(LabelFormat.allCases.map(\.rawValue).joined(separator: "|"))）")
    var carrier: String

    @Option(help: "書き出すファイル")
    var out: String

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        guard LabelFormat(rawValue: carrier) != nil else {
            throw ValidationError("形式「\(carrier)」はありません（\(LabelFormat.allCases.map(\.rawValue).joined(separator: "、"))）")
        }
    }

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.writeLabels, settings, file: file)
            guard let sender = settings.sender else {
                throw UserFacingError("ご依頼主がありません: \(file) に [sender] の name・phone・zip・address を書いてください", exitCode: 2)
            }
            let store = try options.openStore(settings, existing: true)
            let made: LabelMaking.Made
            do {
                made = try LabelMaking.make(
                    try selection.numbers(in: store), format: LabelFormat(rawValue: carrier)!, sender: sender,
                    today: CalendarDate(japanDayOf: JapanTime(Date())), store: store, path: out)
            } catch let error as LabelMakingError {
                throw UserFacingError(error.description)
            }
            try Self.print(made.file, files: made.paths, json: json)
        }
    }

    static func print(_ labels: LabelFile, files: [String], json: Bool) throws {
        if json {
            try printJSON([
                "files": files,
                "rows": labels.rows.map { row in
                    ["key": row.key, "orderNumber": row.order.rawValue, "baskets": row.targets.map { ["orderNumber": $0.order.rawValue, "basketId": $0.basketID] }]
                },
                "skipped": labels.skips.map { ["orderNumber": $0.order.rawValue, "reason": $0.reason] },
                "warnings": labels.warnings.map { ["orderNumber": $0.order.rawValue, "field": $0.field, "message": $0.text] },
            ] as [String: Any])
        } else {
            for row in labels.rows {
                for target in row.targets {
                    juchu.print("\(target.order)\t\(target.basketID)\t\(row.key)\t" + (row.targets.count > 1 ? "出力（同梱 \(row.targets.count)件で1個口）" : "出力"))
                }
            }
            for warning in labels.warnings { juchu.print("\(warning.order)\t警告\t\(warning.field): \(warning.text)") }
            for skip in labels.skips { juchu.print("\(skip.order)\tスキップ\t\(skip.reason)") }
            juchu.print(labels.rows.isEmpty
                ? "出力なし（スキップ \(labels.skips.count)件）"
                : "\(files.joined(separator: "、")): \(labels.rows.count)行（\(labels.format.label)、Shift_JIS・CRLF）、スキップ \(labels.skips.count)件、警告 \(labels.warnings.count)件")
        }
        if labels.rows.isEmpty { throw ExitCode(1) }
        if !labels.skips.isEmpty { throw ExitCode(3) }
    }
}
