/// One item line of a package (§4.5).
public struct ItemModel: Sendable, Hashable, Codable {
    public var itemDetailId: Int
    public var itemName: String
    public var itemId: Int
    public var itemNumber: String?
    public var manageNumber: String
    public var price: Int
    public var units: Int
    public var includePostageFlag: Int
    public var includeTaxFlag: Int
    public var includeCashOnDeliveryPostageFlag: Int
    /// `項目:選択肢` lines.
    public var selectedChoice: String?
    public var pointRate: Int
    /// 0/1/2; -99 means an error on Rakuten's side.
    public var pointType: Int
    public var inventoryType: Int
    public var delvdateInfo: String?
    public var restoreInventoryFlag: Int
    public var dealFlag: Int
    public var drugFlag: Int
    public var deleteItemFlag: Int
    public var taxRate: Double
    public var priceTaxIncl: Int
    /// Version 4 on.
    public var isSingleItemShipping: Int?
    /// Version 7 on.
    public var skuModelList: [SkuModel]?

    enum CodingKeys: String, CodingKey {
        case itemDetailId, itemName, itemId, itemNumber, manageNumber, price, units, includePostageFlag
        case includeTaxFlag, includeCashOnDeliveryPostageFlag, selectedChoice, pointRate, pointType
        case inventoryType, delvdateInfo, restoreInventoryFlag, dealFlag, drugFlag, deleteItemFlag, taxRate
        case priceTaxIncl, isSingleItemShipping
        case skuModelList = "SkuModelList"
    }

    public init(
        itemDetailId: Int, itemName: String, itemId: Int, itemNumber: String?, manageNumber: String,
        price: Int, units: Int, includePostageFlag: Int = 0, includeTaxFlag: Int = 1,
        includeCashOnDeliveryPostageFlag: Int = 0, selectedChoice: String?, pointRate: Int = 1,
        pointType: Int = 0, inventoryType: Int = 2, delvdateInfo: String? = nil, restoreInventoryFlag: Int = 0,
        dealFlag: Int = 0, drugFlag: Int = 0, deleteItemFlag: Int = 0, taxRate: Double, priceTaxIncl: Int,
        isSingleItemShipping: Int? = 0, skuModelList: [SkuModel]? = nil
    ) {
        self.itemDetailId = itemDetailId
        self.itemName = itemName
        self.itemId = itemId
        self.itemNumber = itemNumber
        self.manageNumber = manageNumber
        self.price = price
        self.units = units
        self.includePostageFlag = includePostageFlag
        self.includeTaxFlag = includeTaxFlag
        self.includeCashOnDeliveryPostageFlag = includeCashOnDeliveryPostageFlag
        self.selectedChoice = selectedChoice
        self.pointRate = pointRate
        self.pointType = pointType
        self.inventoryType = inventoryType
        self.delvdateInfo = delvdateInfo
        self.restoreInventoryFlag = restoreInventoryFlag
        self.dealFlag = dealFlag
        self.drugFlag = drugFlag
        self.deleteItemFlag = deleteItemFlag
        self.taxRate = taxRate
        self.priceTaxIncl = priceTaxIncl
        self.isSingleItemShipping = isSingleItemShipping
        self.skuModelList = skuModelList
    }
}

/// A shipping record in getOrder (§4.5).
public struct ShippingModel: Sendable, Hashable, Codable {
    public var shippingDetailId: Int
    public var shippingNumber: String?
    /// A string code such as "1001" (§10.3).
    public var deliveryCompany: String?
    public var deliveryCompanyName: String?
    public var shippingDate: RakutenDate?

    public init(
        shippingDetailId: Int, shippingNumber: String?, deliveryCompany: String?, deliveryCompanyName: String?,
        shippingDate: RakutenDate?
    ) {
        self.shippingDetailId = shippingDetailId
        self.shippingNumber = shippingNumber
        self.deliveryCompany = deliveryCompany
        self.deliveryCompanyName = deliveryCompanyName
        self.shippingDate = shippingDate
    }
}
