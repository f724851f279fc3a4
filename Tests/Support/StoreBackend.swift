import Foundation
import Testing
import OrderStore
import TestSupport
import OrderStorePostgres

/// The backends the conformance suite runs against: SQLite always; PostgreSQL where
/// `JUCHU_TEST_POSTGRESQL_URL` names a server (`.ci/run` starts a throw-away cluster and sets it).
public enum StoreBackend: String, CaseIterable, CustomStringConvertible, Sendable {
    case sqlite
    case postgresql

    public var description: String { rawValue }

    public static var serverURL: String? { ProcessInfo.processInfo.environment["JUCHU_TEST_POSTGRESQL_URL"] }

    /// The backends this run has.
    public static var available: [StoreBackend] { serverURL == nil ? [.sqlite] : [.sqlite, .postgresql] }
}

/// The roles both backends provide.
public typealias OpenedStore = ShopStore

/// A store of its own for one test: a fresh SQLite file, or a fresh database on the server
/// (dropped by ``remove()``).
public struct ScratchStore: Sendable {
    public let backend: StoreBackend
    public let path: String?
    public let location: PostgresLocation?
    private let directory: TemporaryDirectory?

    public init(_ backend: StoreBackend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let directory = TemporaryDirectory("juchu-conformance")
            self.directory = directory
            path = directory.file("store.sqlite")
            location = nil
        case .postgresql:
            let server = try PostgresLocation(url: try #require(StoreBackend.serverURL))
            let name = "juchu_test_" + UUID().uuidString.prefix(12).lowercased().replacingOccurrences(of: "-", with: "")
            // UTF-8 with a locale that knows Unicode's letters, as a shop's server has it: the store's
            // own columns compare and fold case byte by byte (COLLATE "C") whatever the database's.
            location = try PostgresDatabases.create(name, on: server)
            path = nil
            directory = nil
        }
    }

    /// The coordination role of a store opened on it (each call opens another, as another process would).
    public func coordination() throws -> any StoreCoordination { try open() }

    /// A store opened on it, in every role both backends have (each call opens another, as another
    /// process — on PostgreSQL, another host — would).
    public func open(operatorName: String = "conformance", deskID: String = OperatorIdentity.process) throws -> any OpenedStore {
        switch backend {
        case .sqlite: try OrderStore(path: path!, operatorName: operatorName, deskID: deskID)
        case .postgresql: try PostgresStore(location: location!, operatorName: operatorName, deskID: deskID)
        }
    }

    public func remove() throws {
        directory?.remove()
        if let location {
            try PostgresDatabases.drop(location.database, on: try PostgresLocation(url: try #require(StoreBackend.serverURL)))
        }
    }
}
