import Foundation
import OrderEngine
import OrderStore
import ShippingFiles

/// 送り状データを書き出す, for the desk and `juchu labels` alike: the chosen orders with every other
/// member of their bundles (a bundle is one parcel, written once), the carrier's file with each
/// parcel's shipment key, written whole at `path` (several files where the carrier limits rows).
public enum LabelMaking {
    public struct Made: Sendable {
        /// The orders looked at: the chosen ones, then the bundle members they brought in.
        public let orders: [Order]
        public let file: LabelFile
        /// Where the files went (none when no row was written).
        public let paths: [String]
    }

    /// The format an action names, or why there is none.
    public static func format(of action: WriteLabelsAction) throws(ActionInputError) -> LabelFormat {
        guard let format = LabelFormat(rawValue: action.format.id) else {
            throw ActionInputError("送り状データの形式「\(action.format.name)」（\(action.format.id)）はありません")
        }
        return format
    }

    /// What writing would do, as a plan to preview: the chosen orders with the other members of
    /// their bundles, each kept out with the reason the file itself would give (the label rules,
    /// the carrier's layout, a character its encoding lacks) — the writer run without keys or a file.
    public static func preview(
        _ numbers: [OrderNumber], _ action: WriteLabelsAction, sender: LabelSender, today: CalendarDate, store: any ShopStore
    ) throws -> Plan {
        let orders = try store.orders(try store.withBundlePartners(numbers))
        let file = LabelWriter(format: try format(of: action), sender: sender, today: today).file(for: orders) { $0.map { _ in "" } }
        let skipped = Dictionary(file.skips.map { ($0.order, $0.reason) }, uniquingKeysWith: { first, _ in first })
        return Plan(
            actionID: action.id, title: action.title,
            changes: orders.filter { skipped[$0.number] == nil }.map { Plan.Change(before: $0, after: $0, fields: []) },
            skips: orders.compactMap { order in skipped[order.number].map { Plan.Skip(number: order.number, reason: .labelRefused($0)) } })
    }

    public static func make(
        _ numbers: [OrderNumber], format: LabelFormat, sender: LabelSender, today: CalendarDate, store: any ShopStore, path: String
    ) throws -> Made {
        let orders = try store.orders(try store.withBundlePartners(numbers))
        let file = try LabelWriter(format: format, sender: sender, today: today).file(for: orders, keys: store.shipmentKeys)
        do throws(FileFormatError) {
            return Made(orders: orders, file: file, paths: try file.write(to: path))
        } catch {
            throw LabelMakingError(description: "送り状データを書き出せません: \(error.description)")
        }
    }
}

public struct LabelMakingError: Error, Sendable, CustomStringConvertible {
    public let description: String
}
