import Foundation
import OrderEngine

/// The last check before a write leaves the machine: RMS's "not fixed yet" (-9999) is never sent.
/// In updateOrderSender it would set a fee back to unset on an order RMS has already fixed, and
/// RMS's totals with it; no action of the desk means that, so a body holding it is a mistake
/// upstream and is refused here, whatever built it.
enum UnsetAmountGuard {
    /// The key path of the first -9999 in `body`, an encoded request; nil when there is none.
    static func firstUnsetAmount(in body: [UInt8]) throws -> String? {
        let object = try JSONSerialization.jsonObject(with: Data(body), options: [.fragmentsAllowed])
        return find(in: object, path: "")
    }

    private static func find(in value: Any, path: String) -> String? {
        switch value {
        case let object as [String: Any]:
            for key in object.keys.sorted() {
                if let found = find(in: object[key]!, path: path.isEmpty ? key : "\(path).\(key)") { return found }
            }
            return nil
        case let array as [Any]:
            for (index, element) in array.enumerated() {
                if let found = find(in: element, path: "\(path)[\(index)]") { return found }
            }
            return nil
        case let number as NSNumber:
            // Booleans are NSNumbers too; -9999 is never one.
            return number.doubleValue == Double(Money.rakutenUnsetSentinel) ? path : nil
        default:
            return nil
        }
    }
}
