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
        delivery_date, pending_edit, rms_diff, parcels, packages_override, goods_override, details_override, document, raw_json
        """

    /// Where ``columns`` are read from: an order with its content.
    static let source = "orders LEFT JOIN order_content ON order_content.order_id = orders.id"

    /// The `order_content` row of the order whose number is bound (`UPDATE order_content SET … WHERE` this).
    static let contentOfOrder = "order_id = (SELECT id FROM orders WHERE order_number = ?)"

    /// The columns of a state-only read: no JSON is fetched. `from_raw` tells the orders that
    /// can be read so (content from RMS's JSON) from those whose document must be read whole.
    static let stateColumns = """
        order_number, ordered_at, orderer_name, orderer_kana, payment_method, local_status, rms_progress,
        confirmed_at, sync_state, sync_error, sync_detail, shipping_fee, cod_fee, payment_charge, bundle_id, carrier,
        flags, payment_date, planned_shipment_date, shipment_date, delivery_date, pending_edit, rms_diff, parcels,
        document IS NULL AS from_raw
        """

    static func order(from row: Row) throws -> Order {
        let localStatus = LocalStatus(id: row["local_status"] as String)
        var order: Order
        if let document = row["document"] as Data? {
            order = try OrderDocument.decode(Order.self, document)
        } else if let raw = row["raw_json"] as Data? {
            let model = try JSONIndexDecoder().decode(OrderModel.self, from: raw)
            order = Order(rakuten: model, localStatus: localStatus)
        } else {
            throw StoreError("注文 \(row["order_number"] as String) の内容がありません（データベースが壊れている可能性があります）")
        }
        try applyState(from: row, to: &order)
        if let packages = row["packages_override"] as Data? {
            order.packages = try OrderDocument.decode([Package].self, packages)
        }
        if let goods = row["goods_override"] as Int? { order.goodsPrice = .yen(goods) }
        if let details = row["details_override"] as String? { order.setDetailValues(try DetailsOverride(text: details, of: order.number).values) }
        return order
    }

    /// The shop's state, kept in columns, laid over the order's content.
    private static func applyState(from row: Row, to order: inout Order) throws {
        order.localStatus = LocalStatus(id: row["local_status"] as String)
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
        if let text = row["pending_edit"] as String? {
            guard let edit = PendingEdit(text: text) else {
                throw StoreError("注文 \(order.number) の未反映の変更の記録「\(text.prefix(80))」を読めません（データベースが壊れている可能性があります）")
            }
            order.pendingEdit = edit
        }
        let parcels = row["parcels"] as String
        guard let read = [Parcel](journalText: parcels) else {
            throw StoreError("注文 \(order.number) の荷物番号の記録「\(parcels)」を読めません（データベースが壊れている可能性があります）")
        }
        order.parcels = read
        if let difference = row["rms_diff"] as String? {
            do {
                order.rmsDifference = try OrderDocument.decode(RMSDifference.self, Data(difference.utf8))
            } catch {
                throw StoreError("注文 \(order.number) の「差分あり」の記録を読めません（データベースが壊れている可能性があります）: \(error)")
            }
        }
    }

    /// A Rakuten order from its state columns alone (a row of ``stateColumns`` with `from_raw`):
    /// the orderer's name but no addresses, items or totals (goods unset), so that nothing
    /// derived from its content differs before and after and nothing of it is written back.
    /// Enough for actions that look only at state (``BulkAction/readsOrderContent``).
    static func stateOnlyOrder(from row: Row) throws -> Order {
        let name = (row["orderer_name"] as String).split(separator: " ", maxSplits: 1).map(String.init)
        let kana = (row["orderer_kana"] as String).split(separator: " ", maxSplits: 1).map(String.init)
        var order = Order(
            number: OrderNumber(row["order_number"]), origin: .rakutenAPI,
            orderedAt: Date(timeIntervalSince1970: TimeInterval(row["ordered_at"] as Int64)),
            rmsProgress: .awaitingConfirmation, localStatus: LocalStatus(id: row["local_status"] as String), sync: .notSent,
            orderer: Contact(
                familyName: name.first ?? "", firstName: name.count > 1 ? name[1] : "", familyNameKana: kana.first ?? "",
                firstNameKana: kana.count > 1 ? kana[1] : "", zipCode: "", prefecture: "", city: "", subAddress: "", phoneNumber: ""),
            packages: [], payment: Payment(methodCode: nil, methodName: row["payment_method"]),
            fees: Fees(shipping: .unset, cashOnDelivery: .unset, paymentCharge: .unset), goodsPrice: .unset)
        try applyState(from: row, to: &order)
        return order
    }
}
