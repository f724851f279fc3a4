import Foundation

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
}

extension StoreSyncRecords {
    /// Records that `activity` failed, for `juchu status` and every desk on the file.
    public func recordSyncFailure(_ activity: String, detail: String, process: String = OperatorIdentity.process) throws {
        try writing("同期の失敗の記録") { db in
            try db.run("""
                INSERT INTO sync_failures (activity, at, process, detail) VALUES (?, ?, ?, ?)
                ON CONFLICT (activity) DO UPDATE SET
                    at = excluded.at, process = excluded.process, detail = excluded.detail, count = sync_failures.count + 1
                """, [.text(activity), .integer(Int64(now().timeIntervalSince1970)), .text(process), .text(detail)])
        }
    }

    /// Clears `activity`'s failure once it has succeeded. Writes only when there is one.
    public func clearSyncFailure(_ activity: String) throws {
        let recorded = try reading { db in
            try db.firstRow("SELECT activity FROM sync_failures WHERE activity = ?", [.text(activity)]) { _ in true } ?? false
        }
        guard recorded else { return }
        try writing("同期の失敗の解消") { db in
            try db.run("DELETE FROM sync_failures WHERE activity = ?", [.text(activity)])
        }
    }

    /// The failures not yet followed by a success, newest first.
    public func syncFailures() throws -> [OrderStore.SyncFailure] {
        try reading { db in
            try db.rows("SELECT activity, at, process, detail, count FROM sync_failures ORDER BY at DESC, activity") { row in
                OrderStore.SyncFailure(
                    activity: try row.requiredText("activity"), at: Date(timeIntervalSince1970: TimeInterval(try row.requiredInteger("at"))),
                    process: try row.requiredText("process"), detail: try row.requiredText("detail"), count: Int(try row.requiredInteger("count")))
            }
        }
    }
}
