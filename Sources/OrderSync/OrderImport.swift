import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// Takes getOrder answers into the store: decoded, mapped, stored with their exact JSON.
public enum OrderImport {
    /// The orders of fetched answers, mapped into the local status new orders get.
    /// An order RMS sent that cannot be read whole comes in too, with its bytes, flagged 要確認.
    public static func incoming(
        _ fetched: RakutenPayClient.FetchedOrders, localStatus: LocalStatus, fetchedAt: Date = Date()
    ) -> [OrderStore.Incoming] {
        fetched.orders.map { OrderStore.Incoming(order: Order(rakuten: $0.model, localStatus: localStatus), rawJSON: $0.rawJSON) }
            + fetched.failures.compactMap { failure in
                failure.rawJSON.map {
                    OrderStore.Incoming(
                        order: Order(unreadable: failure, rawJSON: $0, localStatus: localStatus, fetchedAt: fetchedAt), rawJSON: $0)
                }
            }
    }
}
