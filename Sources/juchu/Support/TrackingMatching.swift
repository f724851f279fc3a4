import OrderEngine
import OrderStore
import ShippingFiles

/// Matches a tracking file's rows against the store: the orders its keys name are read by their
/// state alone (the key says the basket), those named by order number whole (their baskets decide).
enum TrackingMatching {
    static func match(_ rows: [TrackingRow], in store: OrderStore, today: CalendarDate) throws -> TrackingImport {
        let keys = try store.shipmentKeyTargets(rows.compactMap(\.key))
        let byKey = Set(keys.values.map(\.0))
        let byNumber = Set(rows.compactMap(\.orderNumber) + rows.compactMap(\.key).filter { keys[$0] == nil }).map(OrderNumber.init)
            .filter { !byKey.contains($0) }
        var orders: [OrderNumber: Order] = [:]
        for order in try store.orders(Array(byKey), content: false) + store.orders(byNumber) { orders[order.number] = order }
        return TrackingImport(rows: rows, orders: orders, keys: keys, today: today)
    }
}
