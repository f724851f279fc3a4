import OrderEngine
import RakutenPay

/// How the sandbox behaves: its credentials, its shop, how fast RMS moves, and what goes wrong.
public struct SandboxConfiguration: Sendable {
    public var host = "127.0.0.1"
    /// 0 picks a free port.
    public var port = 0
    public var serviceSecret = "SP398211_sandbox"
    public var licenseKey = "SL398211_sandboxkey"
    /// After this date the key gives 401 ES01-01. Nil: never expires.
    public var keyExpires: RakutenDate?
    /// Requests per second before answering 429; 0 turns the limit off.
    public var requestsPerSecond: Double = 0
    /// Share of requests that meet a fault (500, 503, 429, latency, dropped connection, truncated body).
    public var faultRate: Double = 0
    /// Added to every answer.
    public var latencyMilliseconds = 0
    /// Answer every call with 503 API In Maintenance.
    public var maintenance = false
    /// Seconds after a confirmation until RMS shows 200 楽天処理中.
    public var secondsUntilProcessing: Double = 60
    /// Seconds after reaching 200 until RMS shows 300 発送待ち.
    public var secondsUntilDone: Double = 120
    /// Seconds from a cancellation (800) until RMS shows it confirmed (900).
    public var secondsUntilCancelled: Double = 60
    /// Seconds after an updateOrderShippingAsync until its results can be read.
    public var secondsUntilShippingResults: Double = 2
    /// Orders change by themselves every this many seconds (a new order may arrive, a customer
    /// may cancel); 0 keeps the shop still.
    public var lifeIntervalSeconds: Double = 0
    /// At each interval: the chance a new order arrives, and that a customer cancels one awaiting confirmation.
    public var newOrderChance = 0.5
    public var customerCancelChance = 0.05
    /// The delivery methods set up in the shop (updateOrderDelivery accepts only these).
    public var deliveryNames = DeliveryDetails.commonMethods
    public var seed: UInt64 = 1
    public var orderCount = 200
    public var shopID = "398211"

    public init() {}

    /// The settings a client needs to talk to this sandbox at `baseURL`.
    public func clientConfiguration(baseURL: String, requestsPerSecond: Double = 1) -> RakutenPayConfiguration {
        RakutenPayConfiguration(
            baseURL: baseURL,
            credentials: RakutenPayCredentials(serviceSecret: serviceSecret, licenseKey: licenseKey),
            requestsPerSecond: requestsPerSecond)
    }
}
