/// confirmOrder request (§6): at most 100 numbers; the answer has one message per order.
public struct ConfirmOrderRequest: Sendable, Hashable, Codable {
    public var orderNumberList: [String]

    public init(orderNumberList: [String]) { self.orderNumberList = orderNumberList }

    public static let maximumOrders = 100
}

/// The message codes of confirmOrder.
public enum ConfirmOrderCode {
    public static let success = "ORDER_EXT_API_CONFIRM_ORDER_INFO_101"
    /// The order was cancelled.
    public static let cancelled = "ORDER_EXT_API_CONFIRM_ORDER_ERROR_102"
    /// The order has moved past 注文確認待ち (already confirmed).
    public static let notAwaiting = "ORDER_EXT_API_CONFIRM_ORDER_ERROR_103"
    /// postagePrice is still -9999.
    public static let postageUnset = "ORDER_EXT_API_CONFIRM_ORDER_ERROR_105"
}
