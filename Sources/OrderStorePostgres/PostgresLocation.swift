import Foundation
import NIOSSL
import OrderStore
import PostgresNIO

/// Where the store's PostgreSQL database is and how to reach it: `postgresql://user@host:port/db`
/// with libpq's `sslmode` (https://www.postgresql.org/docs/current/libpq-ssl.html). The password
/// never rides in the URL: it comes from `JUCHU_DB_PASSWORD` or a file only its owner can read.
/// A server not on this host is reached over TLS only: `sslmode` there is `require` at least, and
/// `verify-full` unless said.
public struct PostgresLocation: Sendable, Equatable {
    /// libpq's modes, by the names it spells them with.
    public enum SSLMode: String, Sendable, CaseIterable {
        case disable, allow, prefer, require
        case verifyCA = "verify-ca"
        case verifyFull = "verify-full"

        /// Whether the connection is encrypted whatever the server offers.
        var requiresTLS: Bool { [.require, .verifyCA, .verifyFull].contains(self) }
    }

    public let user: String
    public let host: String
    public let port: Int
    public internal(set) var database: String
    public let sslMode: SSLMode
    /// `sslrootcert`: the certificates (PEM) that verify-ca and verify-full trust — a private CA's,
    /// as PostgreSQL servers usually have; nil: `~/.postgresql/root.crt` when it exists (libpq's
    /// default), else the system's roots.
    public let rootCertificates: String?
    public var password: String?

    /// Whether the server runs on this host (loopback, or a Unix socket's folder).
    public var isLocal: Bool { ["localhost", "127.0.0.1", "::1"].contains(host) || host.hasPrefix("/") }

    /// The URL without the password, as logs and messages show it.
    public var shown: String { "postgresql://\(user)@\(host):\(port)/\(database)?sslmode=\(sslMode.rawValue)" }

    /// Reads `url`; a mistake is said with what and where.
    public init(url: String) throws(StoreError) {
        guard let components = URLComponents(string: url), ["postgresql", "postgres"].contains(components.scheme ?? "") else {
            throw StoreError("PostgreSQL の接続先ではありません: 「\(url)」（例: postgresql://juchu@db.example.jp/juchu）")
        }
        guard components.password == nil else {
            throw StoreError("接続先のURLにパスワードを書かないでください: JUCHU_DB_PASSWORD か、本人だけが読めるファイルで渡します")
        }
        guard let user = components.user, !user.isEmpty else { throw StoreError("接続先のURLにユーザー名がありません: 「\(url)」（postgresql://ユーザー@ホスト/データベース）") }
        guard let host = components.host, !host.isEmpty else { throw StoreError("接続先のURLにホストがありません: 「\(url)」") }
        let database = String(components.path.drop(while: { $0 == "/" }))
        guard !database.isEmpty, !database.contains("/") else { throw StoreError("接続先のURLにデータベース名がありません: 「\(url)」（…/データベース名）") }
        var mode: SSLMode?
        var roots: String?
        for item in components.queryItems ?? [] {
            switch item.name {
            case "sslmode":
                guard let value = item.value.flatMap(SSLMode.init(rawValue:)) else {
                    throw StoreError("sslmode「\(item.value ?? "")」はありません（\(SSLMode.allCases.map(\.rawValue).joined(separator: ", "))）")
                }
                mode = value
            case "sslrootcert":
                guard let path = item.value, path.hasPrefix("/") else { throw StoreError("sslrootcert は証明書ファイルの絶対パスで書いてください（「\(item.value ?? "")」）") }
                roots = path
            default:
                throw StoreError("接続先のURLの「\(item.name)」は使えません（使えるのは sslmode と sslrootcert です）")
            }
        }
        self.user = user
        self.host = host
        self.port = components.port ?? 5432
        self.database = database
        let local = ["localhost", "127.0.0.1", "::1"].contains(host) || host.hasPrefix("/")
        let chosen = mode ?? (local ? .prefer : .verifyFull)
        guard local || chosen.requiresTLS else {
            throw StoreError("ホスト \(host) はこの機械の外です: sslmode=\(chosen.rawValue) では通信が暗号化されないことがあります。require・verify-ca・verify-full のどれかにしてください")
        }
        sslMode = chosen
        rootCertificates = roots
    }

