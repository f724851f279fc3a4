/// One package (RMS basket) of an order: where it goes, what is in it, and its fees.
public struct Package: Sendable, Hashable, Codable {
    public var basketID: Int
    public var destination: Contact
    public var items: [Item]
    /// 送料 of this package.
    public var postage: Money
    /// 代引手数料 of this package.
    public var cashOnDeliveryFee: Money
    public var deliveryName: String?
    public var shipments: [Shipment]
    /// のし, コンビニ受取, 置き配, a social gift's recipient 入力待ち (nil: none of them).
    public var handling: PackageHandling?

    public init(
        basketID: Int, destination: Contact, items: [Item], postage: Money,
        cashOnDeliveryFee: Money, deliveryName: String? = nil, shipments: [Shipment] = []
    ) {
        self.basketID = basketID
        self.destination = destination
        self.items = items
        self.postage = postage
        self.cashOnDeliveryFee = cashOnDeliveryFee
        self.deliveryName = deliveryName
        self.shipments = shipments
    }
}
