/// DeliveryModel: the delivery method the customer chose.
public struct DeliveryModel: Sendable, Hashable, Codable {
    public var deliveryName: String
    /// 0–8 (none, 冷蔵, 冷凍...).
    public var deliveryClass: Int?

    public init(deliveryName: String, deliveryClass: Int?) {
        self.deliveryName = deliveryName
        self.deliveryClass = deliveryClass
    }
}

/// PointModel: points the customer used.
public struct PointModel: Sendable, Hashable, Codable {
    public var usedPoint: Int
    public init(usedPoint: Int) { self.usedPoint = usedPoint }
}

/// WrappingModel1/2: gift wrapping (1 包装紙, 2 リボン).
public struct WrappingModel: Sendable, Hashable, Codable {
    public var title: Int
    public var name: String
    public var price: Int
    public var includeTaxFlag: Int
    public var deleteWrappingFlag: Int
    public var taxRate: Double?
    public var taxPrice: Int?

    public init(title: Int, name: String, price: Int, includeTaxFlag: Int, deleteWrappingFlag: Int, taxRate: Double?, taxPrice: Int?) {
        self.title = title
        self.name = name
        self.price = price
        self.includeTaxFlag = includeTaxFlag
        self.deleteWrappingFlag = deleteWrappingFlag
        self.taxRate = taxRate
        self.taxPrice = taxPrice
    }
}

/// ChangeReasonModel: one change RMS recorded; changeType 8 is 注文確認.
public struct ChangeReasonModel: Sendable, Hashable, Codable {
    public var changeId: Int
    public var changeType: Int?
    public var changeTypeDetail: Int?
    public var changeReason: Int?
    public var changeReasonDetail: Int?
    public var changeApplyDatetime: RakutenDateTime?
    public var changeFixDatetime: RakutenDateTime?
    public var changeCmplDatetime: RakutenDateTime?

    public init(
        changeId: Int, changeType: Int?, changeTypeDetail: Int? = nil, changeReason: Int? = nil,
        changeReasonDetail: Int? = nil, changeApplyDatetime: RakutenDateTime? = nil,
        changeFixDatetime: RakutenDateTime? = nil, changeCmplDatetime: RakutenDateTime? = nil
    ) {
        self.changeId = changeId
        self.changeType = changeType
        self.changeTypeDetail = changeTypeDetail
        self.changeReason = changeReason
        self.changeReasonDetail = changeReasonDetail
        self.changeApplyDatetime = changeApplyDatetime
        self.changeFixDatetime = changeFixDatetime
        self.changeCmplDatetime = changeCmplDatetime
    }

    /// changeType 8: the shop confirmed the order.
    public static let orderConfirmationType = 8
}

/// TaxSummaryModel: totals per tax rate (-9999 while undetermined).
public struct TaxSummaryModel: Sendable, Hashable, Codable {
    public var taxRate: Double
    public var reqPrice: Int
    public var reqPriceTax: Int
    public var totalPrice: Int
    public var paymentCharge: Int
    public var couponPrice: Int
    public var point: Int

    public init(taxRate: Double, reqPrice: Int, reqPriceTax: Int, totalPrice: Int, paymentCharge: Int, couponPrice: Int, point: Int) {
        self.taxRate = taxRate
        self.reqPrice = reqPrice
        self.reqPriceTax = reqPriceTax
        self.totalPrice = totalPrice
        self.paymentCharge = paymentCharge
        self.couponPrice = couponPrice
        self.point = point
    }
}

/// DueDateModel: 0 支払期限, 1 支払方法変更期限, 2 返金手続き期限.
public struct DueDateModel: Sendable, Hashable, Codable {
    public var dueDateType: Int
    public var dueDate: RakutenDate
}

/// CouponModel: a coupon used on the order.
public struct CouponModel: Sendable, Hashable, Codable {
    public var couponCode: String
    /// 0 when the coupon is not for one item.
    public var itemId: Int
    public var couponName: String
    public var couponSummary: String?
    /// ショップ, メーカー, サービス.
    public var couponCapital: String
    public var couponCapitalCode: Int
    public var expiryDate: RakutenDate?
    public var couponPrice: Int?
    public var couponUnit: Int?
    /// -9999 when couponPrice or couponUnit is null.
    public var couponTotalPrice: Int
    public var itemDetailId: Int?

    public init(
        couponCode: String, itemId: Int, couponName: String, couponSummary: String?, couponCapital: String,
        couponCapitalCode: Int, expiryDate: RakutenDate?, couponPrice: Int?, couponUnit: Int?,
        couponTotalPrice: Int, itemDetailId: Int?
    ) {
        self.couponCode = couponCode
        self.itemId = itemId
        self.couponName = couponName
        self.couponSummary = couponSummary
        self.couponCapital = couponCapital
        self.couponCapitalCode = couponCapitalCode
        self.expiryDate = expiryDate
        self.couponPrice = couponPrice
        self.couponUnit = couponUnit
        self.couponTotalPrice = couponTotalPrice
        self.itemDetailId = itemDetailId
    }
}

/// DeliveryCvsModel: a convenience-store pickup point (the key is spelled `DeliveryCvsModel`).
public struct DeliveryCvsModel: Sendable, Hashable, Codable {
    public var cvsCode: Int?
    public var storeGenreCode: String?
    public var storeCode: String?
    public var storeName: String?
    public var storeZip: String?
    public var storePrefecture: String?
    public var storeAddress: String?
    public var areaCode: String?
    public var depo: String?
    public var openTime: String?
    public var closeTime: String?
    public var cvsRemarks: String?

    public init(
        cvsCode: Int? = nil, storeGenreCode: String? = nil, storeCode: String? = nil, storeName: String?, storeZip: String?,
        storePrefecture: String?, storeAddress: String?, areaCode: String? = nil, depo: String? = nil, openTime: String? = nil,
        closeTime: String? = nil, cvsRemarks: String? = nil
    ) {
        self.cvsCode = cvsCode
        self.storeGenreCode = storeGenreCode
        self.storeCode = storeCode
        self.storeName = storeName
        self.storeZip = storeZip
        self.storePrefecture = storePrefecture
        self.storeAddress = storeAddress
        self.areaCode = areaCode
        self.depo = depo
        self.openTime = openTime
        self.closeTime = closeTime
        self.cvsRemarks = cvsRemarks
    }
}

/// SocialGiftModel (version 10 on).
public struct SocialGiftModel: Sendable, Hashable, Codable {
    public var sgMngNumber: String?
    public var inputDueDate: RakutenDateTime?
    public var inputFlag: Int?
    public var inputCompDatetime: RakutenDateTime?
    public var receiverEmailAddress: String?

    public init(
        sgMngNumber: String?, inputDueDate: RakutenDateTime?, inputFlag: Int?, inputCompDatetime: RakutenDateTime? = nil,
        receiverEmailAddress: String? = nil
    ) {
        self.sgMngNumber = sgMngNumber
        self.inputDueDate = inputDueDate
        self.inputFlag = inputFlag
        self.inputCompDatetime = inputCompDatetime
        self.receiverEmailAddress = receiverEmailAddress
    }
}

/// SkuModel (version 7 on).
public struct SkuModel: Sendable, Hashable, Codable {
    public var variantId: String?
    public var merchantDefinedSkuId: String?
    public var skuInfo: String?

    public init(variantId: String?, merchantDefinedSkuId: String?, skuInfo: String?) {
        self.variantId = variantId
        self.merchantDefinedSkuId = merchantDefinedSkuId
        self.skuInfo = skuInfo
    }
}
