import Foundation
import Logging
import NIOCore
import OrderStore
import PostgresNIO

/// One connection to the store's PostgreSQL database, used synchronously as GRDB's SQLite is:
/// each call waits for its answer (never from an event loop's own thread), one call or
/// transaction at a time. A connection the server closed is opened again on the next call.
final class PostgresSession: @unchecked Sendable {
    let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    let logger = Logger(label: "juchu.store.postgres")
    /// Guards `connection` and keeps a transaction's statements together.
    private let lock = NSLock()
    private var connection: PostgresConnection?
    /// Statements prepared on `connection`, by their SQL: parsed and planned by the server once
    /// (``queryPrepared(_:_:)``); gone with the connection.
    private var prepared: [String: PreparedQuery] = [:]
    /// Statements run once on `connection`: prepared when asked again (preparing costs a round
    /// trip, which a statement asked once, as the first page after opening, would not win back).
    private var askedOnce: Set<String> = []
    /// How many statements a connection keeps prepared: the grid's shapes are few; past these,
    /// a statement is run unprepared.
    private static let preparedLimit = 64
    private static let ids = NSLock()
    nonisolated(unsafe) private static var lastID = 0

    init(location: PostgresLocation) throws {
        self.location = location
        configuration = try location.configuration()
        do {
            try lock.withLock { _ = try open() }
        } catch let failure as PostgresFailure {
            throw StoreError(failure.description)
        }
    }

    deinit {
        guard let connection, !connection.isClosed else { return }
        do {
            let closing: EventLoopFuture<Void> = connection.close()
            try closing.wait()
        } catch {
            logger.warning("PostgreSQL（\(location.shown)）の接続を閉じられません: \(error)")
        }
    }

    /// Runs `query` and returns its rows.
    @discardableResult
    func query(_ query: PostgresQuery) throws -> [PostgresRow] {
        do {
            return try lock.withLock { try run(query, on: try open()) }
        } catch let failure as PostgresFailure {
            throw StoreError(failure.description)
        }
    }

    /// Runs `sql` (numbered placeholders) with `arguments` as a statement this connection prepares
    /// when it is asked a second time, so that what the desk asks again and again (the next page,
    /// a status's tab, the counts) is not parsed and planned anew each time. Not for a search:
    /// the plan PostgreSQL keeps for a statement after its first runs would be made for no word
    /// in particular. Rows are read through ``PostgresRandomAccessRow``'s readers
    /// (``PostgresCell/binary``).
    func queryPrepared(_ sql: String, _ arguments: [StoredValue]) throws -> [PostgresRow] {
        do {
            return try lock.withLock {
                let connection = try open()
                if let statement = prepared[sql] {
                    do {
                        return try wait(statement.execute(arguments.map(Self.argument)), on: connection)
                    } catch {
                        // Prepared again when next asked: a statement the schema outgrew (a
                        // restore, a migration elsewhere) is not kept failing.
                        prepared[sql] = nil
                        if !connection.isClosed {
                            let logger = logger
                            statement.deallocate().whenFailure { logger.warning("PostgreSQL の準備済みの文を解放できません: \(PostgresSession.describe($0))") }
                        }
                        throw error
                    }
                }
                guard askedOnce.contains(sql), prepared.count < Self.preparedLimit else {
                    if askedOnce.count < Self.preparedLimit { askedOnce.insert(sql) }
                    return try run(PostgresQuery(sql: sql, stored: arguments), on: connection)
                }
                let statement = try wait(connection.prepare(query: sql), on: connection)
                prepared[sql] = statement
                return try wait(statement.execute(arguments.map(Self.argument)), on: connection)
            }
        } catch let failure as PostgresFailure {
            throw StoreError(failure.description)
        }
    }

    /// How many statements this connection has prepared (for tests).
    var preparedCount: Int { lock.withLock { prepared.count } }

    /// An argument as postgres-nio binds one: in binary, the server reading it as the type it
    /// found for its place (prepared without types), which must be the value's (text, bigint, bytea).
    private static func argument(_ value: StoredValue) -> PostgresData {
        switch value {
        case .null: PostgresData(type: .text, value: nil)
        case .integer(let integer): PostgresData(int64: integer)
        case .text(let text): PostgresData(string: text)
        case .blob(let data): PostgresData(bytes: data)
        }
    }

    /// Runs `body` in one transaction (`begin` … COMMIT, or ROLLBACK when it throws); no other call
    /// of this session comes between its statements. A failure of the server or the connection
    /// says what was being `doing` and that nothing of it was kept; a refusal `body` made
    /// (a ``StoreError``) is said as it is, as on SQLite (``StoreError/wrapping(_:while:)``).
    func transaction<T>(_ doing: String, begin: String = "BEGIN", _ body: (_ query: Transaction) throws -> T) throws -> T {
        try inTransaction(doing: doing, begin: begin, body)
    }

