import OrderEngine
/// A date as the API writes it: `yyyy-MM-dd` (deliveryDate, shippingDate, expiryDate...).
public struct RakutenDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless it is a real calendar date.
    public init?(year: Int, month: Int, day: Int) {
        guard CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    public init?(parsing text: String) {
        let s = FixedWidthScanner(text)
        guard s.bytes.count == 10, s.byte(4, is: "-"), s.byte(7, is: "-"),
            let year = s.number(0, 4), let month = s.number(5, 2), let day = s.number(8, 2)
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// The date in Japan of an instant.
    public init(_ dateTime: RakutenDateTime) {
        let p = RakutenDateTime(epochSeconds: dateTime.epochSeconds).localParts
        self.year = p.year
        self.month = p.month
        self.day = p.day
    }

    public var daysSinceEpoch: Int { CivilDate.days(year: year, month: month, day: day) }

    public var description: String { "\(zeroPadded(year, 4))-\(zeroPadded(month, 2))-\(zeroPadded(day, 2))" }

    public static func < (lhs: RakutenDate, rhs: RakutenDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = RakutenDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "「\(text)」は yyyy-MM-dd の形式ではありません")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
