import Foundation

extension OrderStore {
    /// The part of a licenceKey kept to tell keys apart: its last four characters (the key
    /// itself is a secret and stays in config.toml).
    public static func keyTail(_ licenseKey: String) -> String { String(licenseKey.suffix(4)) }
}

extension StoreSyncRecords {
    /// Records the licenceKey's expiry as RMS gives it.
    public func recordLicenseExpiry(_ expiry: Date, licenseKey: String) throws {
        try writing("licenseKeyの有効期限の記録") { db in
            try db.run("""
                INSERT INTO license_expiry (key_tail, expires_at, read_at) VALUES (?, ?, ?)
                ON CONFLICT (key_tail) DO UPDATE SET expires_at = excluded.expires_at, read_at = excluded.read_at
                """, [.text(OrderStore.keyTail(licenseKey)), .integer(Int64(expiry.timeIntervalSince1970)), .integer(Int64(now().timeIntervalSince1970))])
        }
    }

    /// The expiry RMS last gave for `licenseKey`, if it was read.
    public func licenseExpiry(licenseKey: String) throws -> Date? {
        try reading { db in
            try db.firstRow("SELECT expires_at FROM license_expiry WHERE key_tail = ?", [.text(OrderStore.keyTail(licenseKey))]) {
                Date(timeIntervalSince1970: TimeInterval(try $0.requiredInteger("expires_at")))
            }
        }
    }
}
