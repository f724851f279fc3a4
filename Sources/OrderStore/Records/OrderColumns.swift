import Foundation
import RakutenPay
import GRDB
import OrderEngine

/// The columns of one order, derived from the order itself so that they never disagree with it.
///
/// Identity columns are written once, at import; state columns (everything the shop changes, and
/// what RMS was last seen to hold) on every change. A Rakuten order's content is RMS's raw JSON,
/// mapped again on every read; only an order without raw JSON keeps its whole content (`document`).
struct OrderColumns {
    let order: Order
    /// The unsent edit's column left out (as NULL): compared with an order whose edit is the
    /// same, it is not made (JSON) twice for nothing.
    var leavesPendingEdit = false

    init(order: Order, leavesPendingEdit: Bool = false) {
        self.order = order
        self.leavesPendingEdit = leavesPendingEdit
    }

    static let identityNames = [
        "order_number", "order_number_reversed", "origin", "ordered_at", "orderer_name", "orderer_kana",
        "phone_reversed", "payment_method",
    ]

    // Built value by value, without existential boxes: a million orders go through here.
    func identity(tails: OrderTails) -> [DatabaseValue] {
        [
            order.number.rawValue.databaseValue, tails.orderNumber.databaseValue,
            originKey.databaseValue, Int64(order.orderedAt.timeIntervalSince1970).databaseValue,
            order.orderer.fullName.databaseValue, order.orderer.fullNameKana.databaseValue,
            tails.phoneNumber.databaseValue, order.payment.methodName.databaseValue,
        ]
    }

    static let stateNames = [
        "local_status", "rms_progress", "confirmed_at", "sync_state", "sync_error", "sync_detail", "grand_total",
        "shipping_fee", "cod_fee", "payment_charge", "bundle_id", "carrier", "flags", "payment_date",
        "planned_shipment_date", "shipment_date", "delivery_date", "pending_edit", "rms_diff", "total_price",
        "request_price", "read_problem", "delivery_name", "delivery_wish", "delivery_slot", "sub_status", "handling_marks", "parcels",
        "destination_key", "has_remarks", "item_text", "buyer_key",
    ]

    var state: [DatabaseValue] {
        let dates = order.dates
        return [
            order.localStatus.id.databaseValue, order.rmsProgress.code.databaseValue,
            order.confirmedAt.map { Int64($0.timeIntervalSince1970) }.databaseValue, syncKey.databaseValue,
            syncError.databaseValue, syncDetail.databaseValue, order.grandTotal.yen.databaseValue,
            order.fees.shipping.yen.databaseValue, order.fees.cashOnDelivery.yen.databaseValue,
            order.fees.paymentCharge.yen.databaseValue, order.bundleID?.rawValue.databaseValue ?? .null,
            order.carrier?.code.databaseValue ?? .null, Self.flagsText(order.flags).databaseValue,
            dates.isEmpty ? .null : dates[.paymentDate]?.description.databaseValue ?? .null,
            dates.isEmpty ? .null : dates[.plannedShipmentDate]?.description.databaseValue ?? .null,
            dates.isEmpty ? .null : dates[.shipmentDate]?.description.databaseValue ?? .null,
            dates.isEmpty ? .null : dates[.deliveryDate]?.description.databaseValue ?? .null,
            leavesPendingEdit ? .null : order.pendingEdit?.text.databaseValue ?? .null,
            order.rmsDifference.flatMap { try? String(decoding: OrderDocument.encode($0), as: UTF8.self) }.databaseValue,
            // RMS's 合計金額 and 請求金額 (recomputed only while the shop has unsent amounts).
            order.totalPrice.yen.databaseValue, order.requestPrice.yen.databaseValue,
            order.readProblem?.description.databaseValue ?? .null,
            // What RMS says of the delivery, for the grid's columns and the search line's filters.
            order.delivery?.method.databaseValue ?? .null, order.delivery?.date?.description.databaseValue ?? .null,
            order.delivery?.timeSlot.flatMap { $0 == 0 ? nil : $0 }.databaseValue ?? .null,
            order.delivery?.subStatus.databaseValue ?? .null, Self.marksText(order.handlingMarks).databaseValue,
            order.parcels.journalText.databaseValue,
            // For the search line's 同梱:候補, 備考: and 商品: (StoreSchemaV19).
            order.bundleCandidateKey.databaseValue, order.hasRemarks.databaseValue, order.itemText.databaseValue,
            // For リピート: (StoreSchemaV20).
            order.buyerKey.databaseValue,
        ]
    }

    /// Marks between tabs in their own order (`\tギフト\tのし\t`), so that one is found with LIKE.
    static func marksText(_ marks: [String]) -> String {
        marks.isEmpty ? "" : "\t" + marks.joined(separator: "\t") + "\t"
    }

    /// Flags between tabs (`\tメール便\t`), so that one flag is found with LIKE '%\tメール便\t%'.
    static func flagsText(_ flags: Set<String>) -> String {
        flags.isEmpty ? "" : "\t" + flags.sorted().joined(separator: "\t") + "\t"
    }

    static func flags(_ text: String) -> Set<String> {
        Set(text.split(separator: "\t").map(String.init))
    }

    var syncKey: String {
        switch order.sync {
        case .localOnly: "localOnly"
        case .notSent: "notSent"
        case .confirmSending: "confirmSending"
        case .rakutenProcessing: "rakutenProcessing"
        case .rakutenDone: "rakutenDone"
        case .failed: "failed"
        }
    }

    var syncError: String? {
        if case .failed(let errorClass, _) = order.sync { return errorClass.rawValue }
        return nil
    }

    var syncDetail: String? {
        if case .failed(_, let detail) = order.sync { return detail }
        return nil
    }

    var originKey: String {
        switch order.origin {
        case .rakutenAPI: "rakutenAPI"
        case .csvImport: "csvImport"
        case .enteredByHand(let channel): "hand:\(channel.rawValue)"
        }
    }
}

/// The whole content of an order that has no raw JSON (entered by hand, imported from CSV).
enum OrderDocument {
    /// Keys sorted: the same order gives the same bytes on every write and every backend (a
    /// copy's checksums, the conformance suite), whatever order the encoder's storage keeps.
    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        return try encoder.encode(value)
    }

    /// Read in place (``JSONIndexDecoder``: Foundation's results and errors, several times faster).
    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        try JSONIndexDecoder().decode(type, from: data)
    }
}

extension SyncState {
    /// Rebuilds the state from its columns.
    init(key: String, error: String?, detail: String?) {
        switch key {
        case "localOnly": self = .localOnly
        case "confirmSending": self = .confirmSending
        case "rakutenProcessing": self = .rakutenProcessing
        case "rakutenDone": self = .rakutenDone
        case "failed": self = .failed(APIErrorClass(rawValue: error ?? "") ?? .temporary, detail: detail ?? "")
        default: self = .notSent
        }
    }
}
