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

        public init() {}
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
        /// What could not be tidied after the store was restored (said, not failed).
        public let warnings: [String]

        public init(keptAs: String?, writesMadeUnknown: Int, carried: RecordsAfterBackup, contents: StoreContents, warnings: [String]) {
            self.keptAs = keptAs
            self.writesMadeUnknown = writesMadeUnknown
            self.carried = carried
            self.contents = contents
            self.warnings = warnings
        }
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
        Self.plan(
            backup: backup, backupContents: backupContents, target: target, current: currentContents, currentProblem: currentProblem,
            keptAs: "\(target).before-restore-（日時）", after: recordsAfterBackup)
    }

    /// The plan of a restore of either backend, in the operators' words: the backup and what it
    /// holds, the store it replaces (`current`, nil: none, or `currentProblem` when it cannot be
    /// read) and how that is kept (`keptAs`), what is carried from it, what becomes 結果不明.
    public static func plan(
        backup: String, backupContents: StoreContents, target: String, current: StoreContents?, currentProblem: String?,
        keptAs: String, after: RecordsAfterBackup
    ) -> [String] {
        var lines = ["バックアップ: \(backup)", "　\(backupContents.summary)"]
        if let current {
            lines += ["置き換えるデータベース: \(target)", "　\(current.summary)"]
            lines.append("今のデータベースは消さずに \(keptAs) として残します。バックアップの後の受注・変更・履歴は戻した後のデータベースにはありません（受注はRMSから取得し直します）")
            if after.writes + after.ruleActs > 0 {
                lines.append("バックアップの後にRMSへ送った・メールした記録 \(after.writes)件（メール \(after.mails)件）とルールの実行記録 \(after.ruleActs)件は引き継ぎます: 同じものを二度送りません")
            }
        } else if let currentProblem {
            lines += ["置き換えるデータベース: \(target)（読めません: \(currentProblem)）",
                      "今のデータベースは \(keptAs) として残します。読めないため、バックアップの後に送った記録は引き継げません: 取得し直した受注にルールやメールが二度働くことがあります"]
        } else {
            lines.append("データベース: \(target)（まだありません）")
        }
        let unanswered = (backupContents.outbox["pending"] ?? 0) + (backupContents.outbox["sending"] ?? 0) + after.open
        if unanswered > 0 {
            lines.append("結果待ちの送信 \(unanswered)件は「結果不明」にします（RMSへの送信はRMSを読み直して確かめ、メールは自動では送り直しません）")
        }
        return lines
    }

    /// Puts the backup in place, refused while anything has the store open:
    /// 1. the backup is copied to `….restoring` with the store's access and brought to this
    ///    version's schema; what the store recorded after the backup is carried in (read again
    ///    here, under the lock), every write without an answer becomes unknown, and it is checked
    ///    (integrity_check, orders and journal as the backup's);
    /// 2. the store now there is checkpointed (its -wal emptied) and kept by a second name (a hard link);
    /// 3. `….restoring` is renamed over the store's name in one step.
    /// A failure before the rename leaves the store as it was (and removes the copy); nothing after it fails.
    public func run(at date: Date) throws -> Result {
        let lock = try StoreOpenLock(store: target, exclusive: true, access: access)
        defer { withExtendedLifetime(lock) {} }
        let restoring = target + ".restoring"
        let leftovers = [restoring, restoring + "-journal", restoring + "-wal", restoring + "-shm", StoreOpenLock.path(of: restoring), restoring + "-migrate.lock"]
        try Self.remove(leftovers)
        let prepared: (carried: RecordsAfterBackup, unknown: Int, contents: StoreContents, keptAs: String?, warnings: [String])
        do {
            prepared = try prepare(restoring, at: date)
        } catch {
            do {
                try Self.remove(leftovers)
            } catch let left {
                throw StoreError("\(error)（途中のファイルも消せません: \(left)）")
            }
            throw error
        }
        guard rename(restoring, target) == 0 else {
            throw StoreError("\(restoring) を \(target) にできません: \(String(cString: strerror(errno)))（今のデータベースはそのままです）")
        }
        // From here the store is restored: what is left to tidy is said, not thrown.
        var warnings = prepared.warnings
        for file in [StoreOpenLock.path(of: restoring), restoring + "-migrate.lock"] where FileManager.default.fileExists(atPath: file) {
            do { try FileManager.default.removeItem(atPath: file) } catch { warnings.append("\(file) を消せません: \(error.localizedDescription)") }
        }
        if let problem = Self.syncFolder(of: target) { warnings.append(problem) }
        return Result(keptAs: prepared.keptAs, writesMadeUnknown: prepared.unknown, carried: prepared.carried, contents: prepared.contents, warnings: warnings)
    }

    /// Steps 1 and 2 of ``run(at:)``: the copy made ready beside the store, the store kept.
    private func prepare(
        _ restoring: String, at date: Date
    ) throws -> (carried: RecordsAfterBackup, unknown: Int, contents: StoreContents, keptAs: String?, warnings: [String]) {
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
        do {
            // This version's schema first, so that what is carried in keeps every column it has.
            _ = try OrderStore(path: restoring, access: access).contents()
        } catch {
            throw StoreError("戻すファイル \(restoring) をこの版の形にできません（今のデータベースはそのままです）: \(error)")
        }
        // Read again here, under the lock: the plan's reading may have met a worker's write.
        var readable = false
        var warnings: [String] = []
        if FileManager.default.fileExists(atPath: target) {
            do {
                _ = try Self.readOnly(target) { try StoreContents.count(in: $0) }
                readable = true
            } catch {
                warnings.append("今のデータベースを読めないため、バックアップの後の記録は引き継いでいません: \(error)")
            }
        }
        let carried: RecordsAfterBackup
        let unknown: Int
        let contents: StoreContents
        do {
            let queue = try DatabaseQueue(path: restoring)
            // Out of WAL: one file, nothing beside it to lose when it is renamed.
            try queue.writeWithoutTransaction { db in
                _ = try db.checkpoint(.truncate)
                _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = DELETE")
            }
            (carried, unknown) = try carry(into: queue, from: readable ? target : nil, at: date)
            contents = try queue.read { try OrderStore.check($0) }
            try queue.close()
        } catch let error as StoreError {
            throw error
        } catch {
            throw StoreError("戻すファイル \(restoring) を整えられません（今のデータベースはそのままです）: \(error)")
        }
        guard contents.orders == backupContents.orders, contents.journalEntries == backupContents.journalEntries else {
            throw StoreError("戻すファイル \(restoring) の件数がバックアップと違います（\(contents.summary)）。今のデータベースはそのままです")
        }
        let keptAs = try keepCurrent(at: date, readable: readable)
        return (carried, unknown, contents, keptAs, warnings)
    }

    /// Carries into the copy what the store now there recorded after the backup — read under the
    /// restore's lock, by the columns the copy has (the same version's, after its migration):
    /// - the outbox: rows the backup has take their later state and answer; later rows come in
    ///   (when the store descends from the backup: its row of the backup's last id is the same
    ///   write; otherwise every row comes in under a new id, the unique indexes keeping one claim);
    /// - the mails handed to the relay, for the writes the copy has;
    /// - the rules' acts (the store's, newer) and the shipment keys labels were made with.
    /// Then every write without an answer becomes unknown.
    private func carry(into queue: DatabaseQueue, from current: String?, at date: Date) throws -> (RecordsAfterBackup, Int) {
        var carried = RecordsAfterBackup()
        if let current {
            try queue.writeWithoutTransaction { db in try db.execute(sql: "ATTACH DATABASE ? AS replaced", arguments: [current]) }
            try queue.write { db in
                func columns(_ table: String, _ schema: String) throws -> [String] {
                    try Row.fetchAll(db, sql: "SELECT name FROM pragma_table_info(?, ?)", arguments: [table, schema]).map { $0["name"] }
                }
                func shared(_ table: String) throws -> [String] {
                    let theirs = Set(try columns(table, "replaced"))
                    return try columns(table, "main").filter(theirs.contains)
                }
                guard try !shared("outbox").isEmpty else { return }
                let lastWrite = try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM main.outbox") ?? 0
                let descends = try lastWrite == 0 || Bool.fetchOne(db, sql: """
                    SELECT EXISTS (SELECT 1 FROM main.outbox m JOIN replaced.outbox r USING (id)
                    WHERE m.id = ? AND m.kind = r.kind AND m.order_number = r.order_number AND m.created_at = r.created_at)
                    """, arguments: [lastWrite]) == true
                /// Copies `replaced.table`'s rows (`filter` a WHERE clause) into the copy by the columns
                /// both have (`leaving` out some), on a clash `conflict`; how many went in.
                func copy(_ table: String, conflict: String = "IGNORE", leaving: Set<String> = [], filter: String = "",
                          _ arguments: StatementArguments = []) throws -> Int {
                    let names = try shared(table).filter { !leaving.contains($0) }.joined(separator: ", ")
                    guard !names.isEmpty else { return 0 }
                    try db.execute(sql: "INSERT OR \(conflict) INTO main.\(table) (\(names)) SELECT \(names) FROM replaced.\(table) \(filter)",
                                   arguments: arguments)
                    return db.changesCount
                }
                if descends {
                    let answered = ["state", "sent_at", "finished_at", "result", "request_id"].filter(try shared("outbox").contains)
                    try db.execute(sql: """
                        UPDATE main.outbox SET \(answered.map { "\($0) = r.\($0)" }.joined(separator: ", "))
                        FROM replaced.outbox AS r
                        WHERE r.id = main.outbox.id AND r.kind = main.outbox.kind AND r.order_number = main.outbox.order_number
                        """)
                    carried.writes = try copy("outbox", filter: "WHERE id > ? ORDER BY id", [lastWrite])
                    carried.mails = try copy("mail_messages", filter: "WHERE intent IN (SELECT id FROM main.outbox)")
                } else {
                    carried.writes = try copy("outbox", leaving: ["id"], filter: "ORDER BY id")
                }
                carried.ruleActs = try copy("rule_acts", conflict: "REPLACE")
                _ = try copy("shipment_keys")
            }
            try queue.writeWithoutTransaction { db in try db.execute(sql: "DETACH DATABASE replaced") }
        }
        let unknown = try queue.write { db in
            carried.open = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM outbox WHERE state IN ('pending', 'sending')") ?? 0
            try db.execute(sql: """
                UPDATE outbox SET state = 'unknown', finished_at = ?,
                    result = 'バックアップから戻しました: 送信されたか分かりません（' || state || '）'
                WHERE state IN ('pending', 'sending')
                """, arguments: [Int64(date.timeIntervalSince1970)])
            return db.changesCount
        }
        return (carried, unknown)
    }

    /// Keeps the store now at the target under `….before-restore-STAMP` (a hard link: the same
    /// file, whole after a checkpoint), or nil when there is none.
    private func keepCurrent(at date: Date, readable: Bool) throws -> String? {
        guard FileManager.default.fileExists(atPath: target) else { return nil }
        if readable {
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
        // Its -wal (empty) and -shm go now, while nothing can open the store: they must not be read with the new file.
        try Self.remove(OrderStore.files(of: target).dropFirst())
        return kept
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

    /// Makes the renames in the store's folder durable; why not, or nil.
    private static func syncFolder(of path: String) -> String? {
        let name = (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        let folder = open(name, O_RDONLY | O_CLOEXEC)
        guard folder >= 0 else { return "フォルダ \(name) を開けません（fsync）: \(String(cString: strerror(errno)))" }
        defer { close(folder) }
        return fsync(folder) == 0 ? nil : "フォルダ \(name) の fsync に失敗: \(String(cString: strerror(errno)))"
    }
}
