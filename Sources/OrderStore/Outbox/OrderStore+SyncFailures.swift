import Foundation
import GRDB

extension OrderStore {
    /// A background activity that failed and has not succeeded since.
    public struct SyncFailure: Sendable, Equatable {
        public let activity: String
        /// When it last failed.
        public let at: Date
        /// The process that saw it (`host:pid`).
        public let process: String
        public let detail: String
        /// How many times in a row it has failed.
        public let count: Int
    }

    /// Records that `activity` failed, for `juchu status` and every desk on the file.
    public func recordSyncFailure(_ activity: String, detail: String, process: String = OperatorIdentity.process) throws {
        try writeTransaction("同期の失敗の記録") { db in
            try db.execute(sql: """
                INSERT INTO sync_failures (activity, at, process, detail) VALUES (?, ?, ?, ?)
                ON CONFLICT(activity) DO UPDATE SET
                    at = excluded.at, process = excluded.process, detail = excluded.detail, count = count + 1
                """, arguments: [activity, Int64(now().timeIntervalSince1970), process, detail])
        }
    }

    /// Clears `activity`'s failure once it has succeeded. Writes only when there is one.
    public func clearSyncFailure(_ activity: String) throws {
        let recorded = try pool.read { db in
            try Bool.fetchOne(db, sql: "SELECT 1 FROM sync_failures WHERE activity = ?", arguments: [activity]) ?? false
        }
        guard recorded else { return }
        try writeTransaction("同期の失敗の解消") { db in
            try db.execute(sql: "DELETE FROM sync_failures WHERE activity = ?", arguments: [activity])
        }
    }

    /// The failures not yet followed by a success, newest first.
    public func syncFailures() throws -> [SyncFailure] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM sync_failures ORDER BY at DESC").map {
                SyncFailure(
                    activity: $0["activity"], at: Date(timeIntervalSince1970: TimeInterval($0["at"] as Int64)),
                    process: $0["process"], detail: $0["detail"], count: $0["count"])
            }
        }
    }
}
