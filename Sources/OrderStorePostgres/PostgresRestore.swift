import Foundation
import OrderStore
import PostgresNIO

/// Putting a PostgreSQL backup (pg_dump's, ``PostgresStore/makeBackup(of:access:into:keeping:at:)``) in the
/// store's place — what ``StoreRestore`` does for SQLite, with the same promises:
/// - planned without touching anything; run only while no other session is connected to the
///   database, holding the writers' lock throughout;
/// - the store there now is kept whole, as the schema `juchu_before_restore_STAMP` of the same
///   database (its `public` schema renamed), and comes back if any step fails;
/// - what it recorded after the backup was taken — writes sent to RMS, mails, the rules' acts —
///   is carried in, and every write without an answer becomes unknown: nothing already sent is
///   sent again.
public final class PostgresRestore: StoreRestoring {
    /// The backup's real path (a link is followed).
    public let backup: String
    public let location: PostgresLocation
    /// What the backup holds (read whole by pg_restore, counted).
    public let backupContents: StoreContents
    /// What the database holds now, replaced by the backup; nil when it holds no store.
    public let currentContents: StoreContents?
    /// Records the store made after the backup was taken, carried into the restored store.
    public let recordsAfterBackup: StoreRestore.RecordsAfterBackup
    private let session: PostgresSession

    /// Checks the backup and reads what the database holds now; changes nothing.
    public init(from backup: String, to location: PostgresLocation) throws {
        guard let resolved = realpath(backup, nil) else { throw StoreError("バックアップ \(backup) がありません") }
        self.backup = String(cString: resolved)
        free(resolved)
        self.location = location
        let reading = try PostgresStore.readBackup(at: self.backup)
        let known = Set(PostgresSchema.migrations.map(\.id))
        if let newer = reading.migrations.first(where: { !known.contains($0) }) {
            throw StoreError("バックアップ \(backup) はこの版のjuchuより新しい版で作られています（\(newer)）。その版で戻してください")
        }
        backupContents = reading.contents
        session = try PostgresSession(location: location)
        if try Self.holdsStore(session, schema: "public") {
            let lastWrite = reading.lastWrite
            (currentContents, recordsAfterBackup) = try session.snapshot { query in
                (try PostgresStore.contents(query), try Self.countAfter(lastWrite, query))
            }
        } else {
            currentContents = nil
            recordsAfterBackup = StoreRestore.RecordsAfterBackup()
        }
    }

    /// What the operator is told before the restore: what is replaced by what, and what follows.
    public var plan: [String] {
        StoreRestore.plan(
            backup: backup, backupContents: backupContents, target: location.shown, current: currentContents, currentProblem: nil,
            keptAs: "同じデータベースのスキーマ juchu_before_restore_（日時）", after: recordsAfterBackup)
    }

    /// The table that marks a restore under way in `public`: a store is not opened (nor made anew
    /// by its migrations) while it is there — a restore cut short is said, not built upon.
    static let marker = "juchu_restoring"

