/// 税率ごとの合計と消費税額: what an invoice (納品書, 領収書) must show for each tax rate. Taken from
/// RMS's own per-rate summary (TaxSummaryModelList: 請求金額 and its tax, rounded by RMS once per
/// rate) whenever RMS has the order's amounts; worked out here only for an order entered by hand,
/// and then also rounded once per rate (切り捨て), never line by line (インボイス Q&A 問57).
public struct TaxBreakdown: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        /// 0.1, 0.08, 0 (非課税・対象外).
        public let rate: Double
        /// The tax-inclusive amount at this rate (RMS's reqPrice: goods, postage, fees, less coupons).
        public let amount: Int
        /// 消費税額 in it.
        public let tax: Int

        public init(rate: Double, amount: Int, tax: Int) {
            self.rate = rate
            self.amount = amount
            self.tax = tax
        }

        /// 「10%」「8%」.
        public var rateText: String { "\(Int((rate * 100).rounded()))%" }
        public var isReduced: Bool { Self.isReduced(rate) }

        /// 軽減税率 (8 %): the rate an invoice marks with ※.
        public static func isReduced(_ rate: Double) -> Bool { abs(rate - 0.08) < 0.0001 }
    }

    /// Highest rate first, as invoices list them.
    public let lines: [Line]
    /// Whether the figures are RMS's own (false: worked out here for an order entered by hand).
    public let fromRMS: Bool

    public var total: Int { lines.reduce(0) { $0 + $1.amount } }
    public var hasReducedRate: Bool { lines.contains(where: \.isReduced) }

    /// The order's breakdown, or why none can be printed: an amount RMS has not set, a change made
    /// here that RMS does not have yet, no summary from RMS.
    public static func of(_ order: Order) throws(SlipRefusal) -> TaxBreakdown {
        if order.fees.shipping.isUnset { throw SlipRefusal(.shippingFeeUnset) }
        if order.fees.cashOnDelivery.isUnset { throw SlipRefusal(.amountUnset("代引手数料")) }
        if order.fees.paymentCharge.isUnset { throw SlipRefusal(.amountUnset("決済手数料")) }
        if order.goodsPrice.isUnset { throw SlipRefusal(.amountUnset("商品合計")) }
        guard let rms = order.rmsAmounts else { return try computed(order) }
        if order.hasUnsentAmounts { throw SlipRefusal(.amountsNotInRMS) }
        if rms.request.isUnset || rms.additionalFee.isUnset { throw SlipRefusal(.amountUnset("請求金額")) }
        guard !rms.taxSummary.isEmpty else { throw SlipRefusal(.noTaxSummary) }
        var lines: [Line] = []
        for summary in rms.taxSummary {
            guard let amount = summary.request.yen, let tax = summary.requestTax.yen else {
                throw SlipRefusal(.amountUnset("税率別の請求金額（\(Line(rate: summary.rate, amount: 0, tax: 0).rateText)）"))
            }
            lines.append(Line(rate: summary.rate, amount: amount, tax: tax))
        }
        return TaxBreakdown(lines: lines.sorted { $0.rate > $1.rate }, fromRMS: true)
    }

    /// For an order entered here: items at their own rates; postage, fees and wrapping at 10 %, as
    /// RMS and the peers count them. A coupon's rate is not known here, so such an order is refused.
    static func computed(_ order: Order) throws(SlipRefusal) -> TaxBreakdown {
        guard order.couponTotal == 0 else { throw SlipRefusal(.noTaxSummary) }
        var amounts = goodsByRate(order.packages.flatMap(\.items))
        let fees = [order.fees.shipping, order.fees.cashOnDelivery, order.fees.paymentCharge].compactMap(\.yen).reduce(0, +)
        amounts[0.1, default: 0] += fees
        let lines = amounts.filter { $0.value != 0 }.map { rate, amount in
            Line(rate: rate, amount: amount, tax: floor(Double(amount) * rate / (1 + rate)))
        }
        return TaxBreakdown(lines: lines.sorted { $0.rate > $1.rate }, fromRMS: false)
    }

    /// The goods of `items` per tax rate, tax included: a tax-exclusive (税別) price gets its tax
    /// once for its rate (切り捨て), then counts as tax-inclusive. The one rule for an order entered
    /// here: its 商品合計 and its invoice's lines are both made by it.
    public static func goodsByRate(_ items: [Item]) -> [Double: Int] {
        var included: [Double: Int] = [:]
        var excluded: [Double: Int] = [:]
        for item in items {
            if item.includesTax { included[item.taxRate, default: 0] += item.lineTotal } else { excluded[item.taxRate, default: 0] += item.lineTotal }
        }
        var amounts = included
        for (rate, exclusive) in excluded { amounts[rate, default: 0] += exclusive + floor(Double(exclusive) * rate) }
        return amounts
    }

    /// 切り捨て, on whole yen; a hair above an integer from binary fractions is the integer.
    private static func floor(_ value: Double) -> Int { Int((value + 1e-9).rounded(.down)) }
}

/// Why a document cannot be made for an order, in the words of the plan's skip.
public struct SlipRefusal: Error, Sendable, CustomStringConvertible {
    public let reason: SkipReason
    public init(_ reason: SkipReason) { self.reason = reason }

    public var description: String { reason.text }
}
