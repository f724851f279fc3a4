import Foundation
import GRDB
import OrderEngine
import RakutenPay

/// Builds an order back from its row: RMS's raw JSON mapped again (or the stored document of an
/// order without one), with the shop's state from the columns laid over it.
public enum OrderRecord {
    public static let columns = """
        order_number, local_status, rms_progress, confirmed_at, sync_state, sync_error, sync_detail, shipping_fee,
        cod_fee, payment_charge, bundle_id, carrier, flags, payment_date, planned_shipment_date, shipment_date,
        delivery_date, pending_edit, rms_diff, parcels, packages_override, goods_override, details_override, document, raw_json
        """

    /// Where ``columns`` are read from: an order with its content.
    public static let source = "orders LEFT JOIN order_content ON order_content.order_id = orders.id"

    /// The `order_content` row of the order whose number is bound (`UPDATE order_content SET … WHERE` this).
    static let contentOfOrder = "order_id = (SELECT id FROM orders WHERE order_number = ?)"

    /// The columns of a state-only read: no JSON is fetched. `from_raw` tells the orders that
    /// can be read so (content from RMS's JSON) from those whose document must be read whole.
    public static let stateColumns = """
        order_number, ordered_at, orderer_name, orderer_kana, payment_method, local_status, rms_progress,
        confirmed_at, sync_state, sync_error, sync_detail, shipping_fee, cod_fee, payment_charge, bundle_id, carrier,
        flags, payment_date, planned_shipment_date, shipment_date, delivery_date, pending_edit, rms_diff, parcels,
        document IS NULL AS from_raw
        """

    static func order(from row: some StoredRowReading) throws -> Order {
        let localStatus = LocalStatus(id: try row.requiredText("local_status"))
        var order: Order
        if let document = try row.bytes("document") {
            order = try OrderDocument.decode(Order.self, document)
        } else if let raw = try row.bytes("raw_json") {
            let model = try JSONIndexDecoder().decode(OrderModel.self, from: raw)
            order = Order(rakuten: model, localStatus: localStatus)
        } else {
            throw StoreError("注文 \(try row.text("order_number") ?? "?") の内容がありません（データベースが壊れている可能性があります）")
        }
        try applyState(from: row, to: &order)
        if let packages = try row.bytes("packages_override") {
            order.packages = try OrderDocument.decode([Package].self, packages)
        }
        if let goods = try row.integer("goods_override") { order.goodsPrice = .yen(Int(goods)) }
        if let details = try row.text("details_override") { order.setDetailValues(try DetailsOverride(text: details, of: order.number).values) }
        return order
    }

