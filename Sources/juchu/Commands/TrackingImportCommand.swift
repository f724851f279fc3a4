import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShippingFiles

/// `juchu tracking import FILE`: tracking numbers back from a carrier's software, matched by
/// shipment key, else by order number. The preview lists every line of the file (matched, entered
/// already, refused or ignored, each with why); a file with refused rows applies nothing unless
/// `--apply-valid` says to apply the rest.
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
            let (settings, configFile) = try options.load()
            try options.require(.importTracking, settings, file: configFile)
            let store = try options.openStore(settings, existing: true)
            let imported = try TrackingFileImport.read(
                [file], format: format.flatMap(TrackingFormat.init(rawValue:)), store: store, today: CalendarDate(japanDayOf: JapanTime(Date())))
            let read = imported.files[0]
            guard case .success(let matched) = read.result else {
                if case .failure(let error) = read.result { throw UserFacingError("\(file): \(error.description)") }
                return
            }
            let refused = read.refusedCount > 0
            let additions = imported.additions(takingValidLines: applyValid)
            let applies = !preview && !additions.isEmpty
            var leftOut: [(OrderNumber, String)] = []
            if applies { leftOut = try imported.apply(to: store, takingValidLines: applyValid).leftOut }
            if json {
                try printJSON([
                    "format": matched.file.format.rawValue, "encoding": matched.file.encoding.rawValue, "applied": applies,
                    "header": matched.file.hasHeader, "dataLines": matched.file.dataLines,
                    "lines": read.lines.map { ["line": $0.line, "trackingNumber": $0.trackingNumber, "result": $0.label, "message": $0.text] },
                ] as [String: Any])
            } else {
                print("\(file): \(read.summary)")
                for line in read.lines { print("\(line.line)行目\t\(line.label)\t\(line.trackingNumber)\t\(line.text)") }
                for (order, why) in leftOut { print("\(order)\t書き込まず\t\(why)") }
                if applies {
                    print("書き込みました: \(additions.count - leftOut.count)件（取り消しはデスクの「直前の一括処理を取り消す」で）")
                } else if refused, !preview {
                    print("拒否した行があるため、何も書き込んでいません（正しい行だけ書き込むには --apply-valid）")
                }
            }
            if refused { throw ExitCode(3) }
        }
    }
}
