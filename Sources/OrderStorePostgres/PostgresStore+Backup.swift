import Foundation
import OrderStore
import PostgresNIO

/// PostgreSQL's backups: pg_dump's custom format (`juchu-YYYYMMDD-HHMMSS.pgdump`), made on a
/// snapshot the store counts in the same moment, then read back whole by pg_restore and counted
/// again before it takes a backup's name (``OrderStore/backup(to:access:copying:verifying:)``,
/// the same steps as SQLite's). Desks and the worker go on writing meanwhile.
/// https://www.postgresql.org/docs/current/app-pgdump.html (`--snapshot`),
/// https://www.postgresql.org/docs/current/functions-admin.html#FUNCTIONS-SNAPSHOT-SYNCHRONIZATION
extension PostgresStore: StoreBackups {
    /// How PostgreSQL's backups end.
    public static let backupSuffix = ".pgdump"

    public func backupIsDue(_ schedule: BackupSchedule) throws -> Bool {
        var dumps = schedule
        dumps.folder = schedule.folder.holding(Self.backupSuffix)
        return try dumps.isDue(at: now())
    }

    public func makeBackup(_ schedule: BackupSchedule) throws -> OrderStore.ScheduledBackup {
        try Self.makeBackup(of: location, access: access, into: schedule.folder, keeping: schedule.keep, at: now())
    }

    /// A backup of the store at `location` into `folder` (made with `access` when missing); with
    /// `keep`, the oldest beyond it are removed once the new one is checked. The store is only
    /// read: not opened as a desk opens it, so not brought to this version's schema (a backup
    /// taken before an upgrade is of the store before it).
    public static func makeBackup(
        of location: PostgresLocation, access: FileAccess, into folder: BackupFolder, keeping keep: Int?, at date: Date
    ) throws -> OrderStore.ScheduledBackup {
        let dumps = folder.holding(backupSuffix)
        return try OrderStore.makeBackup(into: dumps, access: access, keeping: keep, at: date) { path in
            try OrderStore.backup(to: path, access: access) { partial in
                try dump(location, to: partial)
            } verifying: { partial in
                try verifyBackup(at: partial)
            }
        }
    }

    /// pg_dump of the store's schema (`public`: not a schema a restore kept beside it) into `file`
    /// (made already, with the store's access) on a snapshot held open by a connection of its
    /// own; what that snapshot holds, counted.
    static func dump(_ location: PostgresLocation, to file: String) throws -> StoreContents {
        let exporting = try PostgresSession(location: location)
        return try exporting.snapshot { query in
            guard let snapshot = try query("SELECT pg_export_snapshot()").first?.decode(String.self) else {
                throw StoreError("PostgreSQL がスナップショットを渡しません")
            }
            let contents = try Self.contents(query)
            try PostgresTools.run(
                "pg_dump", ["--format=custom", "--schema=public", "--no-owner", "--no-privileges", "--snapshot=\(snapshot)", "--file=\(file)"],
                on: location)
            return contents
        }
    }

    /// What the database holds now, counted on one snapshot.
    public func contents() throws -> StoreContents {
        try session.snapshot { try Self.contents($0) }
    }

    /// The counts a backup is checked by, as ``StoreContents`` counts SQLite's.
    static func contents(_ query: PostgresSession.Transaction) throws -> StoreContents {
        var contents = StoreContents()
        let row = try query("""
            SELECT (SELECT count(*) FROM orders), (SELECT count(*) FROM journal), (SELECT count(*) FROM mail_messages),
                (SELECT count(*) FROM printed_slips), (SELECT count(*) FROM shipment_keys)
            """).first
        guard let (orders, journal, mails, slips, keys) = try row?.decode((Int, Int, Int, Int, Int).self) else {
            throw StoreError("件数を数えられません")
        }
        (contents.orders, contents.journalEntries, contents.mails, contents.printedSlips, contents.shipmentKeys) = (orders, journal, mails, slips, keys)
        for row in try query("SELECT state, count(*) FROM outbox GROUP BY state") {
            let (state, count) = try row.decode((String, Int).self)
            contents.outbox[state] = count
        }
        contents.schemaVersion = PostgresSchema.newest(of: Set(try query("SELECT id FROM juchu_migrations").map { try $0.decode(String.self) }))
        return contents
    }

