/// How the order is paid (§4.4).
public struct SettlementModel: Sendable, Hashable, Codable {
    /// 1 クレジットカード, 2 代金引換, 9 銀行振込... (§10.4). Absent in old responses.
    public var settlementMethodCode: Int?
    public var settlementMethod: String
    public var rpaySettlementFlag: Int?
    public var cardName: String?
    public var cardNumber: String?
    public var cardOwner: String?
    public var cardYm: String?
    public var cardPayType: Int?
    public var cardInstallmentDesc: String?

    public init(
        settlementMethodCode: Int?, settlementMethod: String, rpaySettlementFlag: Int?,
        cardName: String? = nil, cardNumber: String? = nil, cardOwner: String? = nil, cardYm: String? = nil,
        cardPayType: Int? = nil, cardInstallmentDesc: String? = nil
    ) {
        self.settlementMethodCode = settlementMethodCode
        self.settlementMethod = settlementMethod
        self.rpaySettlementFlag = rpaySettlementFlag
        self.cardName = cardName
        self.cardNumber = cardNumber
        self.cardOwner = cardOwner
        self.cardYm = cardYm
        self.cardPayType = cardPayType
        self.cardInstallmentDesc = cardInstallmentDesc
    }

    /// The methods RMS lists, by code (§10.4).
    public static let methodNames: [Int: String] = [
        1: "クレジットカード", 2: "代金引換", 4: "ショッピングクレジット／ローン", 5: "オートローン", 6: "リース",
        7: "請求書払い", 8: "ポイント", 9: "銀行振込", 12: "Apple Pay", 13: "セブンイレブン（前払）",
        14: "ファミリーマート、ローソン等（前払）", 16: "Alipay", 17: "PayPal", 21: "後払い決済", 27: "Alipay（支付宝）",
    ]
}