    /// The password from `JUCHU_DB_PASSWORD`, else from `file`, which only its owner may read (a
    /// file others can read is refused, as ssh refuses such a key); nil when neither gives one.
    public mutating func readPassword(environment: [String: String], file: String?) throws(StoreError) {
        if let password = environment["JUCHU_DB_PASSWORD"], !password.isEmpty {
            self.password = password
            return
        }
        guard let file else { return }
        var status = stat()
        guard stat(file, &status) == 0 else { throw StoreError("パスワードのファイル \(file) がありません") }
        guard status.st_mode & 0o077 == 0 else {
            throw StoreError(String(format: "パスワードのファイル %@ は他のユーザーも読めます（権限 %04o）。直すには: chmod 600 %@", file, status.st_mode & 0o7777, file))
        }
        do {
            password = try String(contentsOfFile: file, encoding: .utf8).trimmingCharacters(in: .newlines)
        } catch {
            throw StoreError("パスワードのファイル \(file) を読めません: \(error.localizedDescription)")
        }
    }

    /// The roles the user is a member of (directly or through another role), but itself: what
    /// config.toml's `[operators]` may name as `@role` on PostgreSQL.
    public func memberships() throws -> [String] {
        try PostgresSession(location: self).query("""
            SELECT rolname::text FROM pg_roles WHERE rolname <> current_user AND pg_has_role(current_user, oid, 'MEMBER') ORDER BY rolname
            """).map { try $0.decode(String.self) }
    }

    /// postgres-nio's configuration for this location: TLS as `sslmode` asks (verify-full checks
    /// the certificate and the host name, verify-ca the certificate only; require, like libpq's
    /// without a root certificate, encrypts without checking; prefer and allow try TLS first).
    func configuration() throws -> PostgresConnection.Configuration {
        var tls = TLSConfiguration.makeClientConfiguration()
        let defaultRoots = (ProcessInfo.processInfo.environment["HOME"] ?? NSHomeDirectory()) + "/.postgresql/root.crt"
        if let roots = rootCertificates ?? (FileManager.default.fileExists(atPath: defaultRoots) ? defaultRoots : nil) {
            guard FileManager.default.isReadableFile(atPath: roots) else { throw StoreError("sslrootcert の証明書ファイル \(roots) を読めません") }
            tls.trustRoots = .file(roots)
        }
        let mode: PostgresConnection.Configuration.TLS
        do {
            switch sslMode {
            case .disable:
                mode = .disable
            case .allow, .prefer:
                tls.certificateVerification = .none
                mode = .prefer(try NIOSSLContext(configuration: tls))
            case .require:
                tls.certificateVerification = .none
                mode = .require(try NIOSSLContext(configuration: tls))
            case .verifyCA:
                tls.certificateVerification = .noHostnameVerification
                mode = .require(try NIOSSLContext(configuration: tls))
            case .verifyFull:
                mode = .require(try NIOSSLContext(configuration: tls))
            }
        } catch {
            throw StoreError("TLS（sslmode=\(sslMode.rawValue)）を用意できません: \(error)")
        }
        var configuration = host.hasPrefix("/")
            ? PostgresConnection.Configuration(unixSocketPath: host + "/.s.PGSQL.\(port)", username: user, password: password, database: database)
            : PostgresConnection.Configuration(host: host, port: port, username: user, password: password, database: database, tls: mode)
        // No statement or lock waits for ever: a server that stops answering is said, not waited on.
        configuration.options.connectTimeout = .seconds(10)
        configuration.options.additionalStartupParameters = [("statement_timeout", "300s"), ("lock_timeout", "60s")]
        return configuration
    }
}
