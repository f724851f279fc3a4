import CustomerMail
import OrderEngine
import MailTransport

/// config.toml's `[mail]`, as read: what sending mail needs that the templates do not say.
public struct MailConfig: Sendable, Equatable {
    public var host = "sub.fw.rakuten.ne.jp"
    public var port = 587
    public var username = ""
    /// A secret: from the file (then readable by its owner only) or JUCHU_SMTP_PASSWORD.
    public var password: String?
    public var from = ""
    public var fromName = ""
    public var bcc: [String] = []
    public var registered: [String] = []
    public var startTLS = true
    public var caFile: String?
    public var holdMinutes = 30
    public var shopName = ""
    public var bankAccount = ""

    public init() {}
}

extension ShopConfig {
    /// What mail is sent with, or why it cannot be: a missing address or password, a From or Bcc
    /// RMS has not registered — each named with its key.
    public func mailSettings(file: String) throws -> MailSettings {
        guard let mail else { throw ConfigError(file: file, key: "mail", problem: "メールの設定 [mail] がありません（README の「メール」を見てください）") }
        guard !mail.from.isEmpty else { throw ConfigError(file: file, key: "mail.from", problem: "差出人のアドレスがありません（RMSに登録したアドレス）") }
        guard !mail.username.isEmpty else { throw ConfigError(file: file, key: "mail.username", problem: "SMTP AUTH ID がありません（RMSのあんしんメルアド設定）") }
        guard let password = mail.password, !password.isEmpty else {
            throw ConfigError(file: file, key: "mail.password", problem: "SMTP AUTH パスワードがありません（設定ファイルか環境変数 JUCHU_SMTP_PASSWORD に書いてください）")
        }
        let settings = MailSettings(
            smtp: SMTPSettings(host: mail.host, port: mail.port, username: mail.username, password: password, startTLS: mail.startTLS, caFile: mail.caFile),
            from: MailAddress(name: mail.fromName.isEmpty ? mail.shopName : mail.fromName, address: mail.from), bcc: mail.bcc,
            registered: mail.registered, holdMinutes: mail.holdMinutes, shop: MailShop(name: mail.shopName, bankAccount: mail.bankAccount))
        if let problem = settings.problem { throw ConfigError(file: file, key: "mail.registered", problem: problem) }
        return settings
    }

    /// `[mail]`: each key checked for its kind; the whole checked when mail is sent.
    mutating func readMail(_ reader: Reader) throws {
        guard reader.hasTable("mail") else { return }
        var mail = MailConfig()
        if let host = try reader.string("mail", "smtp_host") { mail.host = host }
        if let port = try reader.integer("mail", "smtp_port", in: 1...65535) { mail.port = port }
        if let username = try reader.string("mail", "username") { mail.username = username }
        mail.password = try reader.string("mail", "password")
        for (key, path) in [("from", \MailConfig.from)] {
            guard let address = try reader.string("mail", key) else { continue }
            if let problem = EmailAddress.problem(address) { throw reader.error("mail", key, "メールアドレスではありません（\(problem)）: 「\(address)」") }
            mail[keyPath: path] = address
        }
        if let name = try reader.string("mail", "from_name") { mail.fromName = name }
        for (key, path) in [("bcc", \MailConfig.bcc), ("registered", \MailConfig.registered)] {
            guard let addresses = try reader.strings("mail", key) else { continue }
            for address in addresses {
                if let problem = EmailAddress.problem(address) { throw reader.error("mail", key, "メールアドレスではありません（\(problem)）: 「\(address)」") }
            }
            mail[keyPath: path] = addresses
        }
        if let tls = try reader.bool("mail", "starttls") { mail.startTLS = tls }
        if let file = try reader.string("mail", "ca_file") { mail.caFile = file.isEmpty ? nil : file }
        if let minutes = try reader.integer("mail", "hold_minutes", in: 0...1440) { mail.holdMinutes = minutes }
        if let name = try reader.string("mail", "shop_name") { mail.shopName = name }
        if let account = try reader.string("mail", "bank_account") { mail.bankAccount = account }
        self.mail = mail
    }

}
