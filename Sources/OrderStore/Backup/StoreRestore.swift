import Foundation
import GRDB

/// Putting a backup in the store's place. Made while nothing has the store open: preparing one
/// takes the store's open lock exclusively (``StoreOpenLock``) and holds it until it is run or
/// dropped, so no desk, worker or command opens the file meanwhile.
public final class StoreRestore {
    public let backup: String
    public let target: String
    /// What the backup holds (checked: integrity_check and counts).
    public let backupContents: StoreContents
    /// What the store holds now, replaced by the backup; nil when there is none.
    public let currentContents: StoreContents?
    let access: FileAccess
    /// Held from the check to the end of the restore.
    private var lock: StoreOpenLock?

    /// What a restore did.
    public struct Result: Sendable {
        /// Where the store as it was is kept (nil: there was none).
        public let keptAs: String?
        /// Writes to RMS and mails the backup had recorded without an answer: now 結果不明, settled
        /// by reading RMS (a mail is not sent again by itself).
        public let writesMadeUnknown: Int
    }

    /// Checks the backup and takes the store for the restore; refused while anything has the
    /// store open.
    public init(from backup: String, to target: String, access: FileAccess) throws {
        self.backup = backup
        self.target = target
        self.access = access
        backupContents = try OrderStore.verifyBackup(at: backup)
        guard (backup as NSString).standardizingPath != (target as NSString).standardizingPath else {
            throw StoreError("バックアップとデータベースが同じファイルです（\(target)）")
        }
        lock = try StoreOpenLock(store: target, exclusive: true, access: access)
        if FileManager.default.fileExists(atPath: target) {
            var configuration = Configuration()
            configuration.readonly = true
            do {
                currentContents = try DatabaseQueue(path: target, configuration: configuration).read { try StoreContents.count(in: $0) }
            } catch {
                throw StoreError("今のデータベース \(target) を読めません（\(error)）。置き換えるなら先に別の場所へ移してください")
            }
        } else {
            currentContents = nil
        }
    }

    /// What the operator is told before the restore: what is replaced by what, and what follows.
    public var plan: [String] {
        var lines = ["バックアップ: \(backup)", "　\(backupContents.summary)"]
        if let currentContents {
            lines += ["置き換えるデータベース: \(target)", "　\(currentContents.summary)"]
            lines.append("今のデータベースは消さずに \(target).before-restore-（日時） として残します。バックアップの後の変更（受注・履歴・送信記録）は戻した後のデータベースにはありません")
        } else {
            lines.append("データベース: \(target)（まだありません）")
        }
        if backupContents.openWrites > 0 {
            lines.append("バックアップで結果待ちだった送信 \(backupContents.openWrites)件は「結果不明」にします（RMSへの送信はRMSを読み直して確かめ、メールは自動では送り直しません）")
        }
        return lines
    }

    /// Puts the backup in place: the store as it was (with its -wal and -shm) renamed aside, the
    /// backup copied in with the store's access, its unanswered writes made unknown, then renamed
    /// to the store's name, so that the store's name never holds a half-copied file.
    /// The store is free again when it returns, restored or not.
    public func run(at date: Date) throws -> Result {
        defer { lock = nil }
        guard lock != nil else { throw StoreError("この復元はもう行いました") }
        let restoring = target + ".restoring"
        if FileManager.default.fileExists(atPath: restoring) { try FileManager.default.removeItem(atPath: restoring) }
        do {
            try FileManager.default.copyItem(atPath: backup, toPath: restoring)
        } catch {
            throw StoreError("バックアップを \(restoring) にコピーできません: \(error.localizedDescription)")
        }
        if let group = access.group, chown(restoring, uid_t.max, group.id) != 0 {
            throw StoreError("\(restoring) をグループ「\(group.name)」のものにできません: \(String(cString: strerror(errno)))")
        }
        guard chmod(restoring, access.fileMode) == 0 else {
            throw StoreError("\(restoring) の権限を変えられません: \(String(cString: strerror(errno)))")
        }
        let unknown: Int
        do {
            let queue = try DatabaseQueue(path: restoring)
            unknown = try queue.write { db in
                try db.execute(sql: """
                    UPDATE outbox SET state = 'unknown', finished_at = ?,
                        result = 'バックアップから戻しました: 送信されたか分かりません（' || state || '）'
                    WHERE state IN ('pending', 'sending')
                    """, arguments: [Int64(date.timeIntervalSince1970)])
                return db.changesCount
            }
            try queue.writeWithoutTransaction { db in _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL") }
            try queue.close()
        } catch {
            throw StoreError("戻すファイル \(restoring) を整えられません: \(error)")
        }
        var keptAs: String?
        if currentContents != nil {
            let kept = target + ".before-restore-" + BackupFolder.stamp(date)
            for suffix in ["", "-wal", "-shm"] where FileManager.default.fileExists(atPath: target + suffix) {
                guard rename(target + suffix, kept + suffix) == 0 else {
                    throw StoreError("今のデータベース \(target + suffix) を \(kept + suffix) に移せません: \(String(cString: strerror(errno)))")
                }
            }
            keptAs = kept
        }
        guard rename(restoring, target) == 0 else {
            throw StoreError("\(restoring) を \(target) にできません: \(String(cString: strerror(errno)))（元のデータベースは \(keptAs ?? "ありません")）")
        }
        return Result(keptAs: keptAs, writesMadeUnknown: unknown)
    }
}
