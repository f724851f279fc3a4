/// updateOrderOrderer request (§9.4).
public struct UpdateOrderOrdererRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var reductionReason: Int?
    public var ordererModel: OrdererModel

    enum CodingKeys: String, CodingKey {
        case orderNumber, reductionReason
        case ordererModel = "OrdererModel"
    }

    public init(orderNumber: String, reductionReason: Int? = nil, ordererModel: OrdererModel) {
        self.orderNumber = orderNumber
        self.reductionReason = reductionReason
        self.ordererModel = ordererModel
    }
}

/// updateOrderDelivery request (§9.3): a delivery method set up in the shop.
public struct UpdateOrderDeliveryRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var deliveryName: String

    public init(orderNumber: String, deliveryName: String) {
        self.orderNumber = orderNumber
        self.deliveryName = deliveryName
    }
}

/// updateOrderMemo request (§9.1): fields left nil stay as they are.
public struct UpdateOrderMemoRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var subStatusId: Int?
    public var deliveryClass: Int?
    public var deliveryDate: RakutenDate?
    public var shippingTerm: Int?
    /// ≤ 1000 characters.
    public var memo: String?
    /// ≤ 6 characters.
    public var `operator`: String?
    public var mailPlugSentence: String?

    public init(
        orderNumber: String, subStatusId: Int? = nil, deliveryClass: Int? = nil, deliveryDate: RakutenDate? = nil,
        shippingTerm: Int? = nil, memo: String? = nil, operator: String? = nil, mailPlugSentence: String? = nil
    ) {
        self.orderNumber = orderNumber
        self.subStatusId = subStatusId
        self.deliveryClass = deliveryClass
        self.deliveryDate = deliveryDate
        self.shippingTerm = shippingTerm
        self.memo = memo
        self.operator = `operator`
        self.mailPlugSentence = mailPlugSentence
    }

    enum CodingKeys: String, CodingKey {
        case orderNumber, subStatusId, deliveryClass, deliveryDate, shippingTerm, memo, `operator`, mailPlugSentence
    }

    /// The official sample sends `subStatusId` and `deliveryClass` as strings ("3601", "2"); so
    /// does this client. Either form is read.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(orderNumber, forKey: .orderNumber)
        try container.encodeIfPresent(subStatusId.map(String.init), forKey: .subStatusId)
        try container.encodeIfPresent(deliveryClass.map(String.init), forKey: .deliveryClass)
        try container.encodeIfPresent(deliveryDate, forKey: .deliveryDate)
        try container.encodeIfPresent(shippingTerm, forKey: .shippingTerm)
        try container.encodeIfPresent(memo, forKey: .memo)
        try container.encodeIfPresent(`operator`, forKey: .operator)
        try container.encodeIfPresent(mailPlugSentence, forKey: .mailPlugSentence)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func number(_ key: CodingKeys) throws -> Int? {
            if let value = try? container.decodeIfPresent(Int.self, forKey: key) { return value }
            guard let text = try container.decodeIfPresent(String.self, forKey: key) else { return nil }
            guard let value = Int(text) else {
                throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "「\(text)」は数値ではありません")
            }
            return value
        }
        orderNumber = try container.decode(String.self, forKey: .orderNumber)
        subStatusId = try number(.subStatusId)
        deliveryClass = try number(.deliveryClass)
        deliveryDate = try container.decodeIfPresent(RakutenDate.self, forKey: .deliveryDate)
        shippingTerm = try container.decodeIfPresent(Int.self, forKey: .shippingTerm)
        memo = try container.decodeIfPresent(String.self, forKey: .memo)
        `operator` = try container.decodeIfPresent(String.self, forKey: .operator)
        mailPlugSentence = try container.decodeIfPresent(String.self, forKey: .mailPlugSentence)
    }
}

/// updateOrderRemarks request (§9.2): `giftCheck` and/or `remarks`.
public struct UpdateOrderRemarksRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var giftCheck: Int?
    /// ≤ 4000 characters; newlines allowed.
    public var remarks: String?

    public init(orderNumber: String, giftCheck: Int? = nil, remarks: String? = nil) {
        self.orderNumber = orderNumber
        self.giftCheck = giftCheck
        self.remarks = remarks
    }
}

/// updateOrderSubStatus request (§9.6): `subStatusId` null takes the sub-status off; up to 100 orders.
public struct UpdateOrderSubStatusRequest: Sendable, Hashable, Codable {
    public var subStatusId: Int?
    public var orderNumberList: [String]

    public init(subStatusId: Int?, orderNumberList: [String]) {
        self.subStatusId = subStatusId
        self.orderNumberList = orderNumberList
    }

    enum CodingKeys: String, CodingKey { case subStatusId, orderNumberList }

    /// `subStatusId` is always sent: null is RMS's way to take it off.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(subStatusId, forKey: .subStatusId)
        try container.encode(orderNumberList, forKey: .orderNumberList)
    }
}
