import Foundation
import OrderEngine

extension StoreSyncRecords {
    /// Keeps the shop's sub-statuses as RMS listed them (getSubStatusList), in place of the last list.
    public func recordSubStatuses(_ list: [DetailEdit.SubStatus]) throws {
        try writing("サブステータス一覧の記録") { db in
            try db.run("DELETE FROM sub_statuses", [])
            let seconds = Int64(now().timeIntervalSince1970)
            for (position, status) in list.enumerated() {
                try db.run("INSERT INTO sub_statuses (id, progress, name, position, read_at) VALUES (?, ?, ?, ?, ?)",
                           [.integer(Int64(status.id)), .integer(Int64(status.progress)), .text(status.name), .integer(Int64(position)), .integer(seconds)])
            }
        }
    }

    /// The sub-statuses as RMS last listed them, and when (nil: never read).
    public func subStatuses() throws -> (list: [DetailEdit.SubStatus], readAt: Date?) {
        try reading { db in
            let rows = try db.rows("SELECT id, progress, name, read_at FROM sub_statuses ORDER BY position") { row in
                (status: DetailEdit.SubStatus(id: Int(try row.requiredInteger("id")), name: try row.requiredText("name"),
                                              progress: Int(try row.requiredInteger("progress"))),
                 readAt: try row.requiredInteger("read_at"))
            }
            return (rows.map(\.status), rows.first.map { Date(timeIntervalSince1970: TimeInterval($0.readAt)) })
        }
    }
}
