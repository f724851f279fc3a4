import Foundation
import OrderEngine

extension StoreApplying {
    /// 受注を登録: stores an order taken by phone, FAX, at the counter (``HandOrderDraft``) with a
    /// number of its own — the shop's id, the day in Japan, M and a sequence, never an RMS number
    /// (``OrderNumber/handEntered(prefix:after:)``) — and journals its arrival. The number is
    /// chosen inside the writing transaction, which one process holds at a time on every host, so
    /// two desks never give the same one. Nothing of it goes to RMS: it has no outbox write.
    public func enter(_ order: Order, shopID: String) throws -> Order {
        guard case .enteredByHand = order.origin else {
            throw StoreError("手入力の注文ではありません（\(order.origin.label)）: 受注の登録は電話・FAX・店舗などの注文だけです")
        }
        return try writing("受注の登録") { db in
            let date = now()
            var entered = order
            entered.number = try OrderStore.nextHandNumber(like: OrderNumber(shopID), at: date, in: db)
            guard try db.storeNewOrder(
                OrderStore.Incoming(order: entered, rawJSON: nil), batchID: UUID().uuidString.lowercased(),
                action: .action(.enterOrder), operatorName: operatorName, at: date)
            else { throw StoreError("注文番号 \(entered.number.rawValue) は既にあります") }
            return entered
        }
    }
}
