import struct Foundation.Date

/// An order as the desk works with it: what RMS sent, mapped, plus the shop's own state.
public struct Order: Sendable, Hashable, Codable, Identifiable {
    public var number: OrderNumber
    public var origin: OrderOrigin
    public var orderedAt: Date
    public var rmsProgress: RMSProgress
    public var localStatus: LocalStatus
    public var sync: SyncState
    public var orderer: Contact
    public var packages: [Package]
    public var payment: Payment
    public var fees: Fees
    /// 商品合計 (goods and wrapping, tax included as RMS totals it).
    public var goodsPrice: Money
    public var couponTotal: Int
    public var coupons: [Coupon]
    public var pointsUsed: Int
    /// Set when the order is bundled (同梱) with others in the desk: the id they share.
    public var bundleID: BundleID?
    /// shopOrderCfmDatetime: when RMS recorded the shop's confirmation.
    public var confirmedAt: Date?
    /// 備考: the buyer's comments.
    public var remarks: String?
    /// RMS's メール差込文 (mailPlugSentence): the shop's message to the buyer, for its mails.
    public var mailPlugSentence: String?
    /// ひとことメモ.
    public var memo: String?
    /// The shop's own marks (チェック項目): メール便 and others.
    public var flags: Set<String> = []
    /// Dates the shop keeps (入金日, 出荷日...).
    public var dates: [DateField: CalendarDate] = [:]
    /// The delivery company the shop will hand the order to.
    public var carrier: Carrier?
    /// An edit saved here and not yet pushed to RMS.
    public var pendingEdit: PendingEdit?
    /// 差分あり: what RMS changed that the shop has not accepted yet.
    public var rmsDifference: RMSDifference?
    /// The amounts as RMS gives them (nil for an order entered here).
    public var rmsAmounts: RMSAmounts?
    /// A field of RMS's JSON that could not be read: the order is kept, flagged 要確認.
    public var readProblem: ReadProblem?
    /// 配送方法, お届け日時, ギフト and the other handling RMS gives (nil for an order entered here).
    public var delivery: DeliveryDetails?
    /// The parcels the shop shipped, per basket, and whether RMS holds them (発送完了報告). Kept in
    /// a column of its own, not in an order's document.
    public var parcels: [Parcel] = []
    /// 領収書 the buyer issued through Rakuten (receiptIssueCount, getOrder v5+); nil when RMS did
    /// not say (an older API version, an order entered here).
    public var rakutenReceipts: RakutenReceipts?

    public var id: OrderNumber { number }

    public init(
        number: OrderNumber, origin: OrderOrigin, orderedAt: Date, rmsProgress: RMSProgress,
        localStatus: LocalStatus, sync: SyncState, orderer: Contact, packages: [Package],
        payment: Payment, fees: Fees, goodsPrice: Money, couponTotal: Int = 0, coupons: [Coupon] = [],
        pointsUsed: Int = 0, bundleID: BundleID? = nil, confirmedAt: Date? = nil,
        remarks: String? = nil, memo: String? = nil
    ) {
        self.number = number
        self.origin = origin
        self.orderedAt = orderedAt
        self.rmsProgress = rmsProgress
        self.localStatus = localStatus
        self.sync = sync
        self.orderer = orderer
        self.packages = packages
        self.payment = payment
        self.fees = fees
        self.goodsPrice = goodsPrice
        self.couponTotal = couponTotal
        self.coupons = coupons
        self.pointsUsed = pointsUsed
        self.bundleID = bundleID
        self.confirmedAt = confirmedAt
        self.remarks = remarks
        self.memo = memo
    }

    public var isBundled: Bool { bundleID != nil }

    /// Amounts changed here that RMS does not have yet (an edit or a fee written, not pushed):
    /// the totals are then recomputed here, not RMS's.
    public var hasUnsentAmounts: Bool {
        pendingEdit != nil || rmsAmounts.map { $0.fees != fees } ?? false
    }

    /// Whether the totals shown are RMS's own figures.
    public var totalsAreRMSs: Bool { rmsAmounts != nil && !hasUnsentAmounts }

    /// 合計金額 (RMS's totalPrice): goods, wrapping and postage.
    public var totalPrice: Money {
        if totalsAreRMSs, let rms = rmsAmounts { return rms.total }
        return recomputedTotalPrice
    }

    /// 総合計 as RMS's screen computes it: 合計金額 − coupons + COD fee + payment fee + 後払い手数料.
    public var grandTotal: Money {
        if totalsAreRMSs, let rms = rmsAmounts { return rms.grandTotal }
        return recomputedGrandTotal
    }

    /// 請求金額 (RMS's requestPrice): what the buyer pays, after coupons and points.
    public var requestPrice: Money {
        if totalsAreRMSs, let rms = rmsAmounts { return rms.request }
        return recomputedRequestPrice
    }

    /// 後払い手数料 charged to the buyer.
    public var additionalFee: Money { rmsAmounts?.additionalFee ?? .zero }

    /// The totals as this desk computes them from the goods and fees it holds.
    public var recomputedTotalPrice: Money { goodsPrice + fees.shipping }
    public var recomputedGrandTotal: Money {
        recomputedTotalPrice - .yen(couponTotal) + fees.cashOnDelivery + fees.paymentCharge + additionalFee
    }
    public var recomputedRequestPrice: Money { recomputedGrandTotal - .yen(pointsUsed) }

    /// How far this desk's own sum of RMS's amounts is from RMS's 請求金額, when RMS's figure is
    /// shown and they disagree (nil when they agree, or when either is not fixed).
    public var requestPriceDiscrepancy: Int? {
        guard totalsAreRMSs, let rms = rmsAmounts?.request.yen, let mine = recomputedRequestPrice.yen, rms != mine else { return nil }
        return mine - rms
    }

    public var itemCount: Int { packages.reduce(0) { $0 + $1.items.count } }

    /// 商品合計 from the item lines: for a Rakuten order as RMS totals it (the lines' prices and
    /// the wrapping RMS holds); for an order entered here by the invoice's rule, 税別 lines taxed
    /// once per rate (``TaxBreakdown/goodsByRate(_:)``), so that 請求金額 is what its invoice says.
    public var goodsPriceFromItems: Money {
        let items = packages.flatMap(\.items)
        guard let rms = rmsAmounts else { return .yen(TaxBreakdown.goodsByRate(items).values.reduce(0, +)) }
        return .yen(items.reduce(0) { $0 + $1.lineTotal }) + rms.wrappingTotal
    }
}

/// The shared id of orders bundled (同梱) together in the desk.
public struct BundleID: Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public var description: String { rawValue }

    /// A group's id: every member gets the same, its lowest order number's (B-20261122-0000000001).
    public init(group: [OrderNumber]) {
        self.init("B-\(group.min()!.withoutShopID)")
    }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// The receipts a buyer issued through Rakuten's 購入履歴: a shop that issues its own as well gives
/// the buyer two receipts for one payment.
public struct RakutenReceipts: Sendable, Hashable, Codable {
    public var count: Int
    /// When, as far as RMS lists them.
    public var dates: [Date]

    public init(count: Int, dates: [Date]) {
        self.count = count
        self.dates = dates
    }
}
