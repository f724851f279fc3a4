import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Keeps the shop's sub-statuses as RMS listed them (getSubStatusList), in place of the last list.
    public func recordSubStatuses(_ list: [DetailEdit.SubStatus]) throws {
        try writeTransaction("サブステータス一覧の記録") { db in
            try db.execute(sql: "DELETE FROM sub_statuses")
            let seconds = Int64(now().timeIntervalSince1970)
            for (position, status) in list.enumerated() {
                try db.execute(sql: "INSERT INTO sub_statuses (id, progress, name, position, read_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [status.id, status.progress, status.name, position, seconds])
            }
        }
    }

    /// The sub-statuses as RMS last listed them, and when (nil: never read).
    public func subStatuses() throws -> (list: [DetailEdit.SubStatus], readAt: Date?) {
        try pool.read { db in
            let rows = try Row.fetchAll(db, sql: "SELECT id, progress, name, read_at FROM sub_statuses ORDER BY position")
            let list = rows.map { DetailEdit.SubStatus(id: $0["id"], name: $0["name"], progress: $0["progress"]) }
            let readAt = rows.first.map { Date(timeIntervalSince1970: TimeInterval($0["read_at"] as Int64)) }
            return (list, readAt)
        }
    }
}
