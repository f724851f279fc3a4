/// One entry of `MessageModelList`: every response carries them; batch calls give one per order.
public struct MessageModel: Sendable, Hashable, Codable {
    /// INFO, WARNING or ERROR.
    public var messageType: String
    /// `ORDER_EXT_API_<FUNCTION>_<INFO|WARNING|ERROR>_<nnn>`.
    public var messageCode: String
    public var message: String
    public var orderNumber: String?
    /// updateOrderShipping: 1-based position of the shipping entry.
    public var dataNumber: Int?
    public var shippingDetailId: Int?
    /// updateOrderShippingAsync: the id to ask for the result with.
    public var requestId: String?

    public init(
        messageType: String, messageCode: String, message: String, orderNumber: String? = nil,
        dataNumber: Int? = nil, shippingDetailId: Int? = nil, requestId: String? = nil
    ) {
        self.messageType = messageType
        self.messageCode = messageCode
        self.message = message
        self.orderNumber = orderNumber
        self.dataNumber = dataNumber
        self.shippingDetailId = shippingDetailId
        self.requestId = requestId
    }

    public var isError: Bool { messageType == "ERROR" }
    public var isInfo: Bool { messageType == "INFO" }

    public static func info(_ code: String, _ message: String, orderNumber: String? = nil) -> MessageModel {
        MessageModel(messageType: "INFO", messageCode: code, message: message, orderNumber: orderNumber)
    }

    public static func error(_ code: String, _ message: String, orderNumber: String? = nil) -> MessageModel {
        MessageModel(messageType: "ERROR", messageCode: code, message: message, orderNumber: orderNumber)
    }
}

/// The body most functions answer with when only messages matter.
public struct MessageResponse: Sendable, Hashable, Codable {
    public var messages: [MessageModel]

    public init(messages: [MessageModel]) { self.messages = messages }

    enum CodingKeys: String, CodingKey {
        case messages = "MessageModelList"
    }
}
