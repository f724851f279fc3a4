import Foundation
import OrderEngine

/// What the desk and the commands say about the licenceKey's expiry (it lasts three months).
public enum LicenseWarning {
    public static let warnDays = 14

    /// Days from `date`'s day to `expiry`'s, in Japan (negative once expired).
    public static func daysLeft(until expiry: Date, on date: Date) -> Int {
        CalendarDate(japanDayOf: JapanTime(expiry)).days(after: JapanTime(date))
    }

    public static func text(daysLeft: Int) -> String {
        if daysLeft < 0 { return "licenseKey の有効期限が切れています（\(-daysLeft)日前）。RMSで再発行し、設定を書き換えてください" }
        if daysLeft <= warnDays { return "licenseKey の有効期限まであと\(daysLeft)日です。RMSで再発行してください" }
        return "licenseKey の有効期限まであと\(daysLeft)日"
    }
}
