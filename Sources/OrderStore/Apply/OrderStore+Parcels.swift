import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Adds a parcel to an order (荷物番号 by hand), journalled and undoable until it is reported.
    /// `basketID` nil: the order's only basket. Refused, with the reason, as ``Order/addingParcel(_:)`` says.
    public func addParcel(
        to number: OrderNumber, basketID: Int?, carrier: Carrier, trackingNumber: String, shippedOn: CalendarDate
    ) throws -> Order {
        try writeTransaction("荷物番号の保存") { db in
            guard let order = try Self.load([number], in: db).first else { throw StoreError("注文 \(number) はありません") }
            let normalized = try TrackingNumber.normalized(trackingNumber, carrier: carrier)
            let parcel = Parcel(basketID: try basketID ?? order.onlyBasket(), carrier: carrier, trackingNumber: normalized, shippedOn: shippedOn)
            let after = try order.addingParcel(parcel)
            let batchID = UUID().uuidString.lowercased()
            try Self.write(after, from: order, in: db, at: now())
            try Self.journal(order.changes(to: after), of: number, batchID: batchID, action: .setParcels, undoable: true,
                             operatorName: operatorName, at: now(), in: db)
            try recordDesk(of: batchID, in: db)
            return after
        }
    }
}
