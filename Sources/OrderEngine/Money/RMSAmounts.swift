/// An order's amounts as RMS itself gives them (getOrder, rpay-api.md §4.3 and §5), kept as sent:
/// the desk shows RMS's figures and recomputes only for the operator's own unsent changes.
public struct RMSAmounts: Sendable, Hashable, Codable {
    /// 商品合計: goods and wrapping (goodsPrice).
    public var goods: Money
    /// 送料 (postagePrice).
    public var postage: Money
    /// 代引手数料 (deliveryPrice).
    public var cashOnDelivery: Money
    /// 決済手数料 (paymentCharge).
    public var paymentCharge: Money
    /// 合計金額: goods, postage and wrapping (totalPrice).
    public var total: Money
    /// 請求金額: what the buyer pays, after coupons and points (requestPrice).
    public var request: Money
    /// クーポン利用額, all coupons (couponAllTotalPrice).
    public var coupons: Int
    /// ポイント利用額 (PointModel.usedPoint).
    public var points: Int
    /// 後払い手数料 charged to the buyer (additionalFeeOccurAmountToUser).
    public var additionalFee: Money
    /// ラッピング (WrappingModel1, WrappingModel2), each with its price.
    public var wrappings: [Wrapping]
    /// 税率ごとの合計 (TaxSummaryModelList).
    public var taxSummary: [TaxLine]

    public struct Wrapping: Sendable, Hashable, Codable {
        /// 包装紙 or リボン (title 1 / 2).
        public var kind: String
        public var name: String
        public var price: Money

        public init(kind: String, name: String, price: Money) {
            self.kind = kind
            self.name = name
            self.price = price
        }

        /// What the packer reads: RMS's name for it (「包装紙（赤）」), with its kind when the name
        /// does not say it (「リボン 金」).
        public var label: String {
            name.isEmpty ? kind : name.contains(kind) ? name : "\(kind) \(name)"
        }
    }

    public struct TaxLine: Sendable, Hashable, Codable {
        public var rate: Double
        /// 請求金額 at this rate, and the tax in it.
        public var request: Money
        public var requestTax: Money
        public var total: Money
        public var paymentCharge: Money
        public var coupons: Money
        public var points: Money

        public init(rate: Double, request: Money, requestTax: Money, total: Money, paymentCharge: Money, coupons: Money, points: Money) {
            self.rate = rate
            self.request = request
            self.requestTax = requestTax
            self.total = total
            self.paymentCharge = paymentCharge
            self.coupons = coupons
            self.points = points
        }
    }

    public init(
        goods: Money, postage: Money, cashOnDelivery: Money, paymentCharge: Money, total: Money, request: Money,
        coupons: Int, points: Int, additionalFee: Money, wrappings: [Wrapping] = [], taxSummary: [TaxLine] = []
    ) {
        self.goods = goods
        self.postage = postage
        self.cashOnDelivery = cashOnDelivery
        self.paymentCharge = paymentCharge
        self.total = total
        self.request = request
        self.coupons = coupons
        self.points = points
        self.additionalFee = additionalFee
        self.wrappings = wrappings
        self.taxSummary = taxSummary
    }

    /// The fees as RMS holds them.
    public var fees: Fees { Fees(shipping: postage, cashOnDelivery: cashOnDelivery, paymentCharge: paymentCharge) }

    /// ラッピング料金, every wrapping together.
    public var wrappingTotal: Money { Money.sum(wrappings.map(\.price)) }

    /// 総合計 as RMS's own screen computes it (rpay-api.md §4.3): totalPrice − coupons + COD fee
    /// + payment fee + 後払い手数料.
    public var grandTotal: Money { total - .yen(coupons) + cashOnDelivery + paymentCharge + additionalFee }
}
