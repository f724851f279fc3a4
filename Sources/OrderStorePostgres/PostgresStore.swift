import Foundation
import OrderEngine
import OrderStore
import Synchronization

/// The store on PostgreSQL, for a shop whose operators work from several hosts. It provides the
/// store's roles (``StoreCoordination``, ``StoreQuerying``, ``StoreImporting``, ``StoreReading``,
/// ``StoreChanges``, and those written once for both backends: ``StoreApplying``, ``StoreOutbox``,
/// ``StoreSyncRecords``, ``StoreGridDetails``), each proved against SQLite's by the conformance
/// suite: it is a ``ShopStore``, and makes its backups with pg_dump (``StoreBackups``).
/// config.toml names it by `[store] url`.
public final class PostgresStore: Sendable {
    let session: PostgresSession
    /// Who the journal names for changes made through this store.
    public let operatorName: String
    /// Which desk (process) this store's changes come from (`user@host:pid`).
    public let deskID: String
    /// The clock the changes are dated by.
    public let now: @Sendable () -> Date
    /// Who may read the files it writes (its backups): the owner, or `[store] group`.
    public let access: FileAccess
    /// Listens for changes from the first ``changeCount()`` on.
    let changes = Mutex<PostgresChangeWatch?>(nil)
    /// Tells the other hosts this process is alive while it holds the store.
    let heartbeat: PostgresHeartbeat

    /// Connects and brings the database's schema up to date.
    public init(
        location: PostgresLocation, operatorName: String = OperatorIdentity.current, deskID: String = OperatorIdentity.process,
        access: FileAccess = .ownerOnly, now: @escaping @Sendable () -> Date = Date.init
    ) throws {
        self.operatorName = operatorName
        self.access = access
        self.deskID = deskID
        self.now = now
        session = try PostgresSession(location: location)
        // What the open must know, in one round trip: the encoding (the shop's names and
        // addresses are Japanese: a database in another encoding could not hold them), a restore
        // cut short (its half-made store is neither used nor made anew), whether a schema is there.
        let found = try session.query("""
            SELECT current_setting('server_encoding'), to_regclass(\("public." + PostgresRestore.marker)) IS NOT NULL,
                   to_regclass('juchu_migrations') IS NOT NULL
            """).first?.decode((String, Bool, Bool).self)
        let (encoding, restoring, migrated) = found ?? ("", false, false)
        guard encoding == "UTF8" else {
            throw StoreError("データベース \(location.shown) の文字コードが \(encoding) です。UTF8 のデータベースを使ってください（createdb -E UTF8 -T template0 …）")
        }
        if restoring, let cut = try PostgresSchema.restoreUnderWay(session) { throw StoreError(cut) }
        try PostgresSchema.migrate(session, known: migrated)
        heartbeat = try PostgresHeartbeat.start(location: location, process: deskID, firstBeatOn: session)
    }

    /// The same connection, its changes journalled under another name: what a rule does is the
    /// rule's (「ルール: 代引は保留」), from the same desk.
    public func acting(as operatorName: String) -> PostgresStore {
        PostgresStore(sharing: self, operatorName: operatorName)
    }

    private init(sharing store: PostgresStore, operatorName: String) {
        session = store.session
        self.operatorName = operatorName
        deskID = store.deskID
        heartbeat = store.heartbeat
        access = store.access
        now = store.now
    }

    /// Where it is, without the password.
    public var location: PostgresLocation { session.location }

    /// The processes of every host whose heartbeat is fresh (``PostgresHeartbeat``), by the server's clock.
    public func liveProcessesElsewhere(in db: any StoreStatements) throws -> Set<String>? {
        var alive: Set<String> = []
        try db.forEachRow("SELECT process FROM process_heartbeats WHERE beat_at > now() - make_interval(secs => \(Int(PostgresHeartbeat.expiry)))", []) { row in
            if let process = try row.text("process") { alive.insert(process) }
        }
        return alive
    }

    /// True while this process's beat is younger than ``PostgresHeartbeat/claimsHeld``: another
    /// host takes its claims for abandoned only at ``PostgresHeartbeat/expiry``, so what is sent
    /// now leaves before anybody may settle it. By the server's clock as it is now, not when the
    /// transaction began (`now()`), which was before the wait for the writers' lock.
    public func holdsItsClaims(in db: any StoreStatements) throws -> Bool {
        var fresh = false
        try db.forEachRow("""
            SELECT beat_at > clock_timestamp() - make_interval(secs => \(Int(PostgresHeartbeat.claimsHeld))) AS fresh
            FROM process_heartbeats WHERE process = ?
            """, [.text(deskID)]) { fresh = try $0.bool("fresh") }
        return fresh
    }
}

extension PostgresStore: StoreChanges {
    /// Moves when any process on any host changes an order (``PostgresChangeWatch``); asking it
    /// costs no round trip and never waits for the server. While the watch cannot listen, the
    /// reason is thrown.
    public func changeCount() throws -> Int64 {
        let watch = try changes.withLock { watch in
            if let watch { return watch }
            let started = try PostgresChangeWatch(location: location)
            watch = started
            return started
        }
        if let problem = watch.problem { throw StoreError(problem) }
        return watch.changeCount
    }
}
