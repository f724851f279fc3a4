/// The shop as its mails speak of it (config.toml `[mail]`, mail/signature.txt).
public struct MailShop: Sendable, Equatable {
    public var name: String
    public var signature: String
    /// 振込先, for the 銀行振込 block.
    public var bankAccount: String

    public init(name: String, signature: String = "", bankAccount: String = "") {
        self.name = name
        self.signature = signature
        self.bankAccount = bankAccount
    }
}
