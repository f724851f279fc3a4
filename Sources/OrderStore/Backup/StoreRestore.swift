import Foundation
import GRDB

/// Putting a backup in the store's place.
///
/// Planned without touching anything; run only while nothing has the store open (it takes the
/// store's open lock exclusively, ``StoreOpenLock``, until it is done). What the store recorded
/// after the backup was taken — writes sent to RMS, mails, the rules' acts — is carried into the
/// restored store, so that nothing already sent is sent again; the store replaced is kept beside
/// it, and the store's name never holds anything but a whole, checked database.
public final class StoreRestore {
    /// The backup's real path (a link is followed).
    public let backup: String
    public let target: String
    /// What the backup holds (checked: integrity_check and counts).
    public let backupContents: StoreContents
    /// What the store holds now, replaced by the backup; nil when there is none or it cannot be read.
    public let currentContents: StoreContents?
    /// Why the store there now cannot be read (the usual reason to restore), or nil.
    public let currentProblem: String?
    /// Records the store made after the backup was taken, carried into the restored store.
    public let recordsAfterBackup: RecordsAfterBackup
    let access: FileAccess

    /// What the store recorded after the backup: the outbox's rows beyond the backup's last, with
    /// their mails, and every rule's act (kept once per order and rule).
    public struct RecordsAfterBackup: Sendable {
        public var writes = 0
        public var mails = 0
        public var ruleActs = 0
        /// Of the writes, those without an answer yet (to become 結果不明).
        public var open = 0
    }

    /// What a restore did.
    public struct Result: Sendable {
        /// Where the store as it was is kept (nil: there was none).
        public let keptAs: String?
        /// Writes and mails without an answer in the restored store: now 結果不明, settled by reading
        /// RMS (a mail is not sent again by itself).
        public let writesMadeUnknown: Int
        /// Records carried from the store replaced.
        public let carried: RecordsAfterBackup
        /// What the restored store holds.
        public let contents: StoreContents
    }

