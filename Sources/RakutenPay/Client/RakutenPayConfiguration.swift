import Foundation

/// Where and how the client talks to RMS.
public struct RakutenPayConfiguration: Sendable {
    /// `https://api.rms.rakuten.co.jp`; the sandbox sets a loopback URL.
    public var baseURL: String
    public var credentials: RakutenPayCredentials
    /// Requests per second for this licence key, shared by every call (the API's guideline: 1).
    public var requestsPerSecond: Double
    /// getOrder `version`.
    public var getOrderVersion: Int
    /// Per request.
    public var requestTimeoutSeconds: Int64
    /// How many times a read is tried before its error is reported.
    public var readAttempts: Int
    /// Seconds to wait before the first retry of a read; doubled each time.
    public var retryBackoffSeconds: Double
    /// How long RMS may take to apply an async write it accepted (updateOrderShippingAsync): a
    /// report whose requestId was never heard is not judged by reading the orders sooner.
    public var asyncApplySeconds: Double = 600
    /// The file through which every process on the host shares this key's requests per second
    /// (``SharedRateBudget``); nil: this process only.
    public var sharedBudgetPath: String?

    public static let productionBaseURL = "https://api.rms.rakuten.co.jp"

    public init(
        baseURL: String = RakutenPayConfiguration.productionBaseURL,
        credentials: RakutenPayCredentials,
        requestsPerSecond: Double = 1,
        getOrderVersion: Int = GetOrderRequest.newestVersion,
        requestTimeoutSeconds: Int64 = 30,
        readAttempts: Int = 4,
        retryBackoffSeconds: Double = 1
    ) {
        self.baseURL = baseURL
        self.credentials = credentials
        self.requestsPerSecond = requestsPerSecond
        self.getOrderVersion = getOrderVersion
        self.requestTimeoutSeconds = requestTimeoutSeconds
        self.readAttempts = readAttempts
        self.retryBackoffSeconds = retryBackoffSeconds
    }

    /// `<base>/es/2.0/order/<function>/`; the licence key's expiry at
    /// `<base>/es/1.0/license-management/license-key/expiry-date?licenseKey=<key>`.
    func url(for function: APIFunction) -> String {
        var base = baseURL
        while base.hasSuffix("/") { base.removeLast() }
        if function == .licenseKeyExpiryDate {
            let key = credentials.licenseKey.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? credentials.licenseKey
            return "\(base)/es/1.0/license-management/license-key/expiry-date?licenseKey=\(key)"
        }
        return "\(base)/es/2.0/order/\(function.rawValue)/"
    }
}

/// The shop's serviceSecret and licenseKey. Never printed in full.
public struct RakutenPayCredentials: Sendable, Hashable, CustomStringConvertible {
    public var serviceSecret: String
    public var licenseKey: String

    public init(serviceSecret: String, licenseKey: String) {
        self.serviceSecret = serviceSecret
        self.licenseKey = licenseKey
    }

    /// `ESA base64(serviceSecret:licenseKey)`
    public var authorizationHeader: String {
        "ESA " + Base64.encode(Array("\(serviceSecret):\(licenseKey)".utf8))
    }

    /// The key with all but its last four characters hidden: `****…a1b2`.
    public static func masked(_ secret: String) -> String {
        secret.count <= 4 ? String(repeating: "*", count: secret.count) : "****…" + secret.suffix(4)
    }

    public var description: String {
        "serviceSecret=\(Self.masked(serviceSecret)) licenseKey=\(Self.masked(licenseKey))"
    }
}
