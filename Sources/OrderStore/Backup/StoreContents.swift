import Foundation
import GRDB

/// What a store file holds, counted: what a backup is checked against, and what a restore says it
/// will replace.
public struct StoreContents: Sendable, Equatable {
    public var orders = 0
    public var journalEntries = 0
    /// Writes to RMS and mails recorded, by state (pending, sending, unknown, failed, done).
    public var outbox: [String: Int] = [:]
    public var mails = 0
    public var printedSlips = 0
    public var shipmentKeys = 0
    /// The schema's migrations applied, the newest last.
    public var schemaVersion = ""

    public init() {}

    /// Writes recorded and not yet answered: sent (or about to be) with no word back.
    public var openWrites: Int { (outbox["pending"] ?? 0) + (outbox["sending"] ?? 0) + (outbox["unknown"] ?? 0) }

    /// One line in the operators' words: 「注文 1,234件・履歴 5,678件・送信記録 90件（未完了 2件）・メール 12件」.
    public var summary: String {
        func n(_ value: Int) -> String { value.formatted(.number.grouping(.automatic)) }
        let writes = outbox.values.reduce(0, +)
        return "注文 \(n(orders))件・履歴 \(n(journalEntries))件・送信記録 \(n(writes))件（未完了 \(n(openWrites))件）・メール \(n(mails))件・帳票 \(n(printedSlips))件・送り状 \(n(shipmentKeys))件"
    }

    /// The counts of the store `db` reads, in its transaction.
    static func count(in db: Database) throws -> StoreContents {
        // A file of an older version may lack the later tables: they count none.
        func count(_ table: String) throws -> Int {
            try db.tableExists(table) ? Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? 0 : 0
        }
        guard try db.tableExists("orders"), try db.tableExists("grdb_migrations") else {
            throw StoreError("受注のデータベースではありません（orders 表がありません）")
        }
        var contents = StoreContents()
        contents.orders = try count("orders")
        contents.journalEntries = try count("journal")
        if try db.tableExists("outbox") {
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM outbox GROUP BY state") {
                contents.outbox[row["state"]] = row["n"]
            }
        }
        contents.mails = try count("mail_messages")
        contents.printedSlips = try count("printed_slips")
        contents.shipmentKeys = try count("shipment_keys")
        contents.schemaVersion = try String.fetchOne(db, sql: "SELECT identifier FROM grdb_migrations ORDER BY rowid DESC LIMIT 1") ?? ""
        return contents
    }
}

extension OrderStore {
    /// What the store holds now, counted.
    public func contents() throws -> StoreContents {
        try pool.read { try StoreContents.count(in: $0) }
    }
}
