/// One line of an order: an item, its chosen options and how many.
public struct Item: Sendable, Hashable, Codable {
    public var itemDetailID: Int
    public var name: String
    /// 商品管理番号 (the shop's item URL id).
    public var manageNumber: String
    /// Options as RMS writes them: `項目:選択肢` lines.
    public var selectedChoice: String?
    /// Unit price in yen, as the shop's tax setting defines it.
    public var unitPrice: Int
    public var units: Int
    public var taxRate: Double
    public var includesTax: Bool

    public init(
        itemDetailID: Int, name: String, manageNumber: String, selectedChoice: String?,
        unitPrice: Int, units: Int, taxRate: Double, includesTax: Bool
    ) {
        self.itemDetailID = itemDetailID
        self.name = name
        self.manageNumber = manageNumber
        self.selectedChoice = selectedChoice
        self.unitPrice = unitPrice
        self.units = units
        self.taxRate = taxRate
        self.includesTax = includesTax
    }

    public var lineTotal: Int { unitPrice * units }
}
