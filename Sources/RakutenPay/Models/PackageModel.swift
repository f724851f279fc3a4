/// One package (basket) of an order (§4.5).
public struct PackageModel: Sendable, Hashable, Codable {
    public var basketId: Int
    /// -9999 when not set.
    public var postagePrice: Int
    public var postageTaxRate: Double?
    /// 代引手数料; -9999 when not set.
    public var deliveryPrice: Int
    public var deliveryTaxRate: Double?
    /// Removed from version 8 on.
    public var goodsTax: Int?
    public var goodsPrice: Int
    public var totalPrice: Int
    public var noshi: String?
    public var packageDeleteFlag: Int
    public var senderModel: SenderModel
    public var itemModelList: [ItemModel]
    /// Empty until something has shipped.
    public var shippingModelList: [ShippingModel]?
    public var deliveryCvsModel: DeliveryCvsModel?
    /// Version 4 on.
    public var defaultDeliveryCompanyCode: String?
    /// Version 9 on.
    public var dropOffFlag: Int?
    public var dropOffLocation: String?
    /// Version 10 on.
    public var socialGiftModel: SocialGiftModel?

    enum CodingKeys: String, CodingKey {
        case basketId, postagePrice, postageTaxRate, deliveryPrice, deliveryTaxRate, goodsTax, goodsPrice
        case totalPrice, noshi, packageDeleteFlag, defaultDeliveryCompanyCode, dropOffFlag, dropOffLocation
        case senderModel = "SenderModel"
        case itemModelList = "ItemModelList"
        case shippingModelList = "ShippingModelList"
        case deliveryCvsModel = "DeliveryCvsModel"
        case socialGiftModel = "SocialGiftModel"
    }

    public init(
        basketId: Int, postagePrice: Int, postageTaxRate: Double?, deliveryPrice: Int, deliveryTaxRate: Double?,
        goodsTax: Int? = nil, goodsPrice: Int, totalPrice: Int, noshi: String? = nil, packageDeleteFlag: Int = 0,
        senderModel: SenderModel, itemModelList: [ItemModel], shippingModelList: [ShippingModel]? = [],
        deliveryCvsModel: DeliveryCvsModel? = nil, defaultDeliveryCompanyCode: String? = nil,
        dropOffFlag: Int? = nil, dropOffLocation: String? = nil, socialGiftModel: SocialGiftModel? = nil
    ) {
        self.basketId = basketId
        self.postagePrice = postagePrice
        self.postageTaxRate = postageTaxRate
        self.deliveryPrice = deliveryPrice
        self.deliveryTaxRate = deliveryTaxRate
        self.goodsTax = goodsTax
        self.goodsPrice = goodsPrice
        self.totalPrice = totalPrice
        self.noshi = noshi
        self.packageDeleteFlag = packageDeleteFlag
        self.senderModel = senderModel
        self.itemModelList = itemModelList
        self.shippingModelList = shippingModelList
        self.deliveryCvsModel = deliveryCvsModel
        self.defaultDeliveryCompanyCode = defaultDeliveryCompanyCode
        self.dropOffFlag = dropOffFlag
        self.dropOffLocation = dropOffLocation
        self.socialGiftModel = socialGiftModel
    }
}
