/// The shop's own status of an order (受注ステータス), as peers have them. The list is configurable.
public struct LocalStatus: Sendable, Hashable, Codable, CustomStringConvertible {
    public let name: String

    public init(_ name: String) { self.name = name }

    public var description: String { name }

    public static let newOrder = LocalStatus("新規受付")
    public static let newOrderMailed = LocalStatus("新規受付メール済み")
    public static let awaitingPayment = LocalStatus("入金待ち")
    public static let awaitingShipment = LocalStatus("出荷待ち")
    public static let shipped = LocalStatus("出荷済み")
    public static let onHold = LocalStatus("保留")
    public static let cancelled = LocalStatus("キャンセル")

    /// The default list, in the order the desk shows its tabs.
    public static let defaults: [LocalStatus] = [
        .newOrder, .newOrderMailed, .awaitingPayment, .awaitingShipment, .shipped, .onHold, .cancelled,
    ]

    public init(from decoder: any Decoder) throws {
        name = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(name)
    }
}
