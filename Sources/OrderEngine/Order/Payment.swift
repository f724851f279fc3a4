/// How the customer pays (RMS SettlementModel).
public struct Payment: Sendable, Hashable, Codable {
    /// RMS settlementMethodCode: 1 クレジットカード, 2 代金引換, 9 銀行振込...
    public var methodCode: Int?
    public var methodName: String
    /// `XXXX-XXXX-XXXX-0015` for cards; never more than RMS shows.
    public var cardNumber: String?
    public var cardName: String?

    public init(methodCode: Int?, methodName: String, cardNumber: String? = nil, cardName: String? = nil) {
        self.methodCode = methodCode
        self.methodName = methodName
        self.cardNumber = cardNumber
        self.cardName = cardName
    }

    public var isCashOnDelivery: Bool { methodCode == 2 }
}

extension Payment {
    /// 後払い (3, removed from getOrder in v6.7) and 後払い決済 (21): the buyer pays the 後払い company later.
    public var isDeferred: Bool { methodCode == 3 || methodCode == 21 }
}
