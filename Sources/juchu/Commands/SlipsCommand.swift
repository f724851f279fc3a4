import ArgumentParser
import CustomerMail
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShopSettings
import Slips

/// `juchu slips`: 納品書, 受注伝票, ピッキングリスト and 領収書 as one PDF — templates in
/// `$XDG_CONFIG_HOME/juchu/slips/`, each document recorded so that the next says 再発行.
struct SlipsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "slips",
        abstract: "納品書・受注伝票・ピッキングリスト・領収書をPDFで作ります（印刷も）",
        subcommands: [SlipsMakeCommand.self, SlipsTagsCommand.self],
        defaultSubcommand: SlipsMakeCommand.self)
}

extension ConfigOptions {
    /// What makes the shop's slips: its templates (made with the shipped ones on first use), its
    /// [slips] settings and 棚番 file; or exit 2 with the file and line.
    func slipMaker(_ settings: ShopConfig) throws -> SlipMaker {
        try UserFacingError.settings {
            let library = try SlipTemplateLibrary(folder: XDGPaths.config + "/slips")
            let shelves = try settings.slips.shelves.map(ShelfCodes.read) ?? [:]
            return SlipMaker(
                library: library, shop: settings.slips.shop, renderer: PDFRenderer(weasyprint: settings.slips.renderer),
                printer: SlipPrinter(printer: settings.slips.printer), shelves: shelves)
        }
    }
}

