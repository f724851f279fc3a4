import Foundation

/// Every process that has a store open holds a shared lock on a file beside it (flock,
/// `…-open.lock`) for as long as it is open; a restore takes it exclusively, so that it never
/// replaces the file under a desk, a worker or a command, and nothing opens it meanwhile.
final class StoreOpenLock: Sendable {
    let descriptor: Int32

    static func path(of store: String) -> String { store + "-open.lock" }

    /// Shared (a process using the store) or exclusive (a restore); refused, after a second, when
    /// the other kind is held.
    init(store: String, exclusive: Bool, access: FileAccess) throws {
        let path = Self.path(of: store)
        do { try access.createFile(path) } catch { throw StoreError(error.description) }
        let descriptor = open(path, O_RDWR | O_CLOEXEC)
        guard descriptor >= 0 else { throw StoreError("\(path) を開けません: \(String(cString: strerror(errno)))") }
        // A lock just given up may still be held for a moment by a child process between its fork
        // and its exec (its copy of the descriptor closes at exec): asked again for up to a second.
        var attempts = 0
        while flock(descriptor, (exclusive ? LOCK_EX : LOCK_SH) | LOCK_NB) != 0 {
            let reason = errno
            attempts += 1
            if reason == EWOULDBLOCK, attempts < 20 {
                usleep(50_000)
                continue
            }
            close(descriptor)
            if reason == EWOULDBLOCK {
                throw StoreError(exclusive
                    ? "データベース \(store) を開いているプロセス（デスク・同期ワーカー・コマンド）があります。すべて終了してから行ってください（fuser -v \(path) で確かめられます）"
                    : "データベース \(store) は復元中です。終わってから開いてください")
            }
            throw StoreError("\(path) を確保できません: \(String(cString: strerror(reason)))")
        }
        self.descriptor = descriptor
    }

    deinit {
        close(descriptor)
    }
}
