import Foundation
import GRDB

extension OrderStore {
    /// A backup made and checked.
    public struct Backup: Sendable {
        public let path: String
        /// What the store held at the moment copied — and the copy holds.
        public let contents: StoreContents
        public let bytes: Int64
        /// What could not be tidied after it was made (said, not failed); nil when nothing.
        public let warning: String?
    }

    /// Copies the store as it stands at one moment into a new file at `path` while desks and the
    /// worker go on writing (``backup(reading:to:access:)``).
    public func backup(to path: String) throws -> Backup {
        try Self.backup(reading: pool, to: path, access: access)
    }

    /// Copies the database `reader` reads, as it stands at one moment, into a new file at `path`:
    /// SQLite's online backup from one read transaction (a WAL snapshot;
    /// https://www.sqlite.org/backup.html), counted in the same transaction. The copy is made
    /// under a name of its own (`path.partial-…`, created new, with `access`), checked on its own
    /// (``verifyBackup(at:)``: integrity_check, and the counts of the moment copied), and only then
    /// linked to `path`, which must not exist: a file of that name is always a whole, checked
    /// backup, and two backups never write over each other.
    static func backup(reading reader: some DatabaseReader, to path: String, access: FileAccess) throws -> Backup {
        try backup(to: path, access: access) { partial in
            let target = try DatabaseQueue(path: partial)
            let copied = try target.writeWithoutTransaction { destination in
                try reader.read { source in
                    let contents = try StoreContents.count(in: source)
                    try source.backup(to: destination)
                    return contents
                }
            }
            // One file, no -wal beside it: what is copied elsewhere is the whole backup.
            try target.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE") }
            try target.close()
            return copied
        } verifying: { partial in
            try verifyBackup(at: partial)
        }
    }

    /// A backup file at `path`, made by every backend the same way: `copying` writes the store as
    /// it stands at one moment into a new file of its own name (`path.partial-…`, created new with
    /// `access`) and says what it held at that moment; `verifying` opens that file on its own and
    /// counts what it holds; only when the two agree is it linked to `path`, which must not exist —
    /// a file of that name is always a whole, checked backup, and two backups never write over each
    /// other. Nothing half-made is left under a backup's name.
    public static func backup(
        to path: String, access: FileAccess, copying: (_ partial: String) throws -> StoreContents,
        verifying: (_ partial: String) throws -> StoreContents
    ) throws -> Backup {
        let partial = path + ".partial-" + UUID().uuidString.prefix(8).lowercased()
        do {
            try access.createFile(partial, new: true)
            let copied = try copying(partial)
            let found = try verifying(partial)
            guard found == copied else {
                throw StoreError("コピーの中身が元と違います（元: \(copied.summary)、コピー: \(found.summary)）")
            }
            guard link(partial, path) == 0 else {
                throw StoreError(errno == EEXIST ? "バックアップ \(path) はもうあります" : "\(path) を作れません: \(String(cString: strerror(errno)))")
            }
            var warning: String?
            do {
                try removeIfPresent(partial)
            } catch {
                // Made and checked all the same; the copy under the other name is the one left to remove.
                warning = "途中のファイル \(partial) を消せません（バックアップと同じ中身です）: \(error)"
            }
            var status = stat()
            _ = stat(path, &status)
            return Backup(path: path, contents: found, bytes: Int64(status.st_size), warning: warning)
        } catch {
            let removal = Result { try removeIfPresent(partial) }
            if case .failure(let left) = removal { throw StoreError("バックアップに失敗しました: \(error)（途中のファイル \(partial) も消せません: \(left)）") }
            throw StoreError("バックアップに失敗しました: \(error)")
        }
    }

    /// Opens the backup at `path` on its own (read-only), runs SQLite's integrity_check and counts
    /// what it holds; a file that is not a whole store is refused with what is wrong.
    public static func verifyBackup(at path: String) throws -> StoreContents {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path) がありません") }
        var configuration = Configuration()
        configuration.readonly = true
        do {
            let queue = try DatabaseQueue(path: path, configuration: configuration)
            return try queue.read { try check($0) }
        } catch let error as StoreError {
            throw StoreError("\(path): \(error.description)")
        } catch {
            throw StoreError("\(path) を受注のデータベースとして開けません: \(error)")
        }
    }

    /// SQLite's integrity_check of `db`, then what it holds, counted.
    static func check(_ db: Database) throws -> StoreContents {
        let problems = try String.fetchAll(db, sql: "PRAGMA integrity_check")
        guard problems == ["ok"] else {
            throw StoreError("整合性の検査（integrity_check）で問題があります: \(problems.prefix(5).joined(separator: " / "))")
        }
        return try StoreContents.count(in: db)
    }

    private static func removeIfPresent(_ file: String) throws {
        guard FileManager.default.fileExists(atPath: file) else { return }
        try FileManager.default.removeItem(atPath: file)
    }
}