    /// Runs `body`'s reads on one snapshot of the database (a read-only REPEATABLE READ
    /// transaction), as SQLite's read transaction: a failure is said as it is (nothing was to be kept).
    func snapshot<T>(_ body: (_ query: Transaction) throws -> T) throws -> T {
        try inTransaction(doing: nil, begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    /// A transaction; its failure said with what was being `doing`, or as it is when nothing was.
    private func inTransaction<T>(doing: String?, begin: String, _ body: (_ query: Transaction) throws -> T) throws -> T {
        func said(_ error: any Error) -> any Error {
            guard let doing else { return (error as? PostgresFailure).map { StoreError($0.description) } ?? error }
            return StoreError.wrapping(error, while: doing)
        }
        return try lock.withLock {
            let connection: PostgresConnection
            // A snapshot's BEGIN goes with its first read, not a round trip before it: were it to
            // fail, the reads (read only) ran outside it, and its failure is said all the same.
            var began: EventLoopFuture<PostgresQueryResult>?
            do {
                connection = try open()
                if doing == nil {
                    began = connection.query(PostgresQuery(unsafeSQL: begin), logger: logger)
                } else {
                    try run(PostgresQuery(unsafeSQL: begin), on: connection)
                }
            } catch {
                throw said(error)
            }
            do {
                let result = try body(Transaction(session: self, connection: connection))
                if let began { _ = try wait(began, on: connection) }
                try run("COMMIT", on: connection)
                return result
            } catch {
                do {
                    try run("ROLLBACK", on: connection)
                } catch let rollback {
                    // The first error is the one thrown; this one is logged.
                    logger.error("ROLLBACK に失敗: \(rollback)")
                }
                throw said(error)
            }
        }
    }

    /// The statements of one transaction: run and waited for (by calling it), or sent to be
    /// waited for later (``send(_:)``), so that the next statement is made while the server runs
    /// this one. The connection runs them in the order they were given.
    struct Transaction {
        let session: PostgresSession
        let connection: PostgresConnection

        @discardableResult
        func callAsFunction(_ query: PostgresQuery) throws -> [PostgresRow] { try session.run(query, on: connection) }

        func send(_ query: PostgresQuery) -> Pending { Pending(session: session, connection: connection, answer: connection.query(query, logger: session.logger)) }
    }

    /// A statement sent: its rows, or its error, when waited for.
    struct Pending {
        let session: PostgresSession
        let connection: PostgresConnection
        let answer: EventLoopFuture<PostgresQueryResult>

        func rows() throws -> [PostgresRow] { try session.wait(answer, on: connection) }
    }

    @discardableResult
    fileprivate func run(_ query: PostgresQuery, on connection: PostgresConnection) throws -> [PostgresRow] {
        try wait(connection.query(query, logger: logger), on: connection)
    }

    fileprivate func wait(_ answer: EventLoopFuture<PostgresQueryResult>, on connection: PostgresConnection) throws -> [PostgresRow] {
        Array(try wait(answer.map(\.rows), on: connection))
    }

    /// What `answer` gives; a failure said in the server's words, and a connection the server
    /// closed let go.
    private func wait<Value: Sendable>(_ answer: EventLoopFuture<Value>, on connection: PostgresConnection) throws -> Value {
        do {
            return try answer.wait()
        } catch {
            if connection.isClosed { self.connection = nil }
            throw PostgresFailure(description: "PostgreSQL（\(location.shown)）: \(Self.describe(error))")
        }
    }

    /// The open connection; opened when there is none (called under `lock`).
    private func open() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        // What was prepared went with the connection.
        prepared = [:]
        askedOnce = []
        let id = Self.ids.withLock {
            Self.lastID += 1
            return Self.lastID
        }
        do {
            let opened = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: id, logger: logger
            ).wait()
            connection = opened
            return opened
        } catch {
            throw PostgresFailure(description: "PostgreSQL（\(location.shown)）に接続できません: \(Self.describe(error))")
        }
    }

    /// What went wrong, in the server's words when it answered (postgres-nio's own description
    /// of an error withholds them), else what the connection met (refused, reset, TLS).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let message = error.serverInfo?[.message] {
            return [message, error.serverInfo?[.detail]].compactMap { $0 }.joined(separator: " — ")
        }
        if let underlying = error.underlying { return "\(underlying)" }
        return String(reflecting: error.code)
    }
}

/// What the server or the connection said: told apart from the store's own refusals, so that a
/// transaction says what it was doing when it met one.
struct PostgresFailure: Error, CustomStringConvertible {
    let description: String
}
