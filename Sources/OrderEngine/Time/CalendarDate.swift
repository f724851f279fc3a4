/// A date on the calendar (入金日, 出荷日, お届け日...), without a time or a zone.
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Nil unless it is a real date.
    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2999).contains(year), CivilDate.isValid(year: year, month: month, day: day) else { return nil }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Reads `2026-11-22`, `2026/11/22` or `20261122`, as operators type them.
    public init?(parsing text: some StringProtocol) {
        let digits = String(text.filter { $0 != "-" && $0 != "/" })
        let parts = text.split(whereSeparator: { $0 == "-" || $0 == "/" })
        if parts.count == 3, let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), parts[0].count == 4 {
            self.init(year: y, month: m, day: d)
        } else if parts.count == 1, digits.count == 8, digits.allSatisfy(\.isASCII), let value = Int(digits) {
            self.init(year: value / 10_000, month: value / 100 % 100, day: value % 100)
        } else {
            return nil
        }
    }

    /// The date in Japan of an instant given as seconds since 1970.
    public init(japanDayOf date: JapanTime) {
        year = date.year
        month = date.month
        day = date.day
    }

    /// 2026-11-22
    public var description: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }

    public var daysSinceEpoch: Int { CivilDate.days(year: year, month: month, day: day) }

    /// The date `days` later (earlier when negative).
    public func adding(days: Int) -> CalendarDate {
        let moved = CivilDate.date(days: daysSinceEpoch + days)
        // A day counted from a real date is a real date.
        return CalendarDate(year: moved.year, month: moved.month, day: moved.day) ?? self
    }

    /// Days from `start`'s day to this date, in Japan (negative when this date is before it).
    public func days(after start: JapanTime) -> Int { daysSinceEpoch - CalendarDate(japanDayOf: start).daysSinceEpoch }

    /// Epoch seconds of the day's first second in Japan (the inverse of ``init(japanDayOf:)``).
    public var startInJapan: Int64 { Int64(daysSinceEpoch) * 86_400 - JapanTime.offsetSeconds }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool { lhs.daysSinceEpoch < rhs.daysSinceEpoch }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = CalendarDate(parsing: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "「\(text)」は日付ではありません")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
