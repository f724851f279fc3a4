/// The functions of 楽天ペイ受注API, by their path name.
public enum APIFunction: String, Sendable, CaseIterable {
    case searchOrder
    case getOrder
    case confirmOrder
    case cancelOrder
    case updateOrderShipping
    case updateOrderShippingAsync
    case getResultUpdateOrderShippingAsync
    case updateOrderSender
    case updateOrderSenderAfterShipping
    case updateOrderOrderer
    case updateOrderDelivery
    case updateOrderMemo
    case updateOrderRemarks
    case getPayment
    case getSubStatusList
    case updateOrderSubStatus
    /// LicenseManagementAPI (es/1.0, GET): the licenceKey's expiry. Not an order function; it
    /// shares the key's budget and its errors.
    case licenseKeyExpiryDate = "license-key/expiry-date"

    /// Reads may be retried; writes never are, blindly.
    public var isRead: Bool {
        switch self {
        case .searchOrder, .getOrder, .getResultUpdateOrderShippingAsync, .getPayment, .getSubStatusList, .licenseKeyExpiryDate: true
        default: false
        }
    }
}
