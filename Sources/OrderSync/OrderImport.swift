import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// Takes getOrder answers into the store: decoded, mapped, stored with their exact JSON.
public enum OrderImport {
    /// The orders of fetched answers, mapped into the local status new orders get.
    /// An order RMS sent that cannot be read whole comes in too, with its bytes, flagged 要確認.
    /// `marking`: what is marked on each readable order before it is stored (住所要確認).
    /// `broughtIn`: each order, readable or not, at the status its RMS status gives
    /// (``RMSProgress/localStatusWhenBroughtIn(new:)``), `localStatus` being the new orders'.
    public static func incoming(
        _ fetched: RakutenPayClient.FetchedOrders, localStatus: LocalStatus, fetchedAt: Date = Date(), broughtIn: Bool = false,
        marking: (inout Order) -> Void = { _ in }
    ) -> [OrderStore.Incoming] {
        func placed(_ order: Order) -> Order {
            guard broughtIn else { return order }
            var order = order
            order.localStatus = order.rmsProgress.localStatusWhenBroughtIn(new: localStatus)
            return order
        }
        return fetched.orders.map { fetched in
            var order = placed(Order(rakuten: fetched.model, localStatus: localStatus))
            marking(&order)
            return OrderStore.Incoming(order: order, rawJSON: fetched.rawJSON)
        }
            + fetched.failures.compactMap { failure in
                failure.rawJSON.map {
                    OrderStore.Incoming(
                        order: placed(Order(unreadable: failure, rawJSON: $0, localStatus: localStatus, fetchedAt: fetchedAt)), rawJSON: $0)
                }
            }
    }
}
