/// The units and unit price of every item of an order, as one journal value: items in the order's
/// order, packages apart (`2×2980, 1×1500 / 1×3200`). Items are never added or removed by an edit,
/// so their places name them.
struct ItemLines {
    var packages: [[(units: Int, unitPrice: Int)]]

    static func text(of order: Order) -> String? {
        order.packages.isEmpty ? nil : ItemLines(order: order).text
    }

    init(order: Order) {
        packages = order.packages.map { $0.items.map { ($0.units, $0.unitPrice) } }
    }

    var text: String {
        packages.map { $0.map { "\($0.units)×\($0.unitPrice)" }.joined(separator: ", ") }.joined(separator: " / ")
    }

    init?(text: String) {
        var packages: [[(Int, Int)]] = []
        for package in text.split(separator: "/", omittingEmptySubsequences: false) {
            var items: [(Int, Int)] = []
            for item in package.split(separator: ",") {
                let parts = item.filter { $0 != " " }.split(separator: "×")
                guard parts.count == 2, let units = Int(parts[0]), let price = Int(parts[1]) else { return nil }
                items.append((units, price))
            }
            packages.append(items)
        }
        self.packages = packages
    }

    /// Whether the lines have the order's shape (as many packages and items).
    func fit(_ order: Order) -> Bool {
        packages.map(\.count) == order.packages.map(\.items.count)
    }

    /// Sets the units and prices, and the goods total they make.
    func apply(to order: inout Order) {
        for (p, items) in packages.enumerated() {
            for (i, item) in items.enumerated() {
                order.packages[p].items[i].units = item.units
                order.packages[p].items[i].unitPrice = item.unitPrice
            }
        }
        order.goodsPrice = order.goodsPriceFromItems
    }
}
