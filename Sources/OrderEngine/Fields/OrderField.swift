/// A field of an order that actions change and the journal records, by name.
public enum OrderField: String, Sendable, Hashable, Codable, CaseIterable {
    case localStatus
    case sync
    case rmsProgress
    case shippingFee
    case cashOnDeliveryFee
    case paymentCharge
    case bundle

    /// The operator's name for the field.
    public var label: String {
        switch self {
        case .localStatus: "受注ステータス"
        case .sync: "連携状態"
        case .rmsProgress: "RMSステータス"
        case .shippingFee: "送料"
        case .cashOnDeliveryFee: "代引手数料"
        case .paymentCharge: "決済手数料"
        case .bundle: "同梱"
        }
    }

    public func value(in order: Order) -> FieldValue {
        switch self {
        case .localStatus: .text(order.localStatus.name)
        case .sync: .sync(order.sync)
        case .rmsProgress: .progress(order.rmsProgress)
        case .shippingFee: .money(order.fees.shipping)
        case .cashOnDeliveryFee: .money(order.fees.cashOnDelivery)
        case .paymentCharge: .money(order.fees.paymentCharge)
        case .bundle: .text(order.bundleID?.rawValue)
        }
    }

    /// Writes `value` into `order`; fails when the value is not of this field's kind.
    public func set(_ value: FieldValue, in order: inout Order) throws(FieldValueMismatch) {
        switch (self, value) {
        case (.localStatus, .text(let name?)): order.localStatus = LocalStatus(name)
        case (.sync, .sync(let state)): order.sync = state
        case (.rmsProgress, .progress(let progress)): order.rmsProgress = progress
        case (.shippingFee, .money(let money)): order.fees.shipping = money
        case (.cashOnDeliveryFee, .money(let money)): order.fees.cashOnDelivery = money
        case (.paymentCharge, .money(let money)): order.fees.paymentCharge = money
        case (.bundle, .text(let id)): order.bundleID = id.map(BundleID.init)
        default: throw FieldValueMismatch(field: self, value: value)
        }
    }
}

public struct FieldValueMismatch: Error, Sendable, CustomStringConvertible {
    public let field: OrderField
    public let value: FieldValue
    public var description: String { "\(field.label)に\(value.displayText)は設定できません" }
}
