/// The numbers of orders made at the desk (複製; later, orders taken by phone): never an RMS number —
/// the source's shop id, the day in Japan, then M and a sequence of six digits:
/// `398211-20261206-M000001`.
extension OrderNumber {
    /// What every hand-entered number of `day` begins with, for a source of this shop.
    public static func handEnteredPrefix(like source: OrderNumber, on day: CalendarDate) -> String {
        let shop = source.rawValue.split(separator: "-").first.map(String.init) ?? "000000"
        let compact = day.description.filter { $0 != "-" }
        return "\(shop)-\(compact)-M"
    }

    /// The number after `last`, the highest of `prefix` so far (nil: the day's first).
    public static func handEntered(prefix: String, after last: String?) -> OrderNumber {
        let next = (last.flatMap { Int($0.dropFirst(prefix.count)) } ?? 0) + 1
        let digits = String(next)
        return OrderNumber(prefix + String(repeating: "0", count: max(0, 6 - digits.count)) + digits)
    }
}
