import ArgumentParser
import Foundation
import OrderEngine
import OrderStore
import OrderSync

/// `juchu import`: orders from files RMS gives.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "RMSの受注CSVなど、ファイルから注文を取り込みます",
        subcommands: [ImportRMSCSVCommand.self])
}

/// `juchu import rms-csv FILE…`: RMS's 楽天ペイ受注CSV (データダウンロード), previewed order by
/// order — 新規, 同じ, 差分あり (field by field), 拒否 (line and reason) — then applied in one
/// transaction: new orders added, differences kept as 差分あり, nothing overwritten or doubled.
struct ImportRMSCSVCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rms-csv",
        abstract: "RMSの楽天ペイ受注CSV（受注管理 → データダウンロード）を取り込みます",
        discussion: """
            見出しの列名で読みます（列の順は問いません）。文字コードは Shift_JIS（CP932）・UTF-8 を判断します。楽天ペイ以前の受注CSVは取り込みません。
            ここにない注文は追加し（取込元: CSV。次にAPIで読むときRMSの内容で埋めます）、ここにある注文は上書きしません。違いは「差分あり」として残し、デスクの「RMSの変更を受け入れる」で取り込めます。
            拒否した注文が1つでもあると何も書き込みません（--apply-valid で正しい注文だけ書き込みます）。同じファイルをもう一度取り込んでも何も変わりません。
            終了コード: 0 書き込んだ（または変更なし）、3 拒否した注文・行・ファイルがある、1 失敗、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @Argument(help: "取り込むCSVファイル")
    var files: [String]

    @Flag(help: "拒否した注文があっても、正しい注文だけ書き込みます")
    var applyValid = false

    @Flag(help: "照合の結果を見るだけで、書き込みません")
    var preview = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        if files.isEmpty { throw ValidationError("取り込むCSVファイルを指定してください") }
    }

    func run() throws {
        try reportingErrors {
            let (settings, configFile) = try options.load()
            try options.require(.importRMSCSV, settings, file: configFile)
            let store = try options.openStore(settings)
            let read = RMSOrderCSVImport.read(files)
            let storeAs = settings.fetch.localStatus
            // Whether anything is refused is the files' own: the store is compared once, applying or not.
            let applies = !preview && (!read.refusesSomething || applyValid)
            let report = try RMSOrderCSVImport.run(read, store: store, storeAs: storeAs, applying: applies)
            if json {
                try printJSON(["applied": applies, "files": report.files.map(Self.json)] as [String: Any])
            } else {
                for file in report.files { Self.print(file) }
                if applies {
                    let added = report.files.flatMap(\.orders).filter { if case .new = $0.outcome { true } else { false } }.count
                    Swift.print("書き込みました: 新規 \(added)件（差分は「差分あり」に残しました）")
                } else if report.refusesSomething, !preview {
                    Swift.print("拒否した注文があるため、何も書き込んでいません（正しい注文だけ書き込むには --apply-valid）")
                }
            }
            if report.refusesSomething { throw ExitCode(3) }
        }
    }

    private static func print(_ file: RMSOrderCSVImport.FileResult) {
        switch file.read {
        case .failure(let error):
            Swift.print("\(file.path): \(error.description)")
        case .success(let read):
            Swift.print("\(file.path): \(file.summary)")
            if !read.unknownColumns.isEmpty { Swift.print("読まない列: \(read.unknownColumns.joined(separator: "・"))") }
            for order in file.orders {
                Swift.print("\(order.number)\t\(order.lines.map { "\($0)" }.joined(separator: ","))行目\t\(order.outcome.label)\t\(order.outcome.text)")
            }
            for (line, reason) in read.looseRefusals { Swift.print("\(line)行目\t拒否\t\(reason)") }
        }
    }

    private static func json(_ file: RMSOrderCSVImport.FileResult) -> [String: Any] {
        switch file.read {
        case .failure(let error):
            return ["file": file.path, "error": error.description]
        case .success(let read):
            return [
                "file": file.path, "encoding": read.encoding.rawValue, "dataLines": read.dataLines, "blankLines": read.blankLines,
                "repeatedLines": read.repeatedLines, "unknownColumns": read.unknownColumns,
                "refusedLines": read.looseRefusals.map { ["line": $0.line, "reason": $0.reason] },
                "orders": file.orders.map { ["orderNumber": $0.number, "lines": $0.lines, "result": $0.outcome.label, "message": $0.outcome.text] },
            ]
        }
    }
}
