import Foundation
import OrderEngine

extension OrderStore {
    /// One document printed for an order.
    public struct PrintedSlip: Sendable, Equatable {
        public let kind: SlipKind
        public let number: OrderNumber
        /// 1 the first; more for each 再発行.
        public let copy: Int
        public let at: Date
        public let operatorName: String
        /// The PDF's path or the printer it went to.
        public let destination: String
        public let addressee: String?
        public let purpose: String?
    }
}

extension StoreApplying {
    /// Records that `kind` was made for `numbers` (each as its `copies` says), with where it went,
    /// in the journal too (the order's 履歴 shows it): after the PDF is whole, in one transaction.
    public func recordPrintedSlips(
        _ kind: SlipKind, copies: [OrderNumber: Int], destination: String, addressee: [OrderNumber: String] = [:], purpose: String? = nil
    ) throws {
        let at = now()
        let batchID = UUID().uuidString.lowercased()
        try writing("印刷の記録") { db in
            // The row's kinds, for the grid: this kind added once.
            let tab = db.dialect.character(9)
            let mark = """
                UPDATE orders SET printed_slips = CASE
                    WHEN printed_slips = '' THEN ?
                    WHEN \(db.dialect.position(of: "\(tab) || ? || \(tab)", in: "\(tab) || printed_slips || \(tab)")) > 0 THEN printed_slips
                    ELSE printed_slips || \(tab) || ? END
                WHERE order_number = ?
                """
            let action: ActionID = kind == .receipt ? .printReceipt : .printSlips
            for (number, copy) in copies.sorted(by: { $0.key < $1.key }) {
                try db.run("""
                    INSERT INTO printed_slips (batch_id, kind, order_number, copy, printed_at, operator, destination, addressee, purpose)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, [
                    .text(batchID), .text(kind.rawValue), .text(number.rawValue), .integer(Int64(copy)), .integer(Int64(at.timeIntervalSince1970)),
                    .text(operatorName), .text(destination), .textOrNull(addressee[number]), .textOrNull(kind == .receipt ? purpose : nil),
                ])
                try db.run(mark, [.text(kind.rawValue), .text(kind.rawValue), .text(kind.rawValue), .text(number.rawValue)])
                let text = copy > 1 ? "\(kind.label)（再発行・\(copy)回目）" : kind.label
                // Not a field of the order: the 履歴 shows the document by its name.
                try db.insert(OrderStore.journalLine, [
                    .text(batchID), .integer(Int64(at.timeIntervalSince1970 * 1000)), .text(operatorName), .text(action.rawValue),
                    .text(number.rawValue), .text("帳票"), .text(""), .text(text), .flag(false),
                ])
            }
        }
    }

    /// How many of `kind` each of `numbers` has had made (orders with none are absent).
    public func printedCopies(_ kind: SlipKind, of numbers: [OrderNumber]) throws -> [OrderNumber: Int] {
        try reading { db in
            var copies: [OrderNumber: Int] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                try db.forEachRow("""
                    SELECT order_number, MAX(copy) AS copies FROM printed_slips WHERE kind = ? AND order_number IN (\(OrderStore.marks(chunk.count)))
                    GROUP BY order_number
                    """, [.text(kind.rawValue)] + chunk.map { .text($0) }) { row in
                    copies[OrderNumber(try row.requiredText("order_number"))] = Int(try row.requiredInteger("copies"))
                }
            }
            return copies
        }
    }

    /// Every document made for `number`, oldest first.
    public func printedSlips(of number: OrderNumber) throws -> [OrderStore.PrintedSlip] {
        try reading { db in
            try db.rows("""
                SELECT kind, copy, printed_at, operator, destination, addressee, purpose FROM printed_slips WHERE order_number = ? ORDER BY id
                """, [.text(number.rawValue)]) { row -> OrderStore.PrintedSlip? in
                // A kind a newer version wrote is not shown rather than misnamed.
                guard let kind = SlipKind(rawValue: try row.requiredText("kind")) else { return nil }
                return OrderStore.PrintedSlip(
                    kind: kind, number: number, copy: Int(try row.requiredInteger("copy")),
                    at: Date(timeIntervalSince1970: TimeInterval(try row.requiredInteger("printed_at"))),
                    operatorName: try row.requiredText("operator"), destination: try row.requiredText("destination"),
                    addressee: try row.text("addressee"), purpose: try row.text("purpose"))
            }.compactMap { $0 }
        }
    }
}
