/// The fees of an order that operators correct (手数料, 送料) and that RMS may leave unset.
public struct Fees: Sendable, Hashable, Codable {
    /// 送料: the sum of every package's postage. Unset (-9999 in RMS) until the shop fixes it.
    public var shipping: Money
    /// 代引手数料 (RMS deliveryPrice).
    public var cashOnDelivery: Money
    /// 決済手数料 (RMS paymentCharge).
    public var paymentCharge: Money

    public init(shipping: Money, cashOnDelivery: Money, paymentCharge: Money) {
        self.shipping = shipping
        self.cashOnDelivery = cashOnDelivery
        self.paymentCharge = paymentCharge
    }

    public var isAnyUnset: Bool { shipping.isUnset || cashOnDelivery.isUnset || paymentCharge.isUnset }

    /// One fee by its kind, as the panel and the edit form name them.
    public subscript(kind: WriteFeeAction.Kind) -> Money {
        get {
            switch kind {
            case .shipping: shipping
            case .cashOnDelivery: cashOnDelivery
            case .paymentCharge: paymentCharge
            }
        }
        set {
            switch kind {
            case .shipping: shipping = newValue
            case .cashOnDelivery: cashOnDelivery = newValue
            case .paymentCharge: paymentCharge = newValue
            }
        }
    }
}
