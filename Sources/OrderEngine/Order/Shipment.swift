/// A shipping record of one package: tracking number, carrier and ship date.
public struct Shipment: Sendable, Hashable, Codable {
    /// Assigned by RMS; nil until RMS has accepted the record.
    public var shippingDetailID: Int?
    public var trackingNumber: String?
    public var carrier: Carrier?
    /// yyyy-MM-dd
    public var shippingDate: String?

    public init(shippingDetailID: Int?, trackingNumber: String?, carrier: Carrier?, shippingDate: String?) {
        self.shippingDetailID = shippingDetailID
        self.trackingNumber = trackingNumber
        self.carrier = carrier
        self.shippingDate = shippingDate
    }
}
