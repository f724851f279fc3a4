/// updateOrderShipping request (§8.1): shipping records of one order, per basket.
public struct UpdateOrderShippingRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var basketidModelList: [BasketidModel]

    enum CodingKeys: String, CodingKey {
        case orderNumber
        // Note the casing: "Basketid" with a lower-case "id".
        case basketidModelList = "BasketidModelList"
    }

    public init(orderNumber: String, basketidModelList: [BasketidModel]) {
        self.orderNumber = orderNumber
        self.basketidModelList = basketidModelList
    }
}

public struct BasketidModel: Sendable, Hashable, Codable {
    public var basketId: Int
    public var shippingModelList: [ShippingUpdateModel]

    enum CodingKeys: String, CodingKey {
        case basketId
        case shippingModelList = "ShippingModelList"
    }

    public init(basketId: Int, shippingModelList: [ShippingUpdateModel]) {
        self.basketId = basketId
        self.shippingModelList = shippingModelList
    }
}

/// One shipping record to add (no `shippingDetailId`), change, or delete (`shippingDeleteFlag` 1).
/// A key left out leaves the value unchanged; an empty string deletes it.
public struct ShippingUpdateModel: Sendable, Hashable, Codable {
    public var shippingDetailId: Int?
    /// A deliveryCompany code such as "1001" (§10.3).
    public var deliveryCompany: String
    public var shippingNumber: String?
    /// yyyy-MM-dd, or "" to delete.
    public var shippingDate: String?
    public var shippingDeleteFlag: Int?

    public init(
        shippingDetailId: Int? = nil, deliveryCompany: String, shippingNumber: String? = nil,
        shippingDate: String? = nil, shippingDeleteFlag: Int? = nil
    ) {
        self.shippingDetailId = shippingDetailId
        self.deliveryCompany = deliveryCompany
        self.shippingNumber = shippingNumber
        self.shippingDate = shippingDate
        self.shippingDeleteFlag = shippingDeleteFlag
    }
}

/// updateOrderShippingAsync request (§8.2): up to 100 orders, each once.
public struct UpdateOrderShippingAsyncRequest: Sendable, Hashable, Codable {
    public var orderShippingModelList: [UpdateOrderShippingRequest]

    enum CodingKeys: String, CodingKey {
        case orderShippingModelList = "OrderShippingModelList"
    }

    public init(orderShippingModelList: [UpdateOrderShippingRequest]) {
        self.orderShippingModelList = orderShippingModelList
    }

    public static let maximumOrders = 100
}

/// getResultUpdateOrderShippingAsync request (§8.3).
public struct GetResultUpdateOrderShippingAsyncRequest: Sendable, Hashable, Codable {
    public var requestId: String
    public init(requestId: String) { self.requestId = requestId }
}

/// getResultUpdateOrderShippingAsync response: the messages of each order of the request; one
/// element without an order number while the request is unknown, still running, or expired.
public struct GetResultUpdateOrderShippingAsyncResponse: Sendable, Hashable, Codable {
    public struct Result: Sendable, Hashable, Codable {
        public var orderNumber: String?
        public var messages: [MessageModel]

        enum CodingKeys: String, CodingKey {
            case orderNumber
            case messages = "MessageModelList"
        }

        public init(orderNumber: String?, messages: [MessageModel]) {
            self.orderNumber = orderNumber
            self.messages = messages
        }
    }

    public var results: [Result]

    enum CodingKeys: String, CodingKey {
        case results = "ResultShippingModelList"
    }

    public init(results: [Result]) { self.results = results }

    /// True when RMS holds no result for the id (yet): INFO_101 without an order number.
    public var isPendingOrUnknown: Bool {
        results.count == 1 && results[0].orderNumber == nil
            && results[0].messages.first?.messageCode == "ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_INFO_101"
    }
}
