import Foundation
import GRDB
import OrderEngine

/// The orders of one shop in one SQLite file (WAL), shared by every operator and process on the host.
///
/// Every change goes through ``mutate(_:action:undoable:at:_:)``: the order, its mapped columns and
/// the journal rows that say who changed what are written in one transaction.
public final class OrderStore: Sendable {
    public let path: String
    /// Who the journal names for changes made through this store.
    public let operatorName: String
    /// Which desk (process) this store's changes come from (`user@host:pid`): an operator's undo
    /// offers the batches of their own desk only.
    public let deskID: String
    let pool: DatabasePool
    /// The page cache of the connection that writes, in KiB (negative, as SQLite takes it).
    static let writerCacheSize = -8192
    /// The clock the changes are dated by.
    public let now: @Sendable () -> Date
    /// Who may read the file (the owner, or a group of the host's operators).
    public let access: FileAccess
    /// Held while this store is open: no restore replaces the file meanwhile.
    let openLock: StoreOpenLock

    /// Opens (or creates) the file and brings its schema up to date. A new file, and a folder made
    /// for it, get `access`; a file (or its -wal, -shm) that others than `access` allows can read
    /// is refused, with the command that fixes it.
    public init(
        path: String, operatorName: String = OperatorIdentity.current, deskID: String = OperatorIdentity.process,
        access: FileAccess = .ownerOnly, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.path = path
        self.operatorName = operatorName
        self.deskID = deskID
        self.access = access
        self.now = now
        let directory = (path as NSString).deletingLastPathComponent
        // Shared by a group, the folder too: the -wal and -shm another operator makes there take its group.
        let shared = access.group != nil && !directory.isEmpty ? [directory] : []
        if let refusal = access.refusal(for: Self.files(of: path) + Self.lockFiles(of: path) + shared) { throw refusal }
        if !directory.isEmpty {
            do { try access.makeFolder(directory) } catch { throw StoreError("データベースの\(error.description)") }
        }
        openLock = try StoreOpenLock(store: path, exclusive: false, access: access)
        var configuration = Configuration()
        // Other desks and the worker write to the same file: wait for them rather than fail.
        configuration.busyMode = .timeout(15)
        configuration.label = "juchu.store"
        // A bigger page cache (8 MiB) for the connection that writes: a 10,000-order change or an import
        // batch fits without spilling, and the desk stays within its memory budget.
        configuration.prepareDatabase { db in
            if !db.configuration.readonly { try db.execute(sql: "PRAGMA cache_size = \(OrderStore.writerCacheSize)") }
        }
        func isNew() -> Bool {
            var status = stat()
            return stat(path, &status) != 0 || status.st_size == 0
        }
        if isNew() {
            // 16 KiB pages hold an order's raw JSON without chains of overflow pages; the size is set
            // before the file exists, as SQLite requires in WAL mode. One process creates it.
            do {
                try Self.holdingMigrationLock(path: path, access: access) {
                    // Another process may have made it while this one waited.
                    guard isNew() else { return }
                    // Made with its access before SQLite opens it: its -wal and -shm take the same.
                    try access.createFile(path)
                    let queue = try DatabaseQueue(path: path)
                    try queue.writeWithoutTransaction { db in
                        try db.execute(sql: "PRAGMA page_size = 16384")
                        _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                    }
                    try queue.close()
                }
            } catch {
                throw StoreError("データベース \(path) を作成できません: \(error)")
            }
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
        } catch {
            throw StoreError("データベース \(path) を開けません: \(error)")
        }
        // Each migration runs in its own transaction: a failed one leaves the file as the previous
        // one left it. Several processes may open a new or older file at once (a desk and the
        // worker starting together): a lock file beside the database lets one migrate at a time,
        // and the others find the work done.
        let migrator = StoreSchema.migrator
        do {
            if try !pool.read({ try migrator.hasCompletedMigrations($0) }) {
                try Self.holdingMigrationLock(path: path, access: access) {
                    try migrator.migrate(pool)
                    // The migrations' pages (indexes made and remade) are copied into the file, so that
                    // the log starts again small. Another process reading meanwhile makes it busy: then
                    // SQLite's own checkpoints copy them later; any other failure is the file's and said.
                    do {
                        _ = try pool.writeWithoutTransaction { try $0.checkpoint(.truncate) }
                    } catch let error as DatabaseError where [.SQLITE_BUSY, .SQLITE_LOCKED].contains(error.resultCode) {
                        _ = error
                    }
                }
            }
        } catch {
            let applied = (try? pool.read { try migrator.appliedIdentifiers($0) }) ?? []
            let failed = migrator.migrations.first { !applied.contains($0) } ?? "?"
            throw StoreError("データベース \(path) の更新（\(failed)）に失敗しました。ファイルはその前の状態のままです: \(error)")
        }
    }

