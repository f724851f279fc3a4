import Foundation
import GRDB

extension OrderStore {
    /// The part of a licenceKey kept to tell keys apart: its last four characters (the key
    /// itself is a secret and stays in config.toml).
    public static func keyTail(_ licenseKey: String) -> String { String(licenseKey.suffix(4)) }

    /// Records the licenceKey's expiry as RMS gives it.
    public func recordLicenseExpiry(_ expiry: Date, licenseKey: String) throws {
        try writeTransaction("licenseKeyの有効期限の記録") { db in
            try db.execute(sql: """
                INSERT INTO license_expiry (key_tail, expires_at, read_at) VALUES (?, ?, ?)
                ON CONFLICT(key_tail) DO UPDATE SET expires_at = excluded.expires_at, read_at = excluded.read_at
                """, arguments: [Self.keyTail(licenseKey), Int64(expiry.timeIntervalSince1970), Int64(now().timeIntervalSince1970)])
        }
    }

    /// The expiry RMS last gave for `licenseKey`, if it was read.
    public func licenseExpiry(licenseKey: String) throws -> Date? {
        try pool.read { db in
            try Int64.fetchOne(db, sql: "SELECT expires_at FROM license_expiry WHERE key_tail = ?", arguments: [Self.keyTail(licenseKey)])
                .map { Date(timeIntervalSince1970: TimeInterval($0)) }
        }
    }
}
