/// An order's progress in RMS (orderProgress): 100 注文確認待ち ... 900 キャンセル確定.
public struct RMSProgress: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let code: Int

    public init(code: Int) { self.code = code }

    public static let awaitingConfirmation = RMSProgress(code: 100)
    public static let rakutenProcessing = RMSProgress(code: 200)
    public static let awaitingShipment = RMSProgress(code: 300)
    public static let awaitingChangeConfirmation = RMSProgress(code: 400)
    public static let shipped = RMSProgress(code: 500)
    public static let paymentProcessing = RMSProgress(code: 600)
    public static let paymentDone = RMSProgress(code: 700)
    public static let awaitingCancellation = RMSProgress(code: 800)
    public static let cancelled = RMSProgress(code: 900)

    public static let all: [RMSProgress] = [
        .awaitingConfirmation, .rakutenProcessing, .awaitingShipment, .awaitingChangeConfirmation,
        .shipped, .paymentProcessing, .paymentDone, .awaitingCancellation, .cancelled,
    ]

    /// The label RMS shows.
    public var label: String {
        switch code {
        case 100: "注文確認待ち"
        case 200: "楽天処理中"
        case 300: "発送待ち"
        case 400: "変更確定待ち"
        case 500: "発送済"
        case 600: "支払手続き中"
        case 700: "支払手続き済"
        case 800: "キャンセル確定待ち"
        case 900: "キャンセル確定"
        default: "不明(\(code))"
        }
    }

    public var description: String { "\(code) \(label)" }

    /// Rakuten has accepted the confirmation and finished its side: the shop may go on (楽天処理済).
    public var isPastRakutenProcessing: Bool { code >= 300 && code < 800 }
    public var isCancelling: Bool { code == 800 || code == 900 }
    /// RMS takes a cancellation (cancelOrder) or an edit (updateOrderSender) only before shipping:
    /// at 100, 200 and 300.
    public var acceptsChanges: Bool { [100, 200, 300].contains(code) }

    public static func < (lhs: RMSProgress, rhs: RMSProgress) -> Bool { lhs.code < rhs.code }

    public init(from decoder: any Decoder) throws {
        code = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(code)
    }
}
