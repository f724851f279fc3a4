import Foundation

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

    /// Makes a backup in the schedule's folder (or `folder`), made with the store's access when
    /// missing; checks it; only then removes the oldest beyond `keep`.
    public func makeBackup(_ schedule: BackupSchedule, into folder: BackupFolder? = nil) throws -> ScheduledBackup {
        let folder = folder ?? schedule.folder
        do { try access.makeFolder(folder.path) } catch { throw StoreError("バックアップの\(error.description)") }
        let backup = try backup(to: folder.file(at: now()))
        return ScheduledBackup(backup: backup, removed: try folder.prune(keep: schedule.keep))
    }

    /// Whether the daily backup is due: the newest in the folder (by when it was written) is older
    /// than `schedule.every`, or there is none.
    public func backupIsDue(_ schedule: BackupSchedule) throws -> Bool {
        guard let every = schedule.every else { return false }
        guard let newest = try schedule.folder.backups().last else { return true }
        let modified = try FileManager.default.attributesOfItem(atPath: newest)[.modificationDate] as? Date ?? .distantPast
        return now().timeIntervalSince(modified) >= every
    }
}
