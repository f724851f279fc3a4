import CustomerMail

/// Everything sending mail needs beyond the templates: the relay, the shop's addresses, the
/// hold time. From, the envelope sender and every Bcc must be addresses the shop has registered
/// in RMS: the relay refuses others (552), so they are refused here before anything is sent.
/// Orders the shop took itself (電話・FAX・店舗) go by a second route, the shop's own server
/// (``ownServer``): Rakuten's relay delivers to Rakuten buyers' addresses only.
public struct MailSettings: Sendable, Equatable {
    public var smtp: SMTPSettings
    public var from: MailAddress
    public var bcc: [String]
    /// The addresses registered in RMS (店舗連絡先, 注文確認メール送り先, 資料請求確認メール送り先).
    public var registered: [String]
    /// No mail to an order younger than this: the buyer may still cancel.
    public var holdMinutes: Int
    public var shop: MailShop
    /// The shop's own mail server, for the orders it took itself (`[mail.own_server]`); nil: such
    /// orders are not mailed.
    public var ownServer: MailRoute?

    public init(
        smtp: SMTPSettings, from: MailAddress, bcc: [String] = [], registered: [String], holdMinutes: Int = 30, shop: MailShop,
        ownServer: MailRoute? = nil
    ) {
        self.ownServer = ownServer
        self.smtp = smtp
        self.from = from
        self.bcc = bcc
        self.registered = registered
        self.holdMinutes = holdMinutes
        self.shop = shop
    }

    /// What keeps these settings from sending, in the operator's words; nil when they can.
    public var problem: String? {
        let registered = Set(self.registered.map { $0.lowercased() })
        if registered.isEmpty { return "RMSに登録したメールアドレス（[mail] registered）がありません" }
        if !registered.contains(from.address.lowercased()) {
            return "差出人 \(from.address) はRMSに登録したアドレス（[mail] registered）にありません。楽天のメールサーバは受け付けません"
        }
        if let stray = bcc.first(where: { !registered.contains($0.lowercased()) }) {
            return "Bcc \(stray) はRMSに登録したアドレス（[mail] registered）にありません。楽天のメールサーバは受け付けません"
        }
        return nil
    }
}

/// A server mail goes through besides Rakuten's relay, with the sender it takes (the shop's own
/// address there, not one RMS registered).
public struct MailRoute: Sendable, Equatable {
    public var smtp: SMTPSettings
    public var from: MailAddress
    public var bcc: [String]

    public init(smtp: SMTPSettings, from: MailAddress, bcc: [String] = []) {
        self.smtp = smtp
        self.from = from
        self.bcc = bcc
    }
}
