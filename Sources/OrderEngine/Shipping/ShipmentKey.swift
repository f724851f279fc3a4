/// The short key Juchu writes in a carrier's management-number field for one basket: `J`, the day
/// it was given (yymmdd), a sequence of that day (6 digits) — 13 ASCII characters, within every
/// carrier's field (15–20), where a Rakuten order number (24–26) is not.
public enum ShipmentKey {
    /// `J261204`: the start of every key given on `day`.
    public static func prefix(for day: CalendarDate) -> String {
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "J\(two(day.year % 100))\(two(day.month))\(two(day.day))"
    }

    /// The key numbered `sequence` under `prefix`.
    public static func make(prefix: String, sequence: Int) -> String {
        let digits = String(sequence)
        return prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits
    }

    /// Whether `text` has a key's shape (it may still name no basket).
    public static func isWellFormed(_ text: String) -> Bool {
        let utf8 = text.utf8
        return utf8.count == 13 && utf8.first == UInt8(ascii: "J") && utf8.dropFirst().allSatisfy { $0 >= 0x30 && $0 <= 0x39 }
    }
}