/// `juchu slips --kind KIND [--status S | ORDER...] --out FILE.pdf [--print]`.
struct SlipsMakeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "make",
        abstract: "帳票をPDFで作ります（juchu slips --kind delivery-note --status 出荷待ち --out 納品書.pdf）",
        discussion: """
            種類: \(SlipKind.allCases.map { "\($0.rawValue)（\($0.label)）" }.joined(separator: "、"))
            納品書は送付先ごとに1枚（長い注文は見出しを繰り返して次のページへ）。ギフト注文の納品書には金額を印刷しません。
            金額が未設定（RMSの -9999）の注文、RMSに未反映の金額の変更がある注文、キャンセルされた注文はスキップします。
            領収書は代金引換・後払いの注文には作りません。お客様が楽天で領収書を発行済みの注文は、その回数を表示します。
            2回目からは「再発行」と印刷します。作った帳票は注文の履歴に残ります。
            登録番号・店舗名・住所は config.toml の [slips]（registration_number は T＋13桁、チェックデジットを確かめます）。
            終了コード: 0 すべて作成、3 一部をスキップ、1 作成なし、2 使い方・設定・テンプレートの誤り
            """)

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Option(help: "種類（\(SlipKind.allCases.map(\.rawValue).joined(separator: "|"))）")
    var kind: String

    @Option(help: "書き出すPDFファイル")
    var out: String

    @Flag(name: .customLong("print"), help: "作ったPDFをプリンタに送ります（[slips] printer、なければ既定のプリンタ）")
    var sendToPrinter = false

    @Option(help: "領収書の宛名（既定: 注文者の氏名）")
    var addressee: String?

    @Option(help: "領収書の但し書き（既定: [slips] receipt_purpose か「お品代として」）")
    var purpose: String?

    @Flag(help: "ピッキングリストを注文ごとに（既定: 商品・選択肢ごとの合計）")
    var perOrder = false

    @Option(help: "ピッキングリストの並び（shelf: 棚番順、item: 商品管理番号順）")
    var sort: String = "shelf"

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func validate() throws {
        guard SlipKind(rawValue: kind) != nil else {
            throw ValidationError("種類「\(kind)」はありません（\(SlipKind.allCases.map(\.rawValue).joined(separator: "、"))）")
        }
        guard PickingList.Sort(rawValue: sort) != nil else { throw ValidationError("並び「\(sort)」はありません（shelf、item）") }
        guard out.lowercased().hasSuffix(".pdf") else { throw ValidationError("--out は .pdf のファイルにしてください（\(out)）") }
        if addressee != nil || purpose != nil, kind != SlipKind.receipt.rawValue {
            throw ValidationError("--addressee と --purpose は領収書（--kind receipt）のときだけです")
        }
    }

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.printSlips, settings, file: file)
            let maker = try options.slipMaker(settings)
            let store = try options.openStore(settings, existing: true)
            var request = SlipMaker.Request(
                kind: SlipKind(rawValue: kind)!, numbers: try selection.numbers(in: store), path: out,
                today: CalendarDate(japanDayOf: JapanTime(Date())))
            request.print = sendToPrinter
            request.addressee = addressee
            request.purpose = purpose ?? settings.slips.receiptPurpose
            request.perOrderPicking = perOrder
            request.pickingSort = PickingList.Sort(rawValue: sort)!
            let made = try runBlocking { [request] in
                do {
                    return try await maker.make(request, store: store)
                } catch let error as SlipRenderError {
                    throw UserFacingError(error.message)
                }
            }
            try Self.print(made, request: request, json: json)
        }
    }

    static func print(_ made: SlipMaker.Outcome, request: SlipMaker.Request, json: Bool) throws {
        let preview = made.preview
        let receipts = preview.rakutenReceipts
        if json {
            try printJSON([
                "kind": request.kind.rawValue,
                "file": made.output?.path as Any,
                "pages": made.output?.pages ?? 0,
                "documents": made.output?.documents ?? 0,
                "printJob": made.printJob as Any,
                "orders": preview.orders.map { order in
                    [
                        "orderNumber": order.number.rawValue, "copy": preview.copy(of: order.number),
                        "rakutenReceipts": receipts[order.number]?.count ?? 0,
                    ] as [String: Any]
                },
                "skipped": preview.plan.skips.map { ["orderNumber": $0.number.rawValue, "reason": $0.reason.text] },
                "warnings": made.output?.warnings ?? [],
            ] as [String: Any])
        } else {
            for order in preview.orders {
                let copy = preview.copy(of: order.number)
                var line = "\(order.number)\t\(copy > 1 ? "再発行（\(copy)回目）" : "作成")"
                if let issued = receipts[order.number] { line += "\t楽天で領収書発行済み（\(issued.count)回）" }
                juchu.print(line)
            }
            for skip in preview.plan.skips { juchu.print("\(skip.number)\tスキップ\t\(skip.reason.text)") }
            for warning in made.output?.warnings ?? [] { juchu.print("警告\t\(warning)") }
            if let output = made.output {
                juchu.print("\(output.path): \(request.kind.label) \(output.documents)枚分・\(output.pages)ページ（注文 \(preview.orders.count)件）、スキップ \(preview.plan.skips.count)件"
                    + (made.printJob.map { "、印刷 \($0)" } ?? ""))
            } else {
                juchu.print("作成なし（スキップ \(preview.plan.skips.count)件）")
            }
        }
        if made.output == nil { throw ExitCode(1) }
        if !preview.plan.skips.isEmpty { throw ExitCode(3) }
    }
}

/// `juchu slips tags`: what a slip template may use.
struct SlipsTagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tags", abstract: "帳票のテンプレートで使えるタグを表示します（メールのタグもすべて使えます）")

    func run() {
        func list(_ tags: [MailTag], indent: String) {
            for tag in tags {
                switch tag.kind {
                case .text: juchu.print("\(indent){{\(tag.name)}}\t\(tag.description)")
                case .flag: juchu.print("\(indent){{#\(tag.name)}}…{{/\(tag.name)}}\t\(tag.description)")
                case .list(let inner):
                    juchu.print("\(indent){{#\(tag.name)}}…{{/\(tag.name)}}\t\(tag.description)")
                    list(inner, indent: indent + "  ")
                }
            }
        }
        list(SlipTag.all, indent: "")
    }
}
