import Foundation
import OrderEngine
import RakutenPay

/// The details of a Rakuten order the shop changed (StoreSchemaV25), by group: each group's values
/// by field key. A group is kept while the order's values differ from RMS's copy; RMS's copy is
/// laid under it on every read.
struct DetailsOverride: Codable, Equatable {
    var groups: [String: [String: String]]

    /// The groups kept here; the packages (送付先) are kept whole in `packages_override`.
    static let kept: [EditGroup] = [.orderer, .delivery, .memo, .remarks, .subStatus]

    /// The groups of `order` whose values differ from `rms` (RMS's copy as kept).
    init(order: Order, rms: Order) {
        var groups: [String: [String: String]] = [:]
        for group in Self.kept where order.detailValues(of: group) != rms.detailValues(of: group) {
            groups[group.rawValue] = order.detailValues(of: group)
        }
        self.groups = groups
    }

    init(text: String, of number: OrderNumber) throws {
        do {
            groups = try JSONDecoder().decode([String: [String: String]].self, from: Data(text.utf8))
        } catch {
            throw StoreError("注文 \(number) の変更した内容の記録を読めません（データベースが壊れている可能性があります）: \(error)")
        }
    }

    var values: [String: String] {
        groups.values.reduce(into: [:]) { all, values in all.merge(values) { _, new in new } }
    }

    var text: String? {
        guard !groups.isEmpty else { return nil }
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        do {
            return String(decoding: try encoder.encode(groups), as: UTF8.self)
        } catch {
            preconditionFailure("JSON of strings could not be made: \(error)")
        }
    }

    /// Writes the override of `order` (a Rakuten order whose details changed), made against RMS's
    /// copy as the store keeps it.
    static func write(for order: Order, in db: any StoreStatements) throws {
        guard let raw = try OrderStore.rawJSON(of: order.number, in: db) else {
            throw StoreError("注文 \(order.number) のRMSの内容が保存されていません（変更した内容を記録できません）")
        }
        let rms = try Order(rakuten: JSONIndexDecoder().decode(OrderModel.self, from: raw), localStatus: order.localStatus)
        try db.run("UPDATE orders SET details_override = ? WHERE order_number = ?",
                   [.textOrNull(DetailsOverride(order: order, rms: rms).text), .text(order.number.rawValue)])
    }
}
