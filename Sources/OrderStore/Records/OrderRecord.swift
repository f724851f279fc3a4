import Foundation
import GRDB
import OrderEngine
import RakutenPay

/// Builds an order back from its row: RMS's raw JSON mapped again (or the stored document of an
/// order without one), with the shop's state from the columns laid over it.
enum OrderRecord {
    static let columns = """
        order_number, local_status, rms_progress, confirmed_at, sync_state, sync_error, sync_detail, shipping_fee,
        cod_fee, payment_charge, bundle_id, carrier, flags, payment_date, planned_shipment_date, shipment_date,
        delivery_date, packages_override, goods_override, document, raw_json
        """

    static func order(from row: Row) throws -> Order {
        let localStatus = LocalStatus(row["local_status"] as String)
        var order: Order
        if let document = row["document"] as Data? {
            order = try OrderDocument.decode(Order.self, document)
        } else if let raw = row["raw_json"] as Data? {
            let model = try JSONIndexDecoder().decode(OrderModel.self, from: raw)
            order = Order(rakuten: model, localStatus: localStatus)
        } else {
            throw StoreError("注文 \(row["order_number"] as String) の内容がありません（データベースが壊れている可能性があります）")
        }
        order.localStatus = localStatus
        order.rmsProgress = RMSProgress(code: row["rms_progress"])
        order.confirmedAt = (row["confirmed_at"] as Int64?).map { Date(timeIntervalSince1970: TimeInterval($0)) }
        order.sync = SyncState(key: row["sync_state"], error: row["sync_error"], detail: row["sync_detail"])
        order.fees = Fees(
            shipping: (row["shipping_fee"] as Int?).map(Money.yen) ?? .unset,
            cashOnDelivery: (row["cod_fee"] as Int?).map(Money.yen) ?? .unset,
            paymentCharge: (row["payment_charge"] as Int?).map(Money.yen) ?? .unset)
        order.bundleID = (row["bundle_id"] as String?).map(BundleID.init)
        order.carrier = (row["carrier"] as String?).map(Carrier.init(code:))
        order.flags = OrderColumns.flags(row["flags"])
        var dates: [DateField: CalendarDate] = [:]
        for (field, column) in [(DateField.paymentDate, "payment_date"), (.plannedShipmentDate, "planned_shipment_date"),
                                (.shipmentDate, "shipment_date"), (.deliveryDate, "delivery_date")] {
            if let text = row[column] as String?, let date = CalendarDate(parsing: text) { dates[field] = date }
        }
        order.dates = dates
        if let packages = row["packages_override"] as Data? {
            order.packages = try OrderDocument.decode([Package].self, packages)
        }
        if let goods = row["goods_override"] as Int? { order.goodsPrice = .yen(goods) }
        return order
    }
}
