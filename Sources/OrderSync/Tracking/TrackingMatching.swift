import OrderEngine
import OrderStore
import ShippingFiles

/// Matches tracking files' rows against the store: the orders their keys name are read by their
/// state alone (the key says the baskets), those named by order number whole (their baskets
/// decide), each with the other members of its bundle (one parcel for them all), and for rows
/// named only by their addressee (クリックポスト) every order at RMS 発送待ち. The files of one
/// import are matched together, and against the numbers other orders hold already.
public enum TrackingMatching {
    /// A number held by another order's parcel shipped longer ago than this is the carrier's reuse.
    static let numberReuseDays = 365

    public static func match(_ rows: [TrackingRow], in store: any ShopStore, today: CalendarDate) throws -> TrackingImport {
        try match([(name: "", rows: rows)], in: store, today: today)[0]
    }

    public static func match(_ files: [(name: String, rows: [TrackingRow])], in store: any ShopStore, today: CalendarDate) throws -> [TrackingImport] {
        let rows = files.flatMap(\.rows)
        let keys = try store.shipmentKeyTargets(rows.compactMap(\.key))
        var named = Set(rows.compactMap(\.orderNumber) + rows.compactMap(\.key).filter { keys[$0] == nil }).map(OrderNumber.init)
        if rows.contains(where: { $0.recipient != nil && $0.key == nil && $0.orderNumber == nil }) {
            named += try store.ordersAwaitingShipment()
        }
        // Orders named by number are read whole (a bundle's members by their baskets), even when a
        // key names them too.
        let byNumber = try store.withBundlePartners(named.sorted())
        let byKey = Set(keys.values.flatMap { $0.map(\.order) }).subtracting(byNumber)
        var orders: [OrderNumber: Order] = [:]
        for order in try store.orders(Array(byKey), content: false) + store.orders(byNumber) { orders[order.number] = order }
        var numbers = Set<String>()
        for row in rows {
            do {
                numbers.insert(try TrackingNumber.normalized(row.trackingNumber, carrier: nil))
            } catch {
                continue  // Not a number at all: its row is refused with why when it is matched.
            }
        }
        let inUse = try store.ordersHolding(trackingNumbers: numbers, shippedSince: today.adding(days: -numberReuseDays))
        return TrackingImport.matching(files, orders: orders, keys: keys, today: today, inUse: inUse)
    }
}
