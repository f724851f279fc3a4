/// Tracking numbers for tests, as the carriers issue them.
public enum ShippingNumbers {
    /// A valid 12-digit number of ヤマト運輸, 佐川急便 or 日本郵便 (the last digit is the first eleven
    /// mod 7), different for each `serial`.
    public static func valid(_ serial: Int) -> String {
        let body = 40_000_000_000 + serial * 7_919
        return "\(body)\(body % 7)"
    }
}
