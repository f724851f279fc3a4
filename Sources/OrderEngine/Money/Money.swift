/// An amount of Japanese yen that may not be fixed yet.
///
/// RMS sends -9999 for a fee or total it has not fixed ("―-円" in RMS); that sentinel is turned
/// into ``unset`` at the edge (``init(rakuten:)``) and never travels further as a number.
public enum Money: Sendable, Hashable {
    case unset
    case yen(Int)

    /// The value RMS uses for "not fixed yet".
    public static let rakutenUnsetSentinel = -9999

    /// Maps an RMS amount, where -9999 means unset.
    public init(rakuten value: Int) {
        self = value == Money.rakutenUnsetSentinel ? .unset : .yen(value)
    }

    /// The amount as RMS expects it: -9999 when unset.
    public var rakutenValue: Int {
        switch self {
        case .unset: Money.rakutenUnsetSentinel
        case .yen(let value): value
        }
    }

    public var isUnset: Bool { self == .unset }

    public var yen: Int? {
        if case .yen(let value) = self { return value }
        return nil
    }

    public static let zero = Money.yen(0)

    /// A sum is unset as soon as one of its parts is.
    public static func + (lhs: Money, rhs: Money) -> Money {
        guard case .yen(let a) = lhs, case .yen(let b) = rhs else { return .unset }
        return .yen(a + b)
    }

    public static func - (lhs: Money, rhs: Money) -> Money {
        guard case .yen(let a) = lhs, case .yen(let b) = rhs else { return .unset }
        return .yen(a - b)
    }

    public static func sum(_ parts: some Sequence<Money>) -> Money {
        parts.reduce(.zero, +)
    }
}

extension Money: CustomStringConvertible {
    /// "12,345円", or "未設定" when unset.
    public var description: String {
        switch self {
        case .unset: "未設定"
        case .yen(let value): Money.groupedYen(value)
        }
    }

    /// Digits grouped by thousands followed by 円: `-1,200円`.
    public static func groupedYen(_ value: Int) -> String { grouped(value) + "円" }

    /// Points as amounts are written, grouped by thousands: `1,500pt`.
    public static func groupedPoints(_ value: Int) -> String { grouped(value) + "pt" }

    /// Digits grouped by thousands: `-1,200`.
    public static func grouped(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var grouped = ""
        grouped.reserveCapacity(digits.count + digits.count / 3 + 1)
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { grouped.append(",") }
            grouped.append(digit)
        }
        return (value < 0 ? "-" : "") + grouped
    }
}
