/// The store's backups, as the sync worker makes them daily (`[backup]`): whether one is due,
/// and one made, checked and the oldest beyond `keep` removed. SQLite's is its online backup
/// (``OrderStore/makeBackup(_:)``).
public protocol StoreBackups: Sendable {
    func backupIsDue(_ schedule: BackupSchedule) throws -> Bool
    func makeBackup(_ schedule: BackupSchedule) throws -> OrderStore.ScheduledBackup
}

extension OrderStore: StoreBackups {}
