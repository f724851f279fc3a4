import Foundation
import Logging
import NIOCore
import OrderStore
import PostgresNIO
import Synchronization

/// Changes to the shop's orders made by any process on any host, as the server tells them
/// (LISTEN/NOTIFY, https://www.postgresql.org/docs/current/sql-notify.html): a write that changes
/// orders notifies ``channel`` in its transaction, and the server tells every listener when it
/// commits. A connection of its own listens, made on a thread of its own (a desk asking the count
/// never waits for it). Each time it starts listening the count moves once: what changed while it
/// did not listen is unknown, so the desk reads again. A lost connection is made again every
/// second until it listens, the reason said meanwhile.
public final class PostgresChangeWatch: Sendable {
    static let channel = "juchu_changes"
    /// What a write transaction that changed orders runs: its listeners hear it when it commits.
    static let notify = PostgresQuery(unsafeSQL: "SELECT pg_notify('\(channel)', '')")

    private let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let logger = Logger(label: "juchu.store.postgres.changes")
    private let count = Atomic<Int64>(0)
    private struct State {
        var connection: PostgresConnection?
        var stopped = false
        var problem: String?
    }
    private let state = Mutex(State())

    /// Starts listening (on its own thread); a location that cannot be used is said at once.
    public init(location: PostgresLocation) throws {
        self.location = location
        configuration = try location.configuration()
        connectUntilListening()
    }

    deinit { stop() }

    /// How many changes were heard (and times listening began) since the watch began.
    public var changeCount: Int64 { count.load(ordering: .acquiring) }

    /// Whether it listens now.
    public var isListening: Bool { state.withLock { $0.connection != nil } }

    /// Why it does not listen, after a try failed (nil: it listens, or is still trying the first time).
    public var problem: String? { state.withLock { $0.problem } }

    /// Stops listening and closes the connection.
    public func stop() {
        let connection = state.withLock { state -> PostgresConnection? in
            state.stopped = true
            defer { state.connection = nil }
            return state.connection
        }
        connection.map(close)
    }

    /// Tries to listen every second until it does or is stopped. The thread holds the watch for
    /// one try at a time: a watch its owner let go is not kept alive by it.
    private func connectUntilListening() {
        Thread.detachNewThread { [weak self] in
            var tries = 0
            while true {
                if tries > 0 { Thread.sleep(forTimeInterval: 1) }
                tries += 1
                guard let watch = self, !watch.state.withLock({ $0.stopped }) else { return }
                do {
                    try watch.listen()
                    return
                } catch {
                    // Logged once for a reason, not every second of an outage.
                    let said = watch.state.withLock { state in
                        defer { state.problem = "\(error)" }
                        return state.problem == "\(error)"
                    }
                    if !said { watch.logger.warning("\(error)") }
                }
            }
        }
    }

    private func listen() throws {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 0, logger: logger
            ).wait()
        } catch {
            throw StoreError("PostgreSQL（\(location.shown)）の変更を待ち受けられません: \(PostgresSession.describe(error))")
        }
        do {
            connection.addListener(channel: Self.channel) { [weak self] _, _ in self?.count.add(1, ordering: .releasing) }
            _ = try connection.query(PostgresQuery(unsafeSQL: "LISTEN \(Self.channel)"), logger: logger).wait()
        } catch {
            close(connection)
            throw StoreError("PostgreSQL（\(location.shown)）の変更を待ち受けられません: \(PostgresSession.describe(error))")
        }
        let stopped = state.withLock { state -> Bool in
            guard !state.stopped else { return true }
            state.connection = connection
            state.problem = nil
            // Moved before it is seen to listen: a reader that waits for that reads after the move.
            count.add(1, ordering: .releasing)
            return false
        }
        guard !stopped else {
            close(connection)
            return
        }
        connection.closeFuture.whenComplete { [weak self] _ in
            withExtendedLifetime(connection) {}
            self?.lost()
        }
    }

    /// The connection is gone: listen again (the count moves when it does).
    private func lost() {
        guard state.withLock({ state in
            state.connection = nil
            return !state.stopped
        }) else { return }
        connectUntilListening()
    }

    /// Closes a listening connection; a failure is logged (nothing is lost by it).
    private func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { [logger] result in
            // Held until it is closed: postgres-nio requires a connection closed before it goes.
            withExtendedLifetime(connection) {}
            if case .failure(let error) = result { logger.warning("変更の待ち受けの接続を閉じられません: \(error)") }
        }
    }
}
