import Foundation
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
    /// `[mail.own_server]`: the shop's own server, for the orders it took itself.
    public var ownServer: OwnServer?

    public init() {}

    /// `[mail.own_server]` as read. No default host: Rakuten's relay must never be taken for it.
    public struct OwnServer: Sendable, Equatable {
        public var host = ""
        public var port = 587
        public var username = ""
        /// A secret: from the file (then readable by its owner only) or JUCHU_OWN_SMTP_PASSWORD.
        public var password: String?
        public var from = ""
        public var fromName = ""
        public var bcc: [String] = []
        public var startTLS = true
        public var caFile: String?

        public init() {}
    }
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
        var settings = MailSettings(
            smtp: SMTPSettings(host: mail.host, port: mail.port, username: mail.username, password: password, startTLS: mail.startTLS, caFile: mail.caFile),
            from: MailAddress(name: mail.fromName.isEmpty ? mail.shopName : mail.fromName, address: mail.from), bcc: mail.bcc,
            registered: mail.registered, holdMinutes: mail.holdMinutes, shop: MailShop(name: mail.shopName, bankAccount: mail.bankAccount))
        if let problem = settings.problem { throw ConfigError(file: file, key: "mail.registered", problem: problem) }
        if let own = mail.ownServer {
            let key = "mail.own_server"
            guard !own.host.isEmpty else { throw ConfigError(file: file, key: "\(key).smtp_host", problem: "店舗のメールサーバがありません（電話・FAX・店舗の注文のメールを送るサーバ）") }
            // By any spelling: case, a trailing dot; the [mail] relay itself (a test relay too).
            let host = { (name: String) in name.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
            if (host(own.host) == host(mail.host) && own.port == mail.port) || host(own.host).hasSuffix("rakuten.ne.jp") {
                throw ConfigError(file: file, key: "\(key).smtp_host", problem: "楽天のメールサーバ（\(own.host)）は使えません: 楽天の注文のアドレスにしか届けません。店舗のメールサーバを書いてください")
            }
            guard !own.from.isEmpty else { throw ConfigError(file: file, key: "\(key).from", problem: "差出人のアドレスがありません（店舗のメールサーバで送れるアドレス）") }
            guard !own.username.isEmpty else { throw ConfigError(file: file, key: "\(key).username", problem: "SMTP AUTH のIDがありません") }
            guard let password = own.password, !password.isEmpty else {
                throw ConfigError(file: file, key: "\(key).password", problem: "SMTP AUTH のパスワードがありません（設定ファイルか環境変数 JUCHU_OWN_SMTP_PASSWORD に書いてください）")
            }
            settings.ownServer = MailRoute(
                smtp: SMTPSettings(host: own.host, port: own.port, username: own.username, password: password, startTLS: own.startTLS, caFile: own.caFile),
                from: MailAddress(name: own.fromName.isEmpty ? (mail.fromName.isEmpty ? mail.shopName : mail.fromName) : own.fromName, address: own.from),
                bcc: own.bcc)
        }
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
        if reader.hasTable("mail.own_server") { mail.ownServer = try Self.readOwnServer(reader) }
        self.mail = mail
    }

    /// `[mail.own_server]`: each key checked for its kind; the whole when mail is sent.
    static func readOwnServer(_ reader: Reader) throws -> MailConfig.OwnServer {
        let table = "mail.own_server"
        var own = MailConfig.OwnServer()
        if let host = try reader.string(table, "smtp_host") { own.host = host }
        if let port = try reader.integer(table, "smtp_port", in: 1...65535) { own.port = port }
        if let username = try reader.string(table, "username") { own.username = username }
        own.password = try reader.string(table, "password")
        if let address = try reader.string(table, "from") {
            if let problem = EmailAddress.problem(address) { throw reader.error(table, "from", "メールアドレスではありません（\(problem)）: 「\(address)」") }
            own.from = address
        }
        if let name = try reader.string(table, "from_name") { own.fromName = name }
        if let addresses = try reader.strings(table, "bcc") {
            for address in addresses {
                if let problem = EmailAddress.problem(address) { throw reader.error(table, "bcc", "メールアドレスではありません（\(problem)）: 「\(address)」") }
            }
            own.bcc = addresses
        }
        if let tls = try reader.bool(table, "starttls") { own.startTLS = tls }
        if let file = try reader.string(table, "ca_file") { own.caFile = file.isEmpty ? nil : file }
        return own
    }
}
