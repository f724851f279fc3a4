import Foundation
import GRDB
import OrderEngine
import RakutenPay

/// Builds an order back from its row: RMS's raw JSON mapped again (or the stored document of an
/// order without one), with the shop's state from the columns laid over it.
enum OrderRecord {
    static let columns = """
        order_number, origin, ordered_at, orderer_name, orderer_kana, payment_method, grand_total, local_status, rms_progress, confirmed_at, sync_state, sync_error, sync_detail, shipping_fee,
        cod_fee, payment_charge, bundle_id, carrier, flags, payment_date, planned_shipment_date, shipment_date,
        delivery_date, packages_override, goods_override, document, raw_json
        """

    /// With `content` false, a Rakuten order whose totals are known is built from its columns
    /// alone (name, no addresses or items): enough for actions that look only at state, and
    /// without mapping its JSON. Such an order is never written back whole.
    static func order(from row: Row, content: Bool = true) throws -> Order {
        let localStatus = LocalStatus(row["local_status"] as String)
        var order: Order
        if !content, row["document"] as Data? == nil, let total = row["grand_total"] as Int? {
            order = light(from: row, localStatus: localStatus, grandTotal: total)
        } else if let document = row["document"] as Data? {
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
        if !content, order.packages.isEmpty, let total = row["grand_total"] as Int? {
            // The goods part of the total, so that a changed fee gives the right new total.
            let fees = (order.fees.shipping + order.fees.cashOnDelivery + order.fees.paymentCharge).yen ?? 0
            order.goodsPrice = .yen(total - fees)
            order.couponTotal = 0
        }
        return order
    }

    private static func light(from row: Row, localStatus: LocalStatus, grandTotal: Int) -> Order {
        let name = (row["orderer_name"] as String).split(separator: " ", maxSplits: 1).map(String.init)
        let kana = (row["orderer_kana"] as String).split(separator: " ", maxSplits: 1).map(String.init)
        return Order(
            number: OrderNumber(row["order_number"]), origin: .rakutenAPI,
            orderedAt: Date(timeIntervalSince1970: TimeInterval(row["ordered_at"] as Int64)),
            rmsProgress: .awaitingConfirmation, localStatus: localStatus, sync: .notSent,
            orderer: Contact(
                familyName: name.first ?? "", firstName: name.count > 1 ? name[1] : "", familyNameKana: kana.first ?? "",
                firstNameKana: kana.count > 1 ? kana[1] : "", zipCode: "", prefecture: "", city: "", subAddress: "", phoneNumber: ""),
            packages: [], payment: Payment(methodCode: nil, methodName: row["payment_method"]),
            fees: Fees(shipping: .unset, cashOnDelivery: .unset, paymentCharge: .unset), goodsPrice: .yen(grandTotal))
    }
}
