/// An RMS order number, `shopId-yyyymmdd-serial` (e.g. `502763-20171027-00006701`).
public struct OrderNumber: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    public init(_ rawValue: String) { self.rawValue = rawValue }

    public var description: String { rawValue }

    /// The number without the shop id, for narrow columns: the shop id is the same on every row.
    public var withoutShopID: Substring {
        guard let dash = rawValue.firstIndex(of: "-") else { return rawValue[...] }
        return rawValue[rawValue.index(after: dash)...]
    }

    public static func < (lhs: OrderNumber, rhs: OrderNumber) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        rawValue = try decoder.singleValueContainer().decode(String.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
