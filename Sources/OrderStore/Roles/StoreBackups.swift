import Foundation

/// The store's backups, as the sync worker makes them daily (`[backup]`): whether one is due,
/// and one made, checked and the oldest beyond `keep` removed. SQLite's is its online backup
/// (``OrderStore/makeBackup(_:)``), PostgreSQL's pg_dump.
public protocol StoreBackups: Sendable {
    func backupIsDue(_ schedule: BackupSchedule) throws -> Bool
    func makeBackup(_ schedule: BackupSchedule) throws -> OrderStore.ScheduledBackup
    /// What the store holds now, counted as a backup of it is checked.
    func contents() throws -> StoreContents
}

extension OrderStore: StoreBackups {}

/// A backup put in the store's place, planned first (``StoreRestore`` for SQLite, PostgreSQL's
/// own beside it): what it will replace, said before anything changes.
public protocol StoreRestoring {
    /// What is replaced by what, and what follows, in the operators' words.
    var plan: [String] { get }
    /// Puts the backup in place; the store there before is kept.
    func run(at date: Date) throws -> StoreRestore.Result
}

extension StoreRestore: StoreRestoring {}
