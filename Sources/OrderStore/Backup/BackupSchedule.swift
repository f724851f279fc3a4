import Foundation
import GRDB

/// config.toml's `[backup]`: where backups of the store go, how many are kept, and whether the
/// sync worker makes one a day.
public struct BackupSchedule: Sendable {
    public var folder: BackupFolder
    /// The newest so many are kept; older ones are removed after a new one is checked.
    public var keep = 7
    /// The worker makes one when the newest is this old; nil: only `juchu backup` makes them.
    public var every: TimeInterval? = 86_400

    public init(folder: String) {
        self.folder = BackupFolder(path: folder)
    }
}

extension OrderStore {
    /// A backup made and checked, and the backups removed to keep the newest `keep`.
    public struct ScheduledBackup: Sendable {
        public let backup: Backup
        public let removed: [String]
    }

    /// Makes a backup in the schedule's folder (made with the store's access when missing), checks
    /// it, and only then removes the oldest beyond `keep` (the worker's daily backup).
    public func makeBackup(_ schedule: BackupSchedule) throws -> ScheduledBackup {
        try Self.makeBackup(reading: pool, access: access, into: schedule.folder, keeping: schedule.keep, at: now())
    }

    /// The same for the store at `path` as it is on disk — opened read-only, its schema not brought
    /// up to this version (a backup taken before an upgrade is of the store before it) — while
    /// desks and the worker go on. Into `folder`, nothing is removed; into the schedule's, the
    /// oldest beyond `keep` are.
    public static func makeBackup(
        ofStoreAt path: String, access: FileAccess, schedule: BackupSchedule, into folder: BackupFolder? = nil, at date: Date
    ) throws -> ScheduledBackup {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("データベース \(path) がありません") }
        if let refusal = access.refusal(for: files(of: path)) { throw refusal }
        let lock = try StoreOpenLock(store: path, exclusive: false, access: access)
        defer { withExtendedLifetime(lock) {} }
        var configuration = Configuration()
        configuration.readonly = true
        let pool: DatabasePool
        do { pool = try DatabasePool(path: path, configuration: configuration) } catch { throw StoreError("データベース \(path) を開けません: \(error)") }
        return try makeBackup(reading: pool, access: access, into: folder ?? schedule.folder, keeping: folder == nil ? schedule.keep : nil, at: date)
    }

    private static func makeBackup(
        reading reader: some DatabaseReader, access: FileAccess, into folder: BackupFolder, keeping keep: Int?, at date: Date
    ) throws -> ScheduledBackup {
        try makeBackup(into: folder, access: access, keeping: keep, at: date) { path in try backup(reading: reader, to: path, access: access) }
    }

    /// A backup made by `make` at the folder's name for `date` (the folder made with `access` when
    /// missing) and, with `keep`, the oldest beyond it removed once the new one is checked: every
    /// backend's backups are kept the same way.
    public static func makeBackup(
        into folder: BackupFolder, access: FileAccess, keeping keep: Int?, at date: Date, _ make: (_ path: String) throws -> Backup
    ) throws -> ScheduledBackup {
        do { try access.makeFolder(folder.path) } catch { throw StoreError("バックアップの\(error.description)") }
        let backup = try make(folder.file(at: date))
        guard let keep else { return ScheduledBackup(backup: backup, removed: []) }
        do {
            return ScheduledBackup(backup: backup, removed: try folder.prune(keep: keep, at: date))
        } catch {
            throw StoreError("バックアップ \(backup.path) は作って確かめました。古いバックアップを消せません: \(error)")
        }
    }

    /// Whether the daily backup is due: the newest in the folder (by when it was written) is older
    /// than `schedule.every`, or there is none.
    public func backupIsDue(_ schedule: BackupSchedule) throws -> Bool {
        try schedule.isDue(at: now())
    }
}

extension BackupSchedule {
    /// Whether the worker's daily backup is due at `date`: the newest in the folder (by when it
    /// was written) is older than `every`, or there is none.
    public func isDue(at date: Date) throws -> Bool {
        guard let every else { return false }
        guard let newest = try folder.backups().last else { return true }
        let modified = try FileManager.default.attributesOfItem(atPath: newest)[.modificationDate] as? Date ?? .distantPast
        return date.timeIntervalSince(modified) >= every
    }
}
