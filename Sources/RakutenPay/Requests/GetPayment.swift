/// getPayment request (§9.7): `version` required since 2021-04.
public struct GetPaymentRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var version: Int

    public init(orderNumber: String, version: Int = 4) {
        self.orderNumber = orderNumber
        self.version = version
    }
}

/// getPayment response. The container's key is not verified (rpay-api.md §15): both
/// `OrderModel` and `PaymentOrderModel` are read.
public struct GetPaymentResponse: Sendable, Hashable, Codable {
    public var messages: [MessageModel]
    public var order: PaymentOrderModel?

    enum CodingKeys: String, CodingKey {
        case messages = "MessageModelList"
        case order = "OrderModel"
        case paymentOrder = "PaymentOrderModel"
    }

    public init(messages: [MessageModel], order: PaymentOrderModel?) {
        self.messages = messages
        self.order = order
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        messages = try container.decode([MessageModel].self, forKey: .messages)
        order = try container.decodeIfPresent(PaymentOrderModel.self, forKey: .order)
            ?? container.decodeIfPresent(PaymentOrderModel.self, forKey: .paymentOrder)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(messages, forKey: .messages)
        try container.encodeIfPresent(order, forKey: .order)
    }
}

public struct PaymentOrderModel: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var payments: [PaymentModel]

    enum CodingKeys: String, CodingKey {
        case orderNumber
        case payments = "PaymentModelList"
    }

    public init(orderNumber: String, payments: [PaymentModel]) {
        self.orderNumber = orderNumber
        self.payments = payments
    }
}

/// One payment of an order. Only the fields the desk shows are modelled; the rest are ignored.
public struct PaymentModel: Sendable, Hashable, Codable {
    /// `502763-20171027-00006701-1`
    public var orderPaymentNumber: String
    /// A settlementMethodCode (§10.4).
    public var paymentMethod: Int
    public var paymentAmount: Int
    public var paymentCharge: Int?
    /// 30000 決済なし, 30100 決済手続き待ち, 30600 決済確定, 31500 決済取消完了...
    public var paymentStatus: Int

    public init(orderPaymentNumber: String, paymentMethod: Int, paymentAmount: Int, paymentCharge: Int?, paymentStatus: Int) {
        self.orderPaymentNumber = orderPaymentNumber
        self.paymentMethod = paymentMethod
        self.paymentAmount = paymentAmount
        self.paymentCharge = paymentCharge
        self.paymentStatus = paymentStatus
    }
}

/// getSubStatusList response (§9.6): the shop's own sub-statuses per RMS progress.
public struct GetSubStatusListResponse: Sendable, Hashable, Codable {
    public var messages: [MessageModel]
    public var statuses: [StatusModel]

    enum CodingKeys: String, CodingKey {
        case messages = "MessageModelList"
        case statuses = "StatusModelList"
    }

    public init(messages: [MessageModel], statuses: [StatusModel]) {
        self.messages = messages
        self.statuses = statuses
    }
}

public struct StatusModel: Sendable, Hashable, Codable {
    public var orderProgress: Int
    public var subStatuses: [SubStatusModel]

    enum CodingKeys: String, CodingKey {
        case orderProgress
        case subStatuses = "SubStatusModelList"
    }

    public init(orderProgress: Int, subStatuses: [SubStatusModel]) {
        self.orderProgress = orderProgress
        self.subStatuses = subStatuses
    }
}

public struct SubStatusModel: Sendable, Hashable, Codable {
    public var subStatusId: Int
    public var subStatusName: String
    public var orderby: Int

    public init(subStatusId: Int, subStatusName: String, orderby: Int) {
        self.subStatusId = subStatusId
        self.subStatusName = subStatusName
        self.orderby = orderby
    }
}