    /// Puts the backup in place, refused while another session is connected to the database or
    /// when this login does not own the store's tables (the restored ones are made as its):
    /// 1. the store there now is renamed to `juchu_before_restore_STAMP`, and an empty `public` made
    ///    with the marker of a restore under way (``marker``);
    /// 2. pg_restore loads the backup in one transaction, and the schema is brought to this version;
    /// 3. in one transaction, what the store recorded after the backup is carried in, every write
    ///    without an answer becomes unknown, the orders and journal are checked against the
    ///    backup's, nobody else may have connected meanwhile, and the marker goes.
    /// A failure at any step puts the store that was there back, whole.
    public func run(at date: Date) throws -> StoreRestore.Result {
        try session.query("SELECT pg_advisory_lock(\(PostgresSchema.writerLockKey))")
        defer {
            do {
                try session.query("SELECT pg_advisory_unlock(\(PostgresSchema.writerLockKey))")
            } catch {
                session.logger.warning("書き込みのロックを外せません（接続を閉じると外れます）: \(error)")
            }
        }
        try refuseOtherSessions(session.query)
        if let cut = try PostgresSchema.restoreUnderWay(session) { throw StoreError(cut + "。何も変えていません") }
        let holds = try Self.holdsStore(session, schema: "public")
        if holds, let owner = try session.query("SELECT tableowner::text FROM pg_tables WHERE schemaname = 'public' AND tablename = 'orders'").first?.decode(String.self),
            owner != location.user {
            throw StoreError("店のデータは \(owner) のものです。戻すのはその持ち主のログイン（\(owner)）で行ってください（\(location.user) では、戻した表が \(owner) のものにならず、ほかの担当者が使えなくなります）。何も変えていません")
        }
        let kept: String? = holds ? try Self.freeSchemaName("juchu_before_restore_" + BackupFolder.stamp(date).replacingOccurrences(of: "-", with: "_"), session) : nil
        try session.transaction("今のデータを残す") { query in
            if let kept {
                try query(PostgresQuery(unsafeSQL: "ALTER SCHEMA public RENAME TO \(kept)"))
                try query("CREATE SCHEMA public")
            }
            try query(PostgresQuery(unsafeSQL: "CREATE TABLE public.\(Self.marker) (backup text NOT NULL, kept text)"))
            try query("INSERT INTO public.\(unescaped: Self.marker) (backup, kept) VALUES (\(backup), \(kept))")
        }
        let carried: StoreRestore.RecordsAfterBackup
        let unknown: Int
        let contents: StoreContents
        do {
            try restoreArchive()
            try PostgresSchema.migrate(session)
            (carried, unknown, contents) = try session.transaction("バックアップの後の記録を引き継ぐ") { query in
                var carried = try kept.map { try carry(from: $0, query) } ?? StoreRestore.RecordsAfterBackup()
                carried.open = try query("SELECT count(*) FROM outbox WHERE state IN ('pending', 'sending')").first?.decode(Int.self) ?? 0
                let unknown = try query("""
                    WITH made AS (
                        UPDATE outbox SET state = 'unknown', finished_at = \(Int64(date.timeIntervalSince1970)),
                            result = 'バックアップから戻しました: 送信されたか分かりません（' || state || '）'
                        WHERE state IN ('pending', 'sending') RETURNING 1)
                    SELECT count(*) FROM made
                    """).first?.decode(Int.self) ?? 0
                let contents = try PostgresStore.contents(query)
                guard contents.orders == backupContents.orders, contents.journalEntries == backupContents.journalEntries else {
                    throw StoreError("戻したデータベースの件数がバックアップと違います（\(contents.summary)）")
                }
                // Nobody may have started on the store while it was being put back.
                try refuseOtherSessions(query.callAsFunction)
                try query(PostgresQuery(unsafeSQL: "DROP TABLE public.\(Self.marker)"))
                return (carried, unknown, contents)
            }
        } catch {
            do {
                try session.transaction("前のデータに戻す") { query in
                    if let kept {
                        try query("DROP SCHEMA public CASCADE")
                        try query(PostgresQuery(unsafeSQL: "ALTER SCHEMA \(kept) RENAME TO public"))
                    } else {
                        try query(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS public.\(Self.marker)"))
                    }
                }
            } catch let back {
                throw StoreError("戻せませんでした: \(error)。前のデータはスキーマ \(kept ?? "public") にあります（元に戻せません: \(back)）")
            }
            throw StoreError("戻せませんでした（今のデータベースはそのままです）: \(error)")
        }
        return StoreRestore.Result(
            keptAs: kept.map { "同じデータベースのスキーマ \($0)（確かめて要らなくなったら psql で DROP SCHEMA \($0) CASCADE;）" },
            writesMadeUnknown: unknown, carried: carried, contents: contents, warnings: [])
    }

    /// Refuses while another client is connected to the database (the server's own workers aside).
    private func refuseOtherSessions(_ query: (PostgresQuery) throws -> [PostgresRow]) throws {
        let others = try query("""
            SELECT usename::text, client_addr::text, application_name FROM pg_stat_activity
            WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend'
            """).map { row in
            let (user, address, application) = try row.decode((String?, String?, String?).self)
            return "\(user ?? "?")@\(address ?? "?")\(application.map { $0.isEmpty ? "" : "（\($0)）" } ?? "")"
        }
        guard others.isEmpty else {
            throw StoreError("データベース \(location.shown) に接続しているセッションが \(others.count)件あります（\(others.prefix(5).joined(separator: "、"))）。デスク・同期ワーカー・コマンドをすべて終えてから、もう一度。何も変えていません")
        }
    }

    /// pg_restore of the backup into the empty `public`, in one transaction: every entry of the
    /// archive but the schema itself, which the restore has made (a store's own `public` is in
    /// the archive as a schema; a new database's is not).
    private func restoreArchive() throws {
        var entries: [Substring] = []
        try PostgresTools.run("pg_restore", ["--list", backup], on: nil) { line in entries.append(line) }
        let kept = entries.filter { !$0.contains(" SCHEMA - public ") && !$0.contains(" SCHEMA public ") }
        let list = try PrivateTemporaryFile(named: "restore.list", holding: kept.joined(separator: "\n"))
        defer { list.remove() }
        try PostgresTools.run(
            "pg_restore",
            ["--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error", "--use-list=\(list.path)", "--dbname=\(location.database)", backup],
            on: location)
    }

    /// Carries into the restored store what the store kept as `kept` recorded after the backup, by
    /// the columns both have: the outbox's rows the backup has take their later state and answer,
    /// later rows come in (when the store descends from the backup: its row of the backup's last
    /// id is the same write; otherwise every row comes in under a new id, the unique indexes
    /// keeping one claim); the mails of the writes the store has; the rules' acts (the newer
    /// store's) and the shipment keys labels were made with.
    private func carry(from kept: String, _ query: PostgresSession.Transaction) throws -> StoreRestore.RecordsAfterBackup {
        var carried = StoreRestore.RecordsAfterBackup()
        func columns(_ table: String, _ schema: String) throws -> [String] {
            try query("""
                SELECT column_name::text FROM information_schema.columns WHERE table_schema = \(schema) AND table_name = \(table)
                ORDER BY ordinal_position
                """).map { try $0.decode(String.self) }
        }
        func shared(_ table: String) throws -> [String] {
            let theirs = Set(try columns(table, kept))
            return try columns(table, "public").filter(theirs.contains)
        }
        /// A column's name as SQL names it, whatever it holds.
        func quoted(_ name: String) -> String { "\"" + name.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }
        /// Copies the kept store's rows of `table` (`filter` a WHERE clause) by the columns both
        /// have (`leaving` some out), `conflict` what a clash does; how many went in.
        func copy(_ table: String, leaving: Set<String> = [], filter: String = "", conflict: String = "ON CONFLICT DO NOTHING") throws -> Int {
            let names = try shared(table).filter { !leaving.contains($0) }.map(quoted).joined(separator: ", ")
            guard !names.isEmpty else { return 0 }
            return try query(PostgresQuery(unsafeSQL: """
                WITH copied AS (INSERT INTO public.\(table) (\(names)) SELECT \(names) FROM \(kept).\(table) \(filter) \(conflict) RETURNING 1)
                SELECT count(*) FROM copied
                """)).first?.decode(Int.self) ?? 0
        }
        guard try !shared("outbox").isEmpty else { return carried }
        // The backup's last write, as the restored store holds it.
        let lastWrite = try query("SELECT coalesce(max(id), 0) FROM public.outbox").first?.decode(Int64.self) ?? 0
        let descends = try lastWrite == 0 || query(PostgresQuery(unsafeSQL: """
            SELECT EXISTS (SELECT 1 FROM public.outbox m JOIN \(kept).outbox r USING (id)
            WHERE m.id = \(lastWrite) AND m.kind = r.kind AND m.order_number = r.order_number AND m.created_at = r.created_at)
            """)).first?.decode(Bool.self) == true
        if descends {
            let answered = ["state", "sent_at", "finished_at", "result", "request_id"].filter(try shared("outbox").contains)
            try query(PostgresQuery(unsafeSQL: """
                UPDATE public.outbox AS m SET \(answered.map { "\(quoted($0)) = r.\(quoted($0))" }.joined(separator: ", "))
                FROM \(kept).outbox AS r WHERE r.id = m.id AND r.kind = m.kind AND r.order_number = m.order_number
                """))
            carried.writes = try copy("outbox", filter: "WHERE id > \(lastWrite) ORDER BY id")
            carried.mails = try copy("mail_messages", filter: "WHERE intent IN (SELECT id FROM public.outbox)")
        } else {
            carried.writes = try copy("outbox", leaving: ["id"], filter: "ORDER BY id")
        }
        // The kept store's act of a rule on an order is the newer: it replaces the backup's.
        let keys: Set<String> = ["order_number", "rule"]
        let updated = try shared("rule_acts").filter { !keys.contains($0) }.map { "\(quoted($0)) = EXCLUDED.\(quoted($0))" }.joined(separator: ", ")
        carried.ruleActs = try copy("rule_acts", conflict: updated.isEmpty ? "ON CONFLICT DO NOTHING" : "ON CONFLICT (order_number, rule) DO UPDATE SET \(updated)")
        _ = try copy("shipment_keys")
        // Ids given here are the identity's no more.
        try query("SELECT setval(pg_get_serial_sequence('public.outbox', 'id'), greatest((SELECT max(id) FROM public.outbox), 1))")
        return carried
    }

    /// What the store recorded after the backup's last write (`lastWrite`): the outbox's later
    /// rows, their mails, the rules' acts, and of the writes those without an answer.
    private static func countAfter(_ lastWrite: Int64, _ query: PostgresSession.Transaction) throws -> StoreRestore.RecordsAfterBackup {
        var after = StoreRestore.RecordsAfterBackup()
        let row = try query("""
            SELECT (SELECT count(*) FROM outbox WHERE id > \(lastWrite)),
                (SELECT count(*) FROM mail_messages WHERE intent > \(lastWrite)),
                (SELECT count(*) FROM rule_acts),
                (SELECT count(*) FROM outbox WHERE id > \(lastWrite) AND state IN ('pending', 'sending'))
            """).first
        guard let (writes, mails, acts, open) = try row?.decode((Int, Int, Int, Int).self) else { throw StoreError("件数を数えられません") }
        (after.writes, after.mails, after.ruleActs, after.open) = (writes, mails, acts, open)
        return after
    }

    /// `name`, or `name_2`, `name_3`… when a schema has it already (two restores within a second).
    private static func freeSchemaName(_ name: String, _ session: PostgresSession) throws -> String {
        let taken = Set(try session.query("SELECT nspname::text FROM pg_namespace WHERE nspname LIKE \(name + "%")").map { try $0.decode(String.self) })
        var free = name
        var copy = 2
        while taken.contains(free) {
            free = "\(name)_\(copy)"
            copy += 1
        }
        return free
    }

    /// Whether `schema` of the database holds a store (its orders table).
    private static func holdsStore(_ session: PostgresSession, schema: String) throws -> Bool {
        try session.query("SELECT to_regclass(\(schema + ".orders")) IS NOT NULL").first?.decode(Bool.self) == true
    }
}