    /// Reads the backup at `path` whole with pg_restore (every table's data, as it would be
    /// restored) and counts what it holds; an archive pg_restore cannot read, or that is not a
    /// Juchu store, is refused with what is wrong.
    public static func verifyBackup(at path: String) throws -> StoreContents {
        try readBackup(at: path).contents
    }

    /// The backup at `path` read whole and counted (``verifyBackup(at:)``).
    static func readBackup(at path: String) throws -> DumpCounter.Reading {
        guard FileManager.default.fileExists(atPath: path) else { throw StoreError("\(path) がありません") }
        var counter = DumpCounter()
        do {
            try PostgresTools.run("pg_restore", ["--data-only", "--file=-", path], on: nil) { line in try counter.read(line) }
        } catch {
            throw StoreError("\(path) を PostgreSQL のバックアップとして読めません: \(error)")
        }
        return try counter.reading(of: path)
    }
}

/// Counts the rows of each table in pg_restore's plain output: a table's data is
/// `COPY public.name (columns) FROM stdin;`, one line per row, and `\.`
/// (https://www.postgresql.org/docs/current/sql-copy.html, text format: a newline in a value is
/// written `\n`, so a row is always one line).
struct DumpCounter {
    /// What a backup holds: its counts, the migrations its schema had, and its outbox's last id.
    struct Reading {
        let contents: StoreContents
        let migrations: Set<String>
        let lastWrite: Int64
    }

    private var table: String?
    /// The columns read from the table's rows: the outbox's state and id, the migrations' id.
    private var watched: [String: Int] = [:]
    private var rows: [String: Int] = [:]
    private var outbox: [String: Int] = [:]
    private var lastWrite: Int64 = 0
    private var migrations: Set<String> = []

    mutating func read(_ line: Substring) throws {
        guard let table else {
            guard line.hasPrefix("COPY "), line.hasSuffix(" FROM stdin;") else { return }
            let words = line.dropFirst(5).split(separator: " ", maxSplits: 1)
            // The store's tables are public's; another schema's of the same name is not counted as theirs.
            let qualified = String(words.first ?? "")
            let name = qualified.hasPrefix("public.") ? String(qualified.dropFirst("public.".count)) : "(\(qualified))"
            self.table = name
            rows[name] = 0
            watched = [:]
            if let open = line.firstIndex(of: "("), let close = line.lastIndex(of: ")") {
                let columns = line[line.index(after: open)..<close].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                let wanted = name == "outbox" ? ["state", "id"] : name == "juchu_migrations" ? ["id"] : []
                for column in wanted { watched[column] = columns.firstIndex(of: column) }
            }
            return
        }
        if line == "\\." {
            self.table = nil
            return
        }
        rows[table, default: 0] += 1
        guard !watched.isEmpty else { return }
        let fields = line.split(separator: "\t", omittingEmptySubsequences: false)
        func field(_ name: String) throws -> Substring {
            guard let index = watched[name], index < fields.count else { throw StoreError("\(table) の行に \(name) がありません") }
            return fields[index]
        }
        if table == "outbox" {
            outbox[String(try field("state")), default: 0] += 1
            guard let id = Int64(try field("id")) else { throw StoreError("outbox の id が数ではありません") }
            lastWrite = max(lastWrite, id)
        } else {
            migrations.insert(String(try field("id")))
        }
    }

    func reading(of path: String) throws -> Reading {
        guard table == nil else { throw StoreError("\(path): \(table ?? "") の表の途中で終わっています") }
        guard rows["orders"] != nil, rows["juchu_migrations"] != nil else { throw StoreError("\(path) は受注のデータベースのバックアップではありません（orders 表がありません）") }
        var contents = StoreContents()
        contents.orders = rows["orders"] ?? 0
        contents.journalEntries = rows["journal"] ?? 0
        contents.outbox = outbox
        contents.mails = rows["mail_messages"] ?? 0
        contents.printedSlips = rows["printed_slips"] ?? 0
        contents.shipmentKeys = rows["shipment_keys"] ?? 0
        contents.schemaVersion = PostgresSchema.newest(of: migrations)
        return Reading(contents: contents, migrations: migrations, lastWrite: lastWrite)
    }
}
