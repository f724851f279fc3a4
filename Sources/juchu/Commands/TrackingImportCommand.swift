import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShippingFiles

/// `juchu tracking import FILE`: tracking numbers back from a carrier's software, matched by
/// shipment key, else by order number. The preview lists every row with its line; a file with
/// refused rows applies nothing unless `--apply-valid` says to apply the rest.
struct TrackingImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "配送会社のソフトが書き出した荷物番号を取り込みます",
        discussion: """
            形式: \(TrackingFormat.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))。指定しないと見出しから判断します。
            文字コードは Shift_JIS（CP932）・UTF-8（BOMの有無とも）を判断します。
            不一致・競合・不正・重複の行が1つでもあると何も書き込みません（--apply-valid で正しい行だけ書き込みます）。同じファイルをもう一度取り込んでも何も変わりません。
            終了コード: 0 書き込んだ（または変更なし）、3 拒否した行がある、1 読めないファイル、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "取り込むファイル")
    var file: String

    @Option(help: "形式（\(TrackingFormat.allCases.map(\.rawValue).joined(separator: "|"))）")
    var format: String?

    @Flag(help: "拒否した行があっても、正しい行だけ書き込みます")
    var applyValid = false

    @Flag(help: "照合の結果を見るだけで、書き込みません")
    var preview = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        if let format, TrackingFormat(rawValue: format) == nil {
            throw ValidationError("形式「\(format)」はありません（\(TrackingFormat.allCases.map(\.rawValue).joined(separator: "、"))）")
        }
    }

    func run() throws {
        try reportingErrors {
            let (settings, _) = try options.load()
            let store = try options.openStore(settings, existing: true)
            let bytes: [UInt8]
            do {
                bytes = Array(try Data(contentsOf: URL(fileURLWithPath: file)))
            } catch {
                throw UserFacingError("\(file) を読めません: \(error.localizedDescription)")
            }
            let read: (rows: [TrackingRow], format: TrackingFormat, encoding: FileEncoding)
            do throws(FileFormatError) {
                read = try TrackingFileReader.read(bytes, format: format.flatMap(TrackingFormat.init(rawValue:)))
            } catch {
                throw UserFacingError("\(file): \(error.description)")
            }
            let matched = try TrackingMatching.match(read.rows, in: store, today: CalendarDate(japanDayOf: JapanTime(Date())))
            let refused = matched.refused
            let applies = !preview && (refused.isEmpty || applyValid) && !matched.additions.isEmpty
            var leftOut: [(OrderNumber, String)] = []
            if applies { leftOut = try store.addParcels(matched.additions, previewed: matched.previewed).leftOut }
            if json {
                try printJSON([
                    "format": read.format.rawValue, "encoding": read.encoding.rawValue, "applied": applies,
                    "lines": matched.lines.map { ["line": $0.line, "trackingNumber": $0.trackingNumber, "result": $0.outcome.label, "message": $0.outcome.text] },
                ] as [String: Any])
            } else {
                print("\(file): \(read.format.label)、\(read.encoding.label)、\(matched.lines.count)行")
                for line in matched.lines { print("\(line.line)行目\t\(line.outcome.label)\t\(line.trackingNumber)\t\(line.outcome.text)") }
                for (order, why) in leftOut { print("\(order)\t書き込まず\t\(why)") }
                let counts = Dictionary(grouping: matched.lines, by: \.outcome.label).mapValues(\.count)
                print(["照合", "入力済み", "不一致", "競合", "不正", "重複"].compactMap { label in counts[label].map { "\(label) \($0)件" } }.joined(separator: "、"))
                if applies {
                    print("書き込みました: \(matched.additions.count - leftOut.count)件（取り消しはデスクの「直前の一括処理を取り消す」で）")
                } else if !refused.isEmpty, !preview {
                    print("拒否した行があるため、何も書き込んでいません（正しい行だけ書き込むには --apply-valid）")
                }
            }
            if !refused.isEmpty { throw ExitCode(3) }
        }
    }
}
