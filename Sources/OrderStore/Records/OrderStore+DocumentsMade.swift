import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// What was already made from an order's address and delivery: its labels (送り状データ,
    /// by the shipment keys written), its 納品書, 受注伝票 and 領収書, and the mails sent to the
    /// buyer — each with when, oldest first (「送り状データ 12/06 10:12」).
    public func documentsMade(of number: OrderNumber) throws -> [String] {
        try pool.read { db in try Self.documentsMade(of: number, in: db) }
    }

    static func documentsMade(of number: OrderNumber, in db: Database) throws -> [String] {
        var made: [(at: Int64, text: String)] = []
        if let at = try Int64.fetchOne(db, sql: "SELECT MAX(created_at) FROM shipment_keys WHERE order_number = ?", arguments: [number.rawValue]) {
            made.append((at, "送り状データ"))
        }
        let slips = try Row.fetchAll(db, sql: """
            SELECT kind, MAX(printed_at) AS at FROM printed_slips WHERE order_number = ? AND kind != ? GROUP BY kind
            """, arguments: [number.rawValue, SlipKind.picking.rawValue])
        for row in slips {
            let kind = SlipKind(rawValue: row["kind"]).map(\.label) ?? (row["kind"] as String)
            made.append((row["at"], kind))
        }
        let mails = try Row.fetchAll(db, sql: """
            SELECT detail, MAX(finished_at) AS at FROM outbox WHERE order_number = ? AND kind = 'send-mail' AND state = 'done' GROUP BY detail
            """, arguments: [number.rawValue])
        for row in mails { made.append((row["at"] ?? 0, "メール \(row["detail"] as String? ?? "")")) }
        return made.sorted { $0.at < $1.at }.map { "\($0.text) \(JapanTime(Date(timeIntervalSince1970: TimeInterval($0.at))).shortText)" }
    }
}
