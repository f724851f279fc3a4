/// Where and how mail is submitted: config.toml `[mail]`. Rakuten's relay is
/// `sub.fw.rakuten.ne.jp:587` with STARTTLS and SMTP AUTH (shipping-mail-slips.md §3.1).
public struct SMTPSettings: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var username: String
    public var password: String
    /// STARTTLS required (the relay's rule); off only for a test server on loopback.
    public var startTLS: Bool
    /// A PEM file of the CA to trust instead of the system's (a test server's certificate).
    public var caFile: String?
    /// How long one reply may take.
    public var timeoutSeconds: Int64

    public init(host: String = "sub.fw.rakuten.ne.jp", port: Int = 587, username: String, password: String,
                startTLS: Bool = true, caFile: String? = nil, timeoutSeconds: Int64 = 60) {
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.startTLS = startTLS
        self.caFile = caFile
        self.timeoutSeconds = timeoutSeconds
    }
}
