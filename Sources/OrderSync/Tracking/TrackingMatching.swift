import OrderEngine
import OrderStore
import ShippingFiles

/// Matches a tracking file's rows against the store: the orders its keys name are read by their
/// state alone (the key says the baskets), those named by order number whole (their baskets
/// decide), each with the other members of its bundle (one parcel for them all), and for rows
/// named only by their addressee (クリックポスト) every order at RMS 発送待ち.
public enum TrackingMatching {
    public static func match(_ rows: [TrackingRow], in store: OrderStore, today: CalendarDate) throws -> TrackingImport {
        let keys = try store.shipmentKeyTargets(rows.compactMap(\.key))
        let byKey = Set(keys.values.flatMap { $0.map(\.order) })
        var named = Set(rows.compactMap(\.orderNumber) + rows.compactMap(\.key).filter { keys[$0] == nil }).map(OrderNumber.init)
        if rows.contains(where: { $0.recipient != nil && $0.key == nil && $0.orderNumber == nil }) {
            named += try store.ordersAwaitingShipment()
        }
        let byNumber = Array(Set(try store.withBundlePartners(named.sorted())).subtracting(byKey))
        var orders: [OrderNumber: Order] = [:]
        for order in try store.orders(Array(byKey), content: false) + store.orders(byNumber) { orders[order.number] = order }
        return TrackingImport(rows: rows, orders: orders, keys: keys, today: today)
    }
}
