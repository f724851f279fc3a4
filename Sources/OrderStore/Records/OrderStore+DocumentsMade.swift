import Foundation
import OrderEngine

extension StoreApplying {
    /// What was already made from an order's address and delivery: its labels (送り状データ,
    /// by the shipment keys written), its 納品書, 受注伝票 and 領収書, and the mails sent to the
    /// buyer — each with when, oldest first (「送り状データ 12/06 10:12」).
    public func documentsMade(of number: OrderNumber) throws -> [String] {
        try reading { db in try OrderStore.documentsMade(of: number, in: db) }
    }
}

extension OrderStore {
    static func documentsMade(of number: OrderNumber, in db: any StoreStatements) throws -> [String] {
        var made: [(at: Int64, text: String)] = []
        if let at = try db.firstRow("SELECT MAX(created_at) AS at FROM shipment_keys WHERE order_number = ?", [.text(number.rawValue)], {
            try $0.integer("at")
        }) ?? nil {
            made.append((at, "送り状データ"))
        }
        try db.forEachRow("""
            SELECT kind, MAX(printed_at) AS at FROM printed_slips WHERE order_number = ? AND kind != ? GROUP BY kind ORDER BY kind
            """, [.text(number.rawValue), .text(SlipKind.picking.rawValue)]) { row in
            let name = try row.requiredText("kind")
            made.append((try row.requiredInteger("at"), SlipKind(rawValue: name).map(\.label) ?? name))
        }
        try db.forEachRow("""
            SELECT detail, MAX(finished_at) AS at FROM outbox WHERE order_number = ? AND kind = 'send-mail' AND state = 'done'
            GROUP BY detail ORDER BY detail
            """, [.text(number.rawValue)]) { row in
            made.append((try row.integer("at") ?? 0, "メール \(try row.text("detail") ?? "")"))
        }
        return made.sorted { $0.at < $1.at }.map { "\($0.text) \(JapanTime(Date(timeIntervalSince1970: TimeInterval($0.at))).shortText)" }
    }
}
