import Foundation

/// Compares JSON documents by meaning: key order, spacing and explicit nulls versus absent keys
/// do not matter; names, values and nesting do.
public enum JSONComparison {
    public static func normalized(_ bytes: [UInt8]) throws -> NSObject {
        let object = try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
        return normalize(object)
    }

    public static func same(_ a: [UInt8], _ b: [UInt8]) throws -> Bool {
        try normalized(a).isEqual(normalized(b))
    }

    static func normalize(_ value: Any) -> NSObject {
        switch value {
        case let dictionary as [String: Any]:
            let kept = dictionary.filter { !($0.value is NSNull) }.mapValues(normalize)
            return NSDictionary(dictionary: kept)
        case let array as [Any]:
            return NSArray(array: array.map(normalize))
        case let object as NSObject:
            return object
        default:
            return NSNull()
        }
    }
}