    /// The same open file, its changes journalled under another name: what a rule does is the
    /// rule's (「ルール: 代引は保留」), from the same desk.
    public func acting(as operatorName: String) -> OrderStore {
        OrderStore(sharing: self, operatorName: operatorName)
    }

    private init(sharing store: OrderStore, operatorName: String) {
        path = store.path
        self.operatorName = operatorName
        deskID = store.deskID
        access = store.access
        openLock = store.openLock
        pool = store.pool
        now = store.now
    }

    /// The files SQLite keeps for the database at `path`.
    public static func files(of path: String) -> [String] {
        [path, path + "-wal", path + "-shm"]
    }

    /// The lock files beside it, which every operator's process opens.
    static func lockFiles(of path: String) -> [String] {
        [StoreOpenLock.path(of: path), path + "-migrate.lock"]
    }

    /// Runs `body` while this process holds the database's migration lock (flock on a file beside it).
    private static func holdingMigrationLock(path: String, access: FileAccess, _ body: () throws -> Void) throws {
        try access.createFile(path + "-migrate.lock")
        let descriptor = open(path + "-migrate.lock", O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { return try body() }
        defer { close(descriptor) }
        flock(descriptor, LOCK_EX)
        defer { flock(descriptor, LOCK_UN) }
        try body()
    }

    /// Increases whenever any process changes an order in this file.
    public func changeCount() throws -> Int64 {
        try pool.read { db in try Int64.fetchOne(db, sql: "SELECT value FROM change_counter WHERE id = 1") ?? 0 }
    }

    /// The orders of `numbers` that exist, in the same order. With `content` false, orders from
    /// RMS carry their state and orderer's name only (no addresses, items or totals): enough to
    /// preview an action that looks only at state, without reading their JSON.
    public func orders(_ numbers: [OrderNumber], content: Bool) throws -> [Order] {
        try pool.read { db in try Self.load(numbers, content: content, in: db) }
    }

    /// The orders of `numbers`. With `content` false, orders read from RMS's JSON are built from
    /// their state columns only (``OrderRecord/stateOnlyOrder(from:)``): no JSON is fetched or
    /// mapped, for actions that look only at state.
    static func load(_ numbers: [OrderNumber], content: Bool = true, in db: any StoreStatements) throws -> [Order] {
        try OrderRecord.load(numbers, content: content) { columns, chunk, each in
            try db.forEachRow("SELECT \(columns) FROM \(OrderRecord.source) WHERE order_number IN (\(Self.marks(chunk.count)))",
                              chunk.map { .text($0) }, each)
        }
    }

    /// Runs `body` in an IMMEDIATE transaction: it takes the write lock at once, so a read made
    /// inside cannot be invalidated by another process before the write.
    func writeTransaction<T>(_ doing: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.writeWithoutTransaction { db in
                var result: T?
                TransactionEffects.begin(db)
                defer { TransactionEffects.discard(db) }
                try db.inTransaction(.immediate) {
                    result = try body(db)
                    try TransactionEffects.finish(db)
                    return .commit
                }
                return result!
            }
        } catch {
            throw StoreError.wrapping(error, while: doing)
        }
    }
}
