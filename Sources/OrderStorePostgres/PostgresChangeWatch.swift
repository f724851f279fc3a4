import Foundation
import Logging
import NIOCore
import OrderStore
import PostgresNIO
import Synchronization

/// Changes to the shop's orders made by any process on any host, as the server tells them
/// (LISTEN/NOTIFY, https://www.postgresql.org/docs/current/sql-notify.html): a write that changes
/// orders notifies ``channel`` in its transaction, and the server tells every listener when it
/// commits. A connection of its own listens; when it is lost, notifications sent meanwhile are
/// lost with it, so the count moves once (the desk reads again) and the watch connects again.
public final class PostgresChangeWatch: Sendable {
    static let channel = "juchu_changes"
    /// What a write transaction that changed orders runs: its listeners hear it when it commits.
    static let notify: PostgresQuery = "SELECT pg_notify('juchu_changes', '')"
    private let location: PostgresLocation
    private let configuration: PostgresConnection.Configuration
    private let logger = Logger(label: "juchu.store.postgres.changes")
    private let count = Atomic<Int64>(0)
    private let state = Mutex<(connection: PostgresConnection?, stopped: Bool, problem: String?)>((nil, false, nil))

    /// Connects and listens; a server that cannot be reached is said.
    public init(location: PostgresLocation) throws {
        self.location = location
        configuration = try location.configuration()
        try listen()
    }

    deinit { stop() }

    /// How many changes were heard (and connections lost) since the watch began.
    public var changeCount: Int64 { count.load(ordering: .acquiring) }

    /// Why the watch does not listen now (nil: it does).
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

    /// Closes a listening connection; a failure is logged (nothing is lost by it).
    private func close(_ connection: PostgresConnection) {
        connection.close().whenComplete { [logger] result in
            // Held until it is closed: postgres-nio requires a connection closed before it goes.
            withExtendedLifetime(connection) {}
            if case .failure(let error) = result { logger.warning("変更の待ち受けの接続を閉じられません: \(error)") }
        }
    }

    private func listen() throws {
        let connection: PostgresConnection
        do {
            connection = try PostgresConnection.connect(
                on: PostgresConnection.defaultEventLoopGroup.any(), configuration: configuration, id: 0, logger: logger
            ).wait()
            connection.addListener(channel: Self.channel) { [weak self] _, _ in self?.count.add(1, ordering: .releasing) }
            _ = try connection.query(PostgresQuery(unsafeSQL: "LISTEN \(Self.channel)"), logger: logger).wait()
        } catch {
            throw StoreError("PostgreSQL（\(location.shown)）の変更を待ち受けられません: \(PostgresSession.describe(error))")
        }
        let stopped = state.withLock { state -> Bool in
            if !state.stopped {
                state.connection = connection
                state.problem = nil
            }
            return state.stopped
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

    /// The connection is gone: what was notified meanwhile is unknown, so the count moves, and
    /// the watch connects again every second until it listens (the problem said meanwhile).
    private func lost() {
        count.add(1, ordering: .releasing)
        guard state.withLock({ state in
            state.connection = nil
            return !state.stopped
        }) else { return }
        Thread.detachNewThread { [weak self] in
            var tries = 0
            while true {
                if tries > 0 { Thread.sleep(forTimeInterval: 1) }
                tries += 1
                // Held for one try only: a watch its owner let go is not kept alive by this.
                guard let watch = self, !watch.state.withLock({ $0.stopped }) else { return }
                do {
                    try watch.listen()
                    // Listening again: what changed while it was not is read with the count's move.
                    watch.count.add(1, ordering: .releasing)
                    return
                } catch {
                    watch.logger.warning("\(error)")
                    watch.state.withLock { $0.problem = "\(error)" }
                }
            }
        }
    }
}
