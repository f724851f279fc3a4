/// getOrder's OrderModel (rpay-api.md §4.3). JSON keys are exactly the API's.
///
/// Keys the API marks not-null are non-optional, except those added in later versions (v6 on),
/// which older versions omit.
public struct OrderModel: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var orderProgress: Int
    public var subStatusId: Int?
    public var subStatusName: String?
    public var orderDatetime: RakutenDateTime
    public var shopOrderCfmDatetime: RakutenDateTime?
    public var orderFixDatetime: RakutenDateTime?
    public var shippingInstDatetime: RakutenDateTime?
    public var shippingCmplRptDatetime: RakutenDateTime?
    public var cancelDueDate: RakutenDate?
    public var deliveryDate: RakutenDate?
    public var shippingTerm: Int?
    public var remarks: String?
    public var giftCheckFlag: Int
    public var socialGiftFlag: Int?
    public var severalSenderFlag: Int
    public var equalSenderFlag: Int
    public var isolatedIslandFlag: Int
    public var rakutenMemberFlag: Int
    public var carrierCode: Int
    public var emailCarrierCode: Int
    public var orderType: Int
    public var reserveNumber: String?
    public var reserveDeliveryCount: Int?
    public var cautionDisplayType: Int
    public var cautionDisplayDetailType: Int?
    public var rakutenConfirmFlag: Int
    public var goodsPrice: Int
    /// Removed from version 8 on.
    public var goodsTax: Int?
    public var postagePrice: Int
    public var deliveryPrice: Int
    public var paymentCharge: Int
    public var paymentChargeTaxRate: Double
    public var totalPrice: Int
    public var requestPrice: Int
    public var couponAllTotalPrice: Int
    public var couponShopPrice: Int
    public var couponOtherPrice: Int
    public var additionalFeeOccurAmountToUser: Int
    public var additionalFeeOccurAmountToShop: Int
    public var asurakuFlag: Int
    public var drugFlag: Int
    public var dealFlag: Int
    public var membershipType: Int
    public var memo: String?
    public var `operator`: String?
    public var mailPlugSentence: String?
    public var modifyFlag: Int
    /// Only in old responses; removed from version 8 on.
    public var isTaxRecalc: Int?
    /// Version 5 on.
    public var receiptIssueCount: Int?
    public var receiptIssueHistoryList: [RakutenDateTime]?
    public var ordererModel: OrdererModel
    public var settlementModel: SettlementModel?
    public var deliveryModel: DeliveryModel
    public var pointModel: PointModel?
    public var wrappingModel1: WrappingModel?
    public var wrappingModel2: WrappingModel?
    public var packageModelList: [PackageModel]
    public var couponModelList: [CouponModel]?
    public var changeReasonModelList: [ChangeReasonModel]?
    public var taxSummaryModelList: [TaxSummaryModel]?
    public var dueDateModelList: [DueDateModel]?
    /// Version 8 on.
    public var deliveryCertPrgFlag: Int?
    /// Version 8 on.
    public var oneDayOperationFlag: Int?

    enum CodingKeys: String, CodingKey {
        case orderNumber, orderProgress, subStatusId, subStatusName, orderDatetime, shopOrderCfmDatetime
        case orderFixDatetime, shippingInstDatetime, shippingCmplRptDatetime, cancelDueDate, deliveryDate
        case shippingTerm, remarks, giftCheckFlag, socialGiftFlag, severalSenderFlag, equalSenderFlag
        case isolatedIslandFlag, rakutenMemberFlag, carrierCode, emailCarrierCode, orderType, reserveNumber
        case reserveDeliveryCount, cautionDisplayType, cautionDisplayDetailType, rakutenConfirmFlag
        case goodsPrice, goodsTax, postagePrice, deliveryPrice, paymentCharge, paymentChargeTaxRate
        case totalPrice, requestPrice, couponAllTotalPrice, couponShopPrice, couponOtherPrice
        case additionalFeeOccurAmountToUser, additionalFeeOccurAmountToShop, asurakuFlag, drugFlag, dealFlag
        case membershipType, memo, `operator`, mailPlugSentence, modifyFlag, isTaxRecalc, receiptIssueCount
        case receiptIssueHistoryList, deliveryCertPrgFlag, oneDayOperationFlag
        case ordererModel = "OrdererModel"
        case settlementModel = "SettlementModel"
        case deliveryModel = "DeliveryModel"
        case pointModel = "PointModel"
        case wrappingModel1 = "WrappingModel1"
        case wrappingModel2 = "WrappingModel2"
        case packageModelList = "PackageModelList"
        case couponModelList = "CouponModelList"
        case changeReasonModelList = "ChangeReasonModelList"
        case taxSummaryModelList = "TaxSummaryModelList"
        case dueDateModelList = "DueDateModelList"
    }

    public init(
        orderNumber: String,
        orderProgress: Int,
        subStatusId: Int? = nil,
        subStatusName: String? = nil,
        orderDatetime: RakutenDateTime,
        shopOrderCfmDatetime: RakutenDateTime? = nil,
        orderFixDatetime: RakutenDateTime? = nil,
        shippingInstDatetime: RakutenDateTime? = nil,
        shippingCmplRptDatetime: RakutenDateTime? = nil,
        cancelDueDate: RakutenDate? = nil,
        deliveryDate: RakutenDate? = nil,
        shippingTerm: Int? = nil,
        remarks: String? = nil,
        giftCheckFlag: Int = 0,
        socialGiftFlag: Int? = nil,
        severalSenderFlag: Int = 0,
        equalSenderFlag: Int = 1,
        isolatedIslandFlag: Int = 0,
        rakutenMemberFlag: Int = 1,
        carrierCode: Int = 0,
        emailCarrierCode: Int = 0,
        orderType: Int = 1,
        reserveNumber: String? = nil,
        reserveDeliveryCount: Int? = nil,
        cautionDisplayType: Int = 0,
        cautionDisplayDetailType: Int? = nil,
        rakutenConfirmFlag: Int = 0,
        goodsPrice: Int,
        goodsTax: Int? = nil,
        postagePrice: Int,
        deliveryPrice: Int,
        paymentCharge: Int,
        paymentChargeTaxRate: Double = 0.1,
        totalPrice: Int,
        requestPrice: Int,
        couponAllTotalPrice: Int = 0,
        couponShopPrice: Int = 0,
        couponOtherPrice: Int = 0,
        additionalFeeOccurAmountToUser: Int = 0,
        additionalFeeOccurAmountToShop: Int = 0,
        asurakuFlag: Int = 0,
        drugFlag: Int = 0,
        dealFlag: Int = 0,
        membershipType: Int = 0,
        memo: String? = nil,
        `operator`: String? = nil,
        mailPlugSentence: String? = nil,
        modifyFlag: Int = 0,
        isTaxRecalc: Int? = nil,
        receiptIssueCount: Int? = nil,
        receiptIssueHistoryList: [RakutenDateTime]? = nil,
        ordererModel: OrdererModel,
        settlementModel: SettlementModel? = nil,
        deliveryModel: DeliveryModel,
        pointModel: PointModel? = nil,
        wrappingModel1: WrappingModel? = nil,
        wrappingModel2: WrappingModel? = nil,
        packageModelList: [PackageModel],
        couponModelList: [CouponModel]? = nil,
        changeReasonModelList: [ChangeReasonModel]? = nil,
        taxSummaryModelList: [TaxSummaryModel]? = nil,
        dueDateModelList: [DueDateModel]? = nil,
        deliveryCertPrgFlag: Int? = nil,
        oneDayOperationFlag: Int? = nil
    ) {
        self.orderNumber = orderNumber
        self.orderProgress = orderProgress
        self.subStatusId = subStatusId
        self.subStatusName = subStatusName
        self.orderDatetime = orderDatetime
        self.shopOrderCfmDatetime = shopOrderCfmDatetime
        self.orderFixDatetime = orderFixDatetime
        self.shippingInstDatetime = shippingInstDatetime
        self.shippingCmplRptDatetime = shippingCmplRptDatetime
        self.cancelDueDate = cancelDueDate
        self.deliveryDate = deliveryDate
        self.shippingTerm = shippingTerm
        self.remarks = remarks
        self.giftCheckFlag = giftCheckFlag
        self.socialGiftFlag = socialGiftFlag
        self.severalSenderFlag = severalSenderFlag
        self.equalSenderFlag = equalSenderFlag
        self.isolatedIslandFlag = isolatedIslandFlag
        self.rakutenMemberFlag = rakutenMemberFlag
        self.carrierCode = carrierCode
        self.emailCarrierCode = emailCarrierCode
        self.orderType = orderType
        self.reserveNumber = reserveNumber
        self.reserveDeliveryCount = reserveDeliveryCount
        self.cautionDisplayType = cautionDisplayType
        self.cautionDisplayDetailType = cautionDisplayDetailType
        self.rakutenConfirmFlag = rakutenConfirmFlag
        self.goodsPrice = goodsPrice
        self.goodsTax = goodsTax
        self.postagePrice = postagePrice
        self.deliveryPrice = deliveryPrice
        self.paymentCharge = paymentCharge
        self.paymentChargeTaxRate = paymentChargeTaxRate
        self.totalPrice = totalPrice
        self.requestPrice = requestPrice
        self.couponAllTotalPrice = couponAllTotalPrice
        self.couponShopPrice = couponShopPrice
        self.couponOtherPrice = couponOtherPrice
        self.additionalFeeOccurAmountToUser = additionalFeeOccurAmountToUser
        self.additionalFeeOccurAmountToShop = additionalFeeOccurAmountToShop
        self.asurakuFlag = asurakuFlag
        self.drugFlag = drugFlag
        self.dealFlag = dealFlag
        self.membershipType = membershipType
        self.memo = memo
        self.`operator` = `operator`
        self.mailPlugSentence = mailPlugSentence
        self.modifyFlag = modifyFlag
        self.isTaxRecalc = isTaxRecalc
        self.receiptIssueCount = receiptIssueCount
        self.receiptIssueHistoryList = receiptIssueHistoryList
        self.ordererModel = ordererModel
        self.settlementModel = settlementModel
        self.deliveryModel = deliveryModel
        self.pointModel = pointModel
        self.wrappingModel1 = wrappingModel1
        self.wrappingModel2 = wrappingModel2
        self.packageModelList = packageModelList
        self.couponModelList = couponModelList
        self.changeReasonModelList = changeReasonModelList
        self.taxSummaryModelList = taxSummaryModelList
        self.dueDateModelList = dueDateModelList
        self.deliveryCertPrgFlag = deliveryCertPrgFlag
        self.oneDayOperationFlag = oneDayOperationFlag
    }
}
