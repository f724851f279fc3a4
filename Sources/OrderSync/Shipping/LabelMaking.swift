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

    public static func make(
        _ numbers: [OrderNumber], format: LabelFormat, sender: LabelSender, today: CalendarDate, store: OrderStore, path: String
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
