import Foundation
import GRDB
import OrderEngine

/// The mapped columns of one order, derived from the order itself, so they never disagree with it.
struct OrderColumns {
    let order: Order

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

    var itemNames: String {
        order.packages.flatMap { $0.items.map(\.name) }.joined(separator: "\n")
    }

    /// Arguments for `orders` in the order of ``assignments``.
    func arguments(document: Data) -> [DatabaseValue] {
        let values: [(any DatabaseValueConvertible)?] = [
            originKey, Int64(order.orderedAt.timeIntervalSince1970), order.localStatus.name, order.rmsProgress.code,
            syncKey, syncError, syncDetail, order.orderer.fullName, order.orderer.fullNameKana,
            order.orderer.phoneNumber, order.grandTotal.yen, order.fees.shipping.yen, order.payment.methodName,
            order.bundleID?.rawValue, itemNames, document,
        ]
        return values.map { $0?.databaseValue ?? .null }
    }

    static let columnNames = [
        "origin", "ordered_at", "local_status", "rms_progress", "sync_state", "sync_error", "sync_detail",
        "orderer_name", "orderer_kana", "orderer_phone", "grand_total", "shipping_fee", "payment_method",
        "bundle_id", "item_names", "document",
    ]

    /// `origin = ?, ordered_at = ?, ...`
    static let assignments = columnNames.map { "\($0) = ?" }.joined(separator: ", ")
}

/// Reads and writes the `document` column.
enum OrderDocument {
    static func encode(_ order: Order) throws -> Data {
        try JSONEncoder().encode(order)
    }

    static func decode(_ data: Data) throws -> Order {
        try JSONDecoder().decode(Order.self, from: data)
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
