import GRDB
import OrderEngine

/// Version 23: the statuses the engine knows are kept by their stable ids (``LocalStatus/id``:
/// `shipped`, not 「出荷済み」) in the orders, their counts and the journal (whose values an undo
/// compares with the orders as they are). Documents keep the names they were written with: read
/// back, a name is that status too.
enum StoreSchemaV23 {
    static func migrate(_ db: Database) throws {
        for status in LocalStatus.known where status.id != status.name {
            try db.execute(sql: "UPDATE orders SET local_status = ? WHERE local_status = ?", arguments: [status.id, status.name])
        }
        for status in LocalStatus.known where status.id != status.name {
            for column in ["before_value", "after_value"] {
                try db.execute(sql: "UPDATE journal SET \(column) = ? WHERE field = ? AND \(column) = ?",
                               arguments: ["t:" + status.id, OrderField.localStatus.rawValue, "t:" + status.name])
            }
        }
        try db.execute(sql: """
            DELETE FROM status_counts;
            INSERT INTO status_counts (local_status, n) SELECT local_status, COUNT(*) FROM orders GROUP BY local_status;
            """)
    }
}
