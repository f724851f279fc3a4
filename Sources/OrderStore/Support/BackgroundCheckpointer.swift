import Foundation
import GRDBSQLite

/// Copies the write-ahead log back into the database on a thread and connection of its own while
/// one writer commits transaction after transaction (a bulk import).
///
/// SQLite's own checkpoint runs on the writer, after the commit that fills the log: the writer then
/// waits for the copy and its fsync (12–16 % of a million-order import). Here each commit only asks
/// for a checkpoint; the writer waits for one only when the log has grown past `limitPages`. A log
/// starts again from its beginning only when a transaction begins with every frame copied back,
/// which a checkpointer chasing a busy writer never sees: that wait is what keeps the log bounded.
final class BackgroundCheckpointer: @unchecked Sendable {
    private let connection: OpaquePointer
    private let limitPages: Int32
    /// Guards everything below.
    private let condition = NSCondition()
    /// Commits that asked for a checkpoint.
    private var requested = 0
    /// The number of requests the last finished checkpoint covered.
    private var covered = 0
    private var stopping = false
    /// Until the thread has made its last checkpoint.
    private var running = true
    /// The first checkpoint error, reported when the import ends.
    private var failure: String?

    init(path: String, limitPages: Int32) throws {
        var handle: OpaquePointer?
        let opened = sqlite3_open_v2(path, &handle, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil)
        guard opened == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "\(opened)"
            sqlite3_close(handle)
            throw StoreError("データベース \(path) の書き戻し用の接続を開けません: \(message)")
        }
        connection = handle
        self.limitPages = limitPages
        // As the writer's: the log and the file are synced at each checkpoint, not at each commit.
        sqlite3_exec(handle, "PRAGMA synchronous = NORMAL", nil, nil, nil)
        sqlite3_busy_timeout(handle, 15_000)
        let thread = Thread { [self] in run() }
        thread.name = "juchu.import.checkpoint"
        thread.start()
    }

    deinit { sqlite3_close(connection) }

    /// Called on the writer's thread after each commit, with the frames now in the log.
    func committed(pages: Int32) {
        condition.lock()
        defer { condition.unlock() }
        requested += 1
        let request = requested
        condition.broadcast()
        guard pages > limitPages else { return }
        // One checkpoint that began after this commit: it copies every frame no reader still
        // needs, and the writer's next transaction starts the log again from its beginning.
        while covered < request, running { condition.wait() }
    }

    /// Waits for a last checkpoint of everything committed, then ends the thread.
    func stop() throws {
        condition.lock()
        stopping = true
        condition.broadcast()
        while running { condition.wait() }
        let failure = failure
        condition.unlock()
        if let failure { throw StoreError("取り込み中の書き戻し（チェックポイント）に失敗しました: \(failure)") }
    }

    private func run() {
        while true {
            condition.lock()
            while covered == requested, !stopping { condition.wait() }
            if covered == requested, stopping {
                running = false
                condition.broadcast()
                condition.unlock()
                return
            }
            let target = requested
            condition.unlock()

            var logFrames: Int32 = 0
            var copiedFrames: Int32 = 0
            let code = sqlite3_wal_checkpoint_v2(connection, nil, SQLITE_CHECKPOINT_PASSIVE, &logFrames, &copiedFrames)

            condition.lock()
            if code != SQLITE_OK, code != SQLITE_BUSY, failure == nil {
                failure = String(cString: sqlite3_errmsg(connection))
            }
            covered = target
            condition.broadcast()
            condition.unlock()
        }
    }
}
