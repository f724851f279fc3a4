import Foundation

/// ピッキングリスト: what to take from the shelves for the chosen orders. Totalled (トータル): one
/// line per item and option, with how many and for how many orders, in shelf order so that one
/// walk through the stock room picks everything. Per order (シングル): each order's items, with
/// their shelves. The 棚番 is the shop's own (RMS has none): items without one come last.
public struct PickingList: Sendable {
    public struct Line: Sendable, Hashable {
        public let manageNumber: String
        public let name: String
        public let choice: String?
        public let shelf: String?
        public let units: Int
        /// The orders it is in, in the order they were given.
        public let orders: [OrderNumber]
    }

    public enum Sort: String, Sendable, CaseIterable {
        /// 棚番, then 商品管理番号.
        case shelf
        /// 商品管理番号.
        case item
    }

    public let lines: [Line]
    public let orderCount: Int
    public var totalUnits: Int { lines.reduce(0) { $0 + $1.units } }

    /// Every item of `orders` totalled by 商品管理番号 and option. `shelves`: 商品管理番号 → 棚番.
    public init(totalling orders: [Order], shelves: [String: String], sort: Sort = .shelf) {
        struct Key: Hashable { let item: String; let choice: String? }
        var index: [Key: Int] = [:]
        var names: [String] = [], keys: [Key] = [], units: [Int] = [], inOrders: [[OrderNumber]] = []
        for order in orders {
            for item in order.packages.flatMap(\.items) {
                let key = Key(item: item.manageNumber, choice: Self.normalised(item.selectedChoice))
                if let at = index[key] {
                    units[at] += item.units
                    if inOrders[at].last != order.number { inOrders[at].append(order.number) }
                } else {
                    index[key] = keys.count
                    keys.append(key)
                    names.append(item.name)
                    units.append(item.units)
                    inOrders.append([order.number])
                }
            }
        }
        let lines = keys.indices.map { at in
            Line(manageNumber: keys[at].item, name: names[at], choice: keys[at].choice, shelf: shelves[keys[at].item],
                 units: units[at], orders: inOrders[at])
        }
        self.lines = Self.sorted(lines, by: sort)
        orderCount = orders.count
    }

    /// One parcel's items — an order's, or a bundle's orders' (同梱: one entry) — in shelf order.
    public static func lines(of orders: [Order], shelves: [String: String], sort: Sort = .shelf) -> [Line] {
        sorted(orders.flatMap { order in
            order.packages.flatMap(\.items).map {
                Line(manageNumber: $0.manageNumber, name: $0.name, choice: normalised($0.selectedChoice), shelf: shelves[$0.manageNumber],
                     units: $0.units, orders: [order.number])
            }
        }, by: sort)
    }

    static func sorted(_ lines: [Line], by sort: Sort) -> [Line] {
        lines.sorted { a, b in
            if sort == .shelf, a.shelf != b.shelf {
                // Items without a shelf last: they are looked for by hand.
                guard let x = a.shelf else { return false }
                guard let y = b.shelf else { return true }
                return x.compare(y, options: .numeric) == .orderedAscending
            }
            if a.manageNumber != b.manageNumber { return a.manageNumber.compare(b.manageNumber, options: .numeric) == .orderedAscending }
            return (a.choice ?? "").compare(b.choice ?? "", options: .numeric) == .orderedAscending
        }
    }

    /// Options as one line each, trimmed: RMS writes the same choice with different line ends.
    private static func normalised(_ choice: String?) -> String? {
        guard let choice else { return nil }
        let lines = choice.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }
}
