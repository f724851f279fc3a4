/// A product of the shop's list for 受注を登録: what an item line is filled with when chosen
/// (商品管理番号, name, 項目・選択肢, price, tax rate, 税込/税別). The list is built from the items
/// of the orders already here (the shop has no product master in Juchu), most often sold first.
public struct HandOrderProduct: Sendable, Hashable {
    public var manageNumber: String
    public var name: String
    /// 項目・選択肢 ("" when the item has none).
    public var choice: String
    public var price: Int
    /// 8 or 10 (%).
    public var taxRate: Int
    public var taxIncluded: Bool

    public init(manageNumber: String, name: String, choice: String, price: Int, taxRate: Int, taxIncluded: Bool) {
        self.manageNumber = manageNumber
        self.name = name
        self.choice = choice
        self.price = price
        self.taxRate = taxRate
        self.taxIncluded = taxIncluded
    }

    /// One product per 商品管理番号, name and 選択肢, with the price and tax of its newest sale;
    /// most often sold first, then by 商品管理番号. `orders`: newest first.
    public static func list(from orders: [Order], limit: Int = 500) -> [HandOrderProduct] {
        struct Key: Hashable { let manageNumber, name, choice: String }
        var found: [Key: (product: HandOrderProduct, sold: Int)] = [:]
        for order in orders {
            for item in order.packages.flatMap(\.items) where !item.name.isEmpty {
                // A rate other than 8 % or 10 % (a wrong record) is not offered: a line takes only those.
                let rate = Int((item.taxRate * 100).rounded())
                guard rate == 8 || rate == 10 else { continue }
                let key = Key(manageNumber: item.manageNumber, name: item.name, choice: item.selectedChoice ?? "")
                if let known = found[key] {
                    found[key]?.sold = known.sold + item.units
                } else {
                    found[key] = (HandOrderProduct(
                        manageNumber: item.manageNumber, name: item.name, choice: key.choice, price: item.unitPrice, taxRate: rate,
                        taxIncluded: item.includesTax), item.units)
                }
            }
        }
        return found.values
            .sorted { ($0.sold, $1.product.manageNumber, $1.product.name, $1.product.choice) > ($1.sold, $0.product.manageNumber, $0.product.name, $0.product.choice) }
            .prefix(limit).map(\.product)
    }

    /// How the form's list shows it: 「rice-5kg 新米 コシヒカリ 5kg（白米） 3,240円 8%税込」.
    public var label: String {
        [manageNumber, name + (choice.isEmpty ? "" : "（\(choice)）"), "\(Money.grouped(price))円 \(taxRate)%\(taxIncluded ? "税込" : "税別")"]
            .filter { !$0.isEmpty }.joined(separator: " ")
    }

    /// Whether it is found by what the operator typed: every word in its 商品管理番号, name or 選択肢
    /// (half-width and full-width alike, hiragana as katakana, case ignored).
    public func matches(_ query: String) -> Bool {
        let haystack = Self.folded(manageNumber + " " + name + " " + choice)
        return query.split(whereSeparator: \.isWhitespace).allSatisfy { haystack.contains(Self.folded(String($0))) }
    }

    static func folded(_ text: String) -> String {
        KanaFolding.folded(String(text.map(\.typedASCII))).lowercased()
    }
}