    /// Checks the backup and reads what the store holds now; changes nothing.
    public init(from backup: String, to target: String, access: FileAccess) throws {
        guard let resolved = realpath(backup, nil) else { throw StoreError("バックアップ \(backup) がありません") }
        self.backup = String(cString: resolved)
        free(resolved)
        self.target = target
        self.access = access
        var backupStatus = stat()
        guard stat(self.backup, &backupStatus) == 0, backupStatus.st_mode & S_IFMT == S_IFREG else {
            throw StoreError("バックアップ \(backup) は普通のファイルではありません")
        }
        var targetStatus = stat()
        if stat(target, &targetStatus) == 0, targetStatus.st_dev == backupStatus.st_dev, targetStatus.st_ino == backupStatus.st_ino {
            throw StoreError("バックアップとデータベースが同じファイルです（\(target)）")
        }
        backupContents = try OrderStore.verifyBackup(at: self.backup)
        let known = Set(StoreSchema.migrator.migrations)
        let applied = try Self.readOnly(self.backup) { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        if let newer = applied.first(where: { !known.contains($0) }) {
            throw StoreError("バックアップ \(backup) はこの版のjuchuより新しい版で作られています（\(newer)）。その版で戻してください")
        }
        var current: StoreContents?
        var problem: String?
        var after = RecordsAfterBackup()
        if FileManager.default.fileExists(atPath: target) {
            do {
                let lastWrite = try Self.readOnly(self.backup) { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM outbox") } ?? 0
                (current, after) = try Self.readOnly(target) { db in
                    (try StoreContents.count(in: db), try Self.countAfter(lastWrite, in: db))
                }
            } catch {
                problem = "\(error)"
            }
        }
        currentContents = current
        currentProblem = problem
        recordsAfterBackup = after
    }

    /// What the operator is told before the restore: what is replaced by what, and what follows.
    public var plan: [String] {
        var lines = ["バックアップ: \(backup)", "　\(backupContents.summary)"]
        if let currentContents {
            lines += ["置き換えるデータベース: \(target)", "　\(currentContents.summary)"]
            lines.append("今のデータベースは消さずに \(target).before-restore-（日時） として残します。バックアップの後の受注・変更・履歴は戻した後のデータベースにはありません（受注はRMSから取得し直します）")
            let after = recordsAfterBackup
            if after.writes + after.ruleActs > 0 {
                lines.append("バックアップの後にRMSへ送った・メールした記録 \(after.writes)件（メール \(after.mails)件）とルールの実行記録 \(after.ruleActs)件は引き継ぎます: 同じものを二度送りません")
            }
        } else if let currentProblem {
            lines += ["置き換えるデータベース: \(target)（読めません: \(currentProblem)）",
                      "今のデータベースは \(target).before-restore-（日時） として残します。読めないため、バックアップの後に送った記録は引き継げません: 取得し直した受注にルールやメールが二度働くことがあります"]
        } else {
            lines.append("データベース: \(target)（まだありません）")
        }
        let unanswered = (backupContents.outbox["pending"] ?? 0) + (backupContents.outbox["sending"] ?? 0) + recordsAfterBackup.open
        if unanswered > 0 {
            lines.append("結果待ちの送信 \(unanswered)件は「結果不明」にします（RMSへの送信はRMSを読み直して確かめ、メールは自動では送り直しません）")
        }
        return lines
    }

    /// Puts the backup in place, refused while anything has the store open:
    /// 1. the backup is copied to `….restoring` with the store's access; there its unanswered
    ///    writes become unknown, what the store recorded after the backup is carried in, it is
    ///    brought to this version's schema and checked (integrity_check, orders and journal);
    /// 2. the store now there is checkpointed (no -wal left) and kept by a second name (a hard link);
    /// 3. `….restoring` is renamed over the store's name in one step.
    /// A crash leaves either the store as it was or the restored one at the store's name.
    public func run(at date: Date) throws -> Result {
        let lock = try StoreOpenLock(store: target, exclusive: true, access: access)
        defer { withExtendedLifetime(lock) {} }
        let restoring = target + ".restoring"
        try Self.remove([restoring, restoring + "-journal", restoring + "-wal", restoring + "-shm"])
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
        let (carried, unknown) = try prepare(restoring, at: date)
        let contents: StoreContents
        do {
            // Brought to this version's schema (and WAL) before it takes the store's name, then checked.
            _ = try OrderStore(path: restoring, access: access).contents()
            contents = try DatabaseQueue(path: restoring).read { try OrderStore.check($0) }
            try Self.remove(OrderStore.files(of: restoring).dropFirst() + [StoreOpenLock.path(of: restoring), restoring + "-migrate.lock"])
        } catch {
            throw StoreError("戻すファイル \(restoring) を整えられません（今のデータベースはそのままです）: \(error)")
        }
        guard contents.orders == backupContents.orders, contents.journalEntries == backupContents.journalEntries else {
            throw StoreError("戻すファイル \(restoring) の件数がバックアップと違います（\(contents.summary)）。今のデータベースはそのままです")
        }
        let keptAs = try keepCurrent(at: date)
        guard rename(restoring, target) == 0 else {
            throw StoreError("\(restoring) を \(target) にできません: \(String(cString: strerror(errno)))（今のデータベースはそのままです）")
        }
        // The replaced store's -wal (emptied by the checkpoint) and -shm must not be read with the new file.
        try Self.remove(OrderStore.files(of: target).dropFirst())
        Self.syncFolder(of: target)
        return Result(keptAs: keptAs, writesMadeUnknown: unknown, carried: carried, contents: contents)
    }

    /// In the copy at `restoring`: what the store recorded after the backup carried in, and every
    /// write without an answer made unknown.
    private func prepare(_ restoring: String, at date: Date) throws -> (RecordsAfterBackup, Int) {
        do {
            let queue = try DatabaseQueue(path: restoring)
            let lastWrite = try queue.read { try Int64.fetchOne($0, sql: "SELECT MAX(id) FROM outbox") } ?? 0
            var carried = RecordsAfterBackup()
            var rows: (outbox: [Row], mails: [Row], ruleActs: [Row]) = ([], [], [])
            if currentContents != nil {
                rows = try Self.readOnly(target) { db in
                    (try Row.fetchAll(db, sql: "SELECT * FROM outbox WHERE id > ? ORDER BY id", arguments: [lastWrite]),
                     try db.tableExists("mail_messages")
                        ? Row.fetchAll(db, sql: "SELECT * FROM mail_messages WHERE intent > ?", arguments: [lastWrite]) : [],
                     try db.tableExists("rule_acts") ? Row.fetchAll(db, sql: "SELECT * FROM rule_acts") : [])
                }
            }
            let unknown = try queue.write { db in
                // A write that would claim again what the backup already holds is left out: the
                // backup's own record of it (made unknown below) keeps it from being sent again.
                carried.writes = try Self.insert(rows.outbox, into: "outbox", orIgnore: true, in: db)
                carried.mails = try Self.insert(rows.mails, into: "mail_messages", orIgnore: true, in: db)
                carried.ruleActs = try Self.insert(rows.ruleActs, into: "rule_acts", orIgnore: true, in: db)
                carried.open = rows.outbox.filter { ["pending", "sending"].contains($0["state"] as String) }.count
                try db.execute(sql: """
                    UPDATE outbox SET state = 'unknown', finished_at = ?,
                        result = 'バックアップから戻しました: 送信されたか分かりません（' || state || '）'
                    WHERE state IN ('pending', 'sending')
                    """, arguments: [Int64(date.timeIntervalSince1970)])
                return db.changesCount
            }
            try queue.close()
            return (carried, unknown)
        } catch {
            throw StoreError("戻すファイル \(restoring) を整えられません（今のデータベースはそのままです）: \(error)")
        }
    }

    /// Keeps the store now at the target under `….before-restore-STAMP` (a hard link: the same
    /// file, whole after a checkpoint), or nil when there is none.
    private func keepCurrent(at date: Date) throws -> String? {
        guard FileManager.default.fileExists(atPath: target) else { return nil }
        if currentContents != nil {
            do {
                let queue = try DatabaseQueue(path: target)
                try queue.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
                try queue.close()
            } catch {
                throw StoreError("今のデータベース \(target) のログ（-wal）を書き込めません: \(error)。戻していません")
            }
        }
        var status = stat()
        if stat(target + "-wal", &status) == 0, status.st_size > 0 {
            throw StoreError("今のデータベースのログ \(target)-wal が空になりません。戻していません（\(target) と -wal を別の場所へ移してから、もう一度）")
        }
        var kept = target + ".before-restore-" + BackupFolder.stamp(date)
        var copy = 2
        while link(target, kept) != 0 {
            guard errno == EEXIST, copy < 100 else {
                throw StoreError("今のデータベースを \(kept) として残せません: \(String(cString: strerror(errno)))。戻していません")
            }
            kept = target + ".before-restore-" + BackupFolder.stamp(date) + "-\(copy)"
            copy += 1
        }
        return kept
    }

    /// Inserts `rows` into `table` by the columns both have (a backup of an older version has fewer).
    private static func insert(_ rows: [Row], into table: String, orIgnore: Bool = false, in db: Database) throws -> Int {
        guard let first = rows.first, try db.tableExists(table) else { return 0 }
        let columns = Set(try db.columns(in: table).map(\.name))
        let names = first.columnNames.filter(columns.contains)
        let sql = "INSERT \(orIgnore ? "OR IGNORE " : "")INTO \(table) (\(names.joined(separator: ", "))) VALUES (\(names.map { _ in "?" }.joined(separator: ", ")))"
        let statement = try db.makeStatement(sql: sql)
        var inserted = 0
        for row in rows {
            try statement.execute(arguments: StatementArguments(names.map { row[$0] as DatabaseValue }))
            inserted += db.changesCount
        }
        return inserted
    }

    private static func countAfter(_ lastWrite: Int64, in db: Database) throws -> RecordsAfterBackup {
        var after = RecordsAfterBackup()
        after.writes = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE id > ?", arguments: [lastWrite]) ?? 0
        after.open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE id > ? AND state IN ('pending', 'sending')", arguments: [lastWrite]) ?? 0
        if try db.tableExists("mail_messages") {
            after.mails = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM mail_messages WHERE intent > ?", arguments: [lastWrite]) ?? 0
        }
        if try db.tableExists("rule_acts") { after.ruleActs = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rule_acts") ?? 0 }
        return after
    }

    private static func readOnly<T>(_ path: String, _ body: (Database) throws -> T) throws -> T {
        var configuration = Configuration()
        configuration.readonly = true
        return try DatabaseQueue(path: path, configuration: configuration).read(body)
    }

    private static func remove(_ files: some Sequence<String>) throws {
        for file in files where FileManager.default.fileExists(atPath: file) {
            do {
                try FileManager.default.removeItem(atPath: file)
            } catch {
                throw StoreError("\(file) を消せません: \(error.localizedDescription)")
            }
        }
    }

    /// Makes the renames in the store's folder durable.
    private static func syncFolder(of path: String) {
        let folder = open((path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { return }
        fsync(folder)
        close(folder)
    }
}
