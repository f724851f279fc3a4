import Foundation
import OrderEngine

/// A datetime as the API writes it: `yyyy-MM-ddTHH:mm:ss+0900` (no colon in the offset).
/// RMS rejects `+09:00` and `Z`, so this type reads and writes only the API's form.
public struct RakutenDateTime: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01T00:00:00Z.
    public let epochSeconds: Int64
    /// The offset it was written with, in minutes (RMS: always +540).
    public let offsetMinutes: Int

    public static let japanOffsetMinutes = 540

    public init(epochSeconds: Int64, offsetMinutes: Int = RakutenDateTime.japanOffsetMinutes) {
        self.epochSeconds = epochSeconds
        self.offsetMinutes = offsetMinutes
    }

    public init(_ date: Date) {
        self.init(epochSeconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(epochSeconds)) }

    /// Parses the API form; nil for anything else.
    public init?(parsing text: String) {
        let s = FixedWidthScanner(text)
        guard s.bytes.count == 24,
            s.byte(4, is: "-"), s.byte(7, is: "-"), s.byte(10, is: "T"), s.byte(13, is: ":"), s.byte(16, is: ":"),
            let year = s.number(0, 4), let month = s.number(5, 2), let day = s.number(8, 2),
            let hour = s.number(11, 2), let minute = s.number(14, 2), let second = s.number(17, 2),
            let offsetHours = s.number(20, 2), let offsetMins = s.number(22, 2),
            s.byte(19, is: "+") || s.byte(19, is: "-"),
            CivilDate.isValid(year: year, month: month, day: day),
            hour < 24, minute < 60, second < 60, offsetHours < 24, offsetMins < 60
        else { return nil }
        let sign = s.byte(19, is: "-") ? -1 : 1
        let offset = sign * (offsetHours * 60 + offsetMins)
        let days = CivilDate.days(year: year, month: month, day: day)
        let local = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
        self.init(epochSeconds: local - Int64(offset * 60), offsetMinutes: offset)
    }

    /// The local wall-clock parts in this value's offset.
    public var localParts: (year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        let local = epochSeconds + Int64(offsetMinutes * 60)
        let days = Int(local >= 0 ? local / 86_400 : (local - 86_399) / 86_400)
        let secondOfDay = Int(local - Int64(days) * 86_400)
        let (y, m, d) = CivilDate.date(days: days)
        return (y, m, d, secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60)
    }

    public var description: String {
        let p = localParts
        let sign = offsetMinutes < 0 ? "-" : "+"
        let offset = abs(offsetMinutes)
        return "\(zeroPadded(p.year, 4))-\(zeroPadded(p.month, 2))-\(zeroPadded(p.day, 2))T"
            + "\(zeroPadded(p.hour, 2)):\(zeroPadded(p.minute, 2)):\(zeroPadded(p.second, 2))"
            + "\(sign)\(zeroPadded(offset / 60, 2))\(zeroPadded(offset % 60, 2))"
    }

    public func adding(seconds: Int64) -> RakutenDateTime {
        RakutenDateTime(epochSeconds: epochSeconds + seconds, offsetMinutes: offsetMinutes)
    }

    public static func < (lhs: RakutenDateTime, rhs: RakutenDateTime) -> Bool { lhs.epochSeconds < rhs.epochSeconds }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = RakutenDateTime(parsing: text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "「\(text)」は yyyy-MM-ddTHH:mm:ss+0900 の形式ではありません")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
