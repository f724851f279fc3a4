import struct Foundation.Date

/// RMS cancels an order the shop has not confirmed within 14 days of its order (RMS's 自動キャンセル);
/// the shop is warned from day 10, while there is time to confirm or call.
public enum AutomaticCancellation {
    public static let days = 14
    public static let warnFromDay = 10

    /// Orders placed before this moment and still unconfirmed are warned of.
    public static func warningCutoff(now: Date) -> Date {
        now.addingTimeInterval(-Double(warnFromDay) * 86_400)
    }

    /// The warning for `count` such orders.
    public static func warning(count: Int) -> String {
        "注文確認をしていない注文が\(count)件、注文から\(warnFromDay)日を過ぎています（\(days)日で自動キャンセルされます）"
    }
}
