import Foundation

/// A folder of backups of one store: `juchu-YYYYMMDD-HHMMSS.sqlite` (Japan time; `.pgdump` for
/// PostgreSQL's), the newest last by name, the last `keep` kept.
public struct BackupFolder: Sendable {
    public let path: String
    /// The backups' kind by their ending: `.sqlite`, or `.pgdump` (pg_dump's custom format).
    public let suffix: String

    public init(path: String, suffix: String = ".sqlite") {
        self.path = path
        self.suffix = suffix
    }

    /// The same folder, for backups of another kind.
    public func holding(_ suffix: String) -> BackupFolder {
        BackupFolder(path: path, suffix: suffix)
    }

    static let prefix = "juchu-"

    /// The name of a backup made at `date`.
    public func file(at date: Date) -> String {
        "\(path)/\(Self.prefix)\(Self.stamp(date))\(suffix)"
    }

    /// `YYYYMMDD-HHMMSS` in Japan time: names that sort as their times.
    public static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Asia/Tokyo")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return String(format: "%04d%02d%02d-%02d%02d%02d", c.year!, c.month!, c.day!, c.hour!, c.minute!, c.second!)
    }

    /// The backups in the folder, oldest first (by their names, which sort as their times).
    public func backups() throws -> [String] {
        guard FileManager.default.fileExists(atPath: path) else { return [] }
        return try FileManager.default.contentsOfDirectory(atPath: path)
            .filter { $0.hasPrefix(Self.prefix) && $0.hasSuffix(suffix) }
            .sorted()
            .map { "\(path)/\($0)" }
    }

    /// Removes all but the newest `keep` backups, and what a backup cut short a day before `date`
    /// left (`….partial-…`: a copy of the buyers' data all the same); returns what it removed.
    public func prune(keep: Int, at date: Date) throws -> [String] {
        let old = Array(try backups().dropLast(max(keep, 1)))
        let manager = FileManager.default
        var partials: [String] = []
        for name in try manager.contentsOfDirectory(atPath: path) where name.hasPrefix(Self.prefix) && name.contains(suffix + ".partial-") {
            let modified = try manager.attributesOfItem(atPath: "\(path)/\(name)")[.modificationDate] as? Date ?? date
            if modified < date.addingTimeInterval(-86_400) { partials.append("\(path)/\(name)") }
        }
        for file in old + partials { try manager.removeItem(atPath: file) }
        return old + partials
    }
}
