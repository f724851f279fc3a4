/// updateOrderSender request (§9.5): fees, quantities and unit prices of each package, before shipping.
/// `reductionReason` is required when an amount goes down.
public struct UpdateOrderSenderRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    public var reductionReason: Int?
    public var packageModelList: [SenderUpdatePackage]

    enum CodingKeys: String, CodingKey {
        case orderNumber, reductionReason
        case packageModelList = "PackageModelList"
    }

    public init(orderNumber: String, reductionReason: Int? = nil, packageModelList: [SenderUpdatePackage]) {
        self.orderNumber = orderNumber
        self.reductionReason = reductionReason
        self.packageModelList = packageModelList
    }

    /// The request that leaves `order` as it is: change what must change, then send.
    public init(unchanged order: OrderModel) {
        self.init(orderNumber: order.orderNumber, packageModelList: order.packageModelList.map(SenderUpdatePackage.init))
    }
}

public struct SenderUpdatePackage: Sendable, Hashable, Codable {
    public var basketId: Int
    /// -9999 sets the postage back to unset.
    public var postagePrice: Int
    public var postageTaxRate: Double?
    public var deliveryPrice: Int
    public var deliveryTaxRate: Double?
    public var noshi: String?
    public var packageDeleteFlag: Int
    public var senderModel: SenderModel
    public var itemModelList: [SenderUpdateItem]
    /// 置き配 (v9+; writable since 2025-09, shipping-mail-slips.md §changelog v8.0): sent only
    /// when the shop changes it, and then "" takes it off.
    public var dropOffLocation: String?

    enum CodingKeys: String, CodingKey {
        case basketId, postagePrice, postageTaxRate, deliveryPrice, deliveryTaxRate, noshi, packageDeleteFlag, dropOffLocation
        case senderModel = "SenderModel"
        case itemModelList = "ItemModelList"
    }

    public init(_ package: PackageModel) {
        basketId = package.basketId
        postagePrice = package.postagePrice
        postageTaxRate = package.postageTaxRate
        deliveryPrice = package.deliveryPrice
        deliveryTaxRate = package.deliveryTaxRate
        noshi = package.noshi
        packageDeleteFlag = package.packageDeleteFlag
        senderModel = package.senderModel
        itemModelList = package.itemModelList.map(SenderUpdateItem.init)
    }
}

public struct SenderUpdateItem: Sendable, Hashable, Codable {
    public var itemDetailId: Int
    public var itemName: String
    public var itemNumber: String?
    public var price: Int
    public var taxRate: Double
    public var units: Int
    public var includePostageFlag: Int
    public var includeTaxFlag: Int
    public var includeCashOnDeliveryPostageFlag: Int
    public var selectedChoice: String?
    public var restoreInventoryFlag: Int?
    public var deleteItemFlag: Int?

    public init(_ item: ItemModel) {
        itemDetailId = item.itemDetailId
        itemName = item.itemName
        itemNumber = item.itemNumber
        price = item.price
        taxRate = item.taxRate
        units = item.units
        includePostageFlag = item.includePostageFlag
        includeTaxFlag = item.includeTaxFlag
        includeCashOnDeliveryPostageFlag = item.includeCashOnDeliveryPostageFlag
        selectedChoice = item.selectedChoice
        restoreInventoryFlag = item.restoreInventoryFlag
        deleteItemFlag = item.deleteItemFlag
    }
}
