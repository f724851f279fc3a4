import Foundation

/// A folder of backups of one store: `juchu-YYYYMMDD-HHMMSS.sqlite` (Japan time), the newest
/// last by name, the last `keep` kept.
public struct BackupFolder: Sendable {
    public let path: String

    public init(path: String) {
        self.path = path
    }

    static let prefix = "juchu-"
    static let suffix = ".sqlite"

    /// The name of a backup made at `date`.
    public func file(at date: Date) -> String {
        "\(path)/\(Self.prefix)\(Self.stamp(date))\(Self.suffix)"
    }

    /// `YYYYMMDD-HHMMSS` in Japan time: names that sort as their times.
    static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The backups in the folder, oldest first (by their names, which sort as their times).
    public func backups() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(Self.suffix) }
            .sorted()
            .map { "\(path)/\($0)" }
    }

    /// Removes all but the newest `keep` backups; returns those removed.
    public func prune(keep: Int) throws -> [String] {
        let all = try backups()
        let old = Array(all.dropLast(max(keep, 1)))
        for file in old { try FileManager.default.removeItem(atPath: file) }
        return old
    }
}
