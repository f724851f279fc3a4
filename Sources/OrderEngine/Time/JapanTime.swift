import struct Foundation.Date

/// Wall-clock parts of an instant in Japan (JST, UTC+9, no daylight saving), for display.
/// Computed, not looked up: no time-zone database, no clock.
public struct JapanTime: Sendable, Hashable {
    public let year: Int
    public let month: Int
    public let day: Int
    public let hour: Int
    public let minute: Int
    public let second: Int

    public static let offsetSeconds: Int64 = 9 * 3600

    public init(_ date: Date) {
        let local = Int64(date.timeIntervalSince1970.rounded(.down)) + Self.offsetSeconds
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let secondOfDay = Int(local - Int64(days) * 86_400)
        (year, month, day) = CivilDate.date(days: days)
        hour = secondOfDay / 3600
        minute = secondOfDay / 60 % 60
        second = secondOfDay % 60
    }

    /// 2026-11-22
    public var dateText: String { "\(year)-\(Self.two(month))-\(Self.two(day))" }
    /// 11/22 14:05
    public var shortText: String { "\(Self.two(month))/\(Self.two(day)) \(Self.two(hour)):\(Self.two(minute))" }
    /// 14:05:09
    public var timeText: String { "\(Self.two(hour)):\(Self.two(minute)):\(Self.two(second))" }
    /// 20261122-140509: for a file's name, which sorts by time.
    public var fileStamp: String { "\(year)\(Self.two(month))\(Self.two(day))-\(Self.two(hour))\(Self.two(minute))\(Self.two(second))" }
    /// 2026-11-22 14:05
    public var fullText: String { "\(dateText) \(Self.two(hour)):\(Self.two(minute))" }

    static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