    /// The shop's state, kept in columns, laid over the order's content.
    private static func applyState(from row: some StoredRowReading, to order: inout Order) throws {
        func money(_ column: String) throws -> Money { try row.integer(column).map { Money.yen(Int($0)) } ?? .unset }
        order.localStatus = LocalStatus(id: try row.requiredText("local_status"))
        order.rmsProgress = RMSProgress(code: Int(try row.requiredInteger("rms_progress")))
        order.confirmedAt = try row.integer("confirmed_at").map { Date(timeIntervalSince1970: TimeInterval($0)) }
        order.sync = SyncState(key: try row.requiredText("sync_state"), error: try row.text("sync_error"), detail: try row.text("sync_detail"))
        order.fees = Fees(shipping: try money("shipping_fee"), cashOnDelivery: try money("cod_fee"), paymentCharge: try money("payment_charge"))
        order.bundleID = try row.text("bundle_id").map(BundleID.init)
        order.carrier = try row.text("carrier").map(Carrier.init(code:))
        order.flags = OrderColumns.flags(try row.requiredText("flags"))
        var dates: [DateField: CalendarDate] = [:]
        for (field, column) in [(DateField.paymentDate, "payment_date"), (.plannedShipmentDate, "planned_shipment_date"),
                                (.shipmentDate, "shipment_date"), (.deliveryDate, "delivery_date")] {
            if let text = try row.text(column), let date = CalendarDate(parsing: text) { dates[field] = date }
        }
        order.dates = dates
        if let text = try row.text("pending_edit") {
            guard let edit = PendingEdit(text: text) else {
                throw StoreError("注文 \(order.number) の未反映の変更の記録「\(text.prefix(80))」を読めません（データベースが壊れている可能性があります）")
            }
            order.pendingEdit = edit
        }
        let parcels = try row.requiredText("parcels")
        guard let read = [Parcel](journalText: parcels) else {
            throw StoreError("注文 \(order.number) の荷物番号の記録「\(parcels)」を読めません（データベースが壊れている可能性があります）")
        }
        order.parcels = read
        if let difference = try row.text("rms_diff") {
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
    static func stateOnlyOrder(from row: some StoredRowReading) throws -> Order {
        let name = try row.requiredText("orderer_name").split(separator: " ", maxSplits: 1).map(String.init)
        let kana = try row.requiredText("orderer_kana").split(separator: " ", maxSplits: 1).map(String.init)
        var order = Order(
            number: OrderNumber(try row.requiredText("order_number")), origin: .rakutenAPI,
            orderedAt: Date(timeIntervalSince1970: TimeInterval(try row.requiredInteger("ordered_at"))),
            rmsProgress: .awaitingConfirmation, localStatus: LocalStatus(id: try row.requiredText("local_status")), sync: .notSent,
            orderer: Contact(
                familyName: name.first ?? "", firstName: name.count > 1 ? name[1] : "", familyNameKana: kana.first ?? "",
                firstNameKana: kana.count > 1 ? kana[1] : "", zipCode: "", prefecture: "", city: "", subAddress: "", phoneNumber: ""),
            packages: [], payment: Payment(methodCode: nil, methodName: try row.requiredText("payment_method")),
            fees: Fees(shipping: .unset, cashOnDelivery: .unset, paymentCharge: .unset), goodsPrice: .unset)
        try applyState(from: row, to: &order)
        return order
    }

    /// The orders of `numbers`, in their order, as each backend reads them: `fetch` calls `each`
    /// with every row of `columns` (from ``source``) of up to 500 numbers at a time. With `content`
    /// false, an order read from RMS's JSON is built from its state columns only
    /// (``stateOnlyOrder(from:)``): no JSON is fetched or mapped, for actions that look only at
    /// state; an order without RMS's JSON is read whole all the same.
    public static func load(
        _ numbers: [OrderNumber], content: Bool,
        fetch: (_ columns: String, _ numbers: [String], _ each: (any StoredRowReading) throws -> Void) throws -> Void
    ) throws -> [Order] {
        // Orders go straight to their place in the answer: no second copy of ten thousand of them.
        var position: [String: Int] = [:]
        position.reserveCapacity(numbers.count)
        for (index, number) in numbers.enumerated() { position[number.rawValue] = index }
        var found = [Order?](repeating: nil, count: numbers.count)
        var whole: [OrderNumber] = []
        // SQLite limits bound parameters; 500 at a time stays well within it.
        for start in stride(from: 0, to: numbers.count, by: 500) {
            let chunk = numbers[start..<min(numbers.count, start + 500)].map(\.rawValue)
            try fetch(content ? columns : stateColumns, chunk) { row in
                guard let index = position[try row.requiredText("order_number")] else { return }
                do {
                    if content {
                        found[index] = try order(from: row)
                    } else if try row.bool("from_raw") {
                        found[index] = try stateOnlyOrder(from: row)
                    } else {
                        whole.append(numbers[index])
                    }
                } catch let empty as EmptyColumn {
                    throw empty.said("注文 \(numbers[index]) ")
                }
            }
        }
        for order in try whole.isEmpty ? [] : load(whole, content: true, fetch: fetch) { found[position[order.number.rawValue]!] = order }
        return found.compactMap { $0 }
    }
}
