import ArgumentParser
import CustomerMail
import Foundation
import OrderEngine
import OrderStore
import OrderSync
import ShopSettings

/// `juchu mail`: the shop's mails to its buyers — templates in `$XDG_CONFIG_HOME/juchu/mail/`,
/// sent through Rakuten's relay once each, kept as sent.
struct MailCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mail",
        abstract: "お客様へのメール（サンクスメール・入金確認・発送メール）",
        subcommands: [MailSendCommand.self, MailPreviewCommand.self, MailTagsCommand.self])
}

extension ConfigOptions {
    /// The shop's mailer when config.toml has `[mail]` (nil without): its templates and settings
    /// checked whole, or exit 2 naming the file and key or the template's file and line.
    func mailer(_ settings: ShopConfig, file: String) throws -> Mailer? {
        guard settings.mail != nil else { return nil }
        let library = try mailTemplates(settings)
        return try UserFacingError.settings { try Mailer(library: library, settings: try settings.mailSettings(file: file)) }
    }

    /// The shop's templates (made with the shipped ones on first use), or exit 2 with the file and line.
    func mailTemplates(_ settings: ShopConfig) throws -> MailTemplateLibrary {
        try UserFacingError.settings { try MailTemplateLibrary(folder: XDGPaths.config + "/mail", statuses: settings.statuses) }
    }
}

/// `juchu mail send --template NAME [--status S | ORDER...]`.
struct MailSendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "send",
        abstract: "テンプレートのメールを注文者に送ります（注文ごと・テンプレートごとに一度だけ）",
        discussion: """
            送る前に送信記録に残し、同じ注文に同じテンプレートのメールは二度送りません（送信済み・結果不明の注文はスキップ。送り直すときは --resend）。
            注文から [mail] hold_minutes（既定30分）たっていない注文、キャンセルされた注文、送料が未設定の注文には送りません。
            本文を送った後に接続が切れたメールは「結果不明」になり、自動では再送しません。
            メールサーバに受け付けられたことは、届いたことではありません。
            終了コード: 0 すべて送信、3 一部が失敗・スキップ、1 失敗、2 使い方・設定の誤り
            """)

    @OptionGroup var options: ConfigOptions

    @OptionGroup var selection: OrderSelection

    @Option(help: "テンプレート（ファイル名か名前。例: thanks、サンクスメール）")
    var template: String

    @Flag(help: "送信済み・結果不明の注文にも、明示して送り直します")
    var resend = false

    @Flag(help: "結果をJSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, file) = try options.load()
            try options.require(.sendMail, settings, file: file)
            guard let mailer = try options.mailer(settings, file: file) else {
                throw UserFacingError(ConfigError(file: file, key: "mail", problem: "メールの設定 [mail] がありません").description, exitCode: 2)
            }
            let chosen = try UserFacingError.settings { try mailer.library.template(named: template) }
            if let problem = mailer.library.unfinished(chosen) { throw UserFacingError(problem, exitCode: 2) }
            let service = try options.service(settings, file: file, existingStore: true).mailing(with: mailer).reporting(to: ConfigOptions.sayWaiting)
            let resend = self.resend
            try runBlocking {
                try await service.settleUnclearWrites(waitingForInFlight: true)
                let numbers = try selection.numbers(in: service.store)
                return try await service.run(try mailer.action(chosen, for: numbers, in: service.store, resend: resend, now: Date()), on: numbers)
            }.print(json: json)
        }
    }
}

/// `juchu mail preview --template NAME ORDER`: the mail as it would be sent, nothing sent.
struct MailPreviewCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "preview",
        abstract: "注文に送るメールを表示します（送信しません）",
        discussion: "宛先・件名・本文を表示します。終了コード: 0 表示、1 注文がない、2 使い方・設定・テンプレートの誤り")

    @OptionGroup var options: ConfigOptions

    @Option(help: "テンプレート（ファイル名か名前）")
    var template: String

    @Argument(help: "注文番号")
    var order: String

    @Flag(help: "JSONで出力します")
    var json = false

    func run() throws {
        try reportingErrors {
            let (settings, _) = try options.load()
            let library = try options.mailTemplates(settings)
            let chosen = try UserFacingError.settings { try library.template(named: template) }
            let store = try options.openStore(settings, existing: true)
            guard let found = try store.order(OrderNumber(order)) else { throw UserFacingError("注文 \(order) はありません", exitCode: 1) }
            let mail = settings.mail ?? MailConfig()
            let shop = MailShop(name: mail.shopName, signature: library.signature, bankAccount: mail.bankAccount)
            let rendered = chosen.render(found, shop: shop)
            let to = found.orderer.emailAddress ?? "（メールアドレスなし）"
            if json {
                try printJSON(["template": chosen.name, "to": to, "subject": rendered.subject, "body": rendered.body])
            } else {
                print("宛先: \(found.orderer.fullName) 様 <\(to)>")
                print("件名: \(rendered.subject)")
                print("")
                print(rendered.body, terminator: rendered.body.hasSuffix("\n") ? "" : "\n")
            }
        }
    }
}

/// `juchu mail tags`: every tag a template may use.
struct MailTagsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "tags", abstract: "テンプレートで使えるタグの一覧")

    func run() throws {
        func list(_ tags: [MailTag], indent: String) {
            for tag in tags {
                switch tag.kind {
                case .text: print("\(indent){{\(tag.name)}}\t\(tag.description)")
                case .flag: print("\(indent){{#\(tag.name)}}…{{/\(tag.name)}}\t\(tag.description)")
                case .list(let inner):
                    print("\(indent){{#\(tag.name)}}…{{/\(tag.name)}}\t\(tag.description)（繰り返し）")
                    list(inner, indent: indent + "  ")
                }
            }
        }
        list(MailTag.all, indent: "")
    }
}
