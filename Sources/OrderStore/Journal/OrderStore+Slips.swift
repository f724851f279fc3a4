import Foundation
import GRDB
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

    /// Records that `kind` was made for `numbers` (each as its `copies` says), with where it went,
    /// in the journal too (the order's 履歴 shows it): after the PDF is whole, in one transaction.
    public func recordPrintedSlips(
        _ kind: SlipKind, copies: [OrderNumber: Int], destination: String, addressee: [OrderNumber: String] = [:], purpose: String? = nil
    ) throws {
        let at = now()
        let batchID = UUID().uuidString.lowercased()
        try writeTransaction("印刷の記録") { db in
            let insert = try db.makeStatement(sql: """
                INSERT INTO printed_slips (batch_id, kind, order_number, copy, printed_at, operator, destination, addressee, purpose)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """)
            let journal = try db.makeStatement(sql: Self.journalSQL)
            // The row's kinds, for the grid: this kind added once.
            let mark = try db.makeStatement(sql: """
                UPDATE orders SET printed_slips = CASE
                    WHEN printed_slips = '' THEN ?1
                    WHEN instr(char(9) || printed_slips || char(9), char(9) || ?1 || char(9)) > 0 THEN printed_slips
                    ELSE printed_slips || char(9) || ?1 END
                WHERE order_number = ?2
                """)
            let action: ActionID = kind == .receipt ? .printReceipt : .printSlips
            for (number, copy) in copies.sorted(by: { $0.key < $1.key }) {
                try insert.execute(arguments: [
                    batchID, kind.rawValue, number.rawValue, copy, Int64(at.timeIntervalSince1970), operatorName, destination,
                    addressee[number], kind == .receipt ? purpose : nil,
                ])
                try mark.execute(arguments: [kind.rawValue, number.rawValue])
                let text = copy > 1 ? "\(kind.label)（再発行・\(copy)回目）" : kind.label
                try journal.execute(arguments: [
                    batchID, Int64(at.timeIntervalSince1970 * 1000), operatorName, action.rawValue, number.rawValue,
                    "帳票", "", text, false,
                ])
            }
        }
    }

    /// How many of `kind` each of `numbers` has had made (orders with none are absent).
    public func printedCopies(_ kind: SlipKind, of numbers: [OrderNumber]) throws -> [OrderNumber: Int] {
        try pool.read { db in
            var copies: [OrderNumber: Int] = [:]
            for chunk in numbers.map(\.rawValue).chunked(into: 500) {
                let marks = Self.marks(chunk.count)
                for row in try Row.fetchAll(db, sql: """
                    SELECT order_number, MAX(copy) AS copies FROM printed_slips WHERE kind = ? AND order_number IN (\(marks))
                    GROUP BY order_number
                    """, arguments: StatementArguments([kind.rawValue] + chunk)) {
                    copies[OrderNumber(row["order_number"])] = row["copies"]
                }
            }
            return copies
        }
    }

    /// Every document made for `number`, oldest first.
    public func printedSlips(of number: OrderNumber) throws -> [PrintedSlip] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT * FROM printed_slips WHERE order_number = ? ORDER BY id", arguments: [number.rawValue]).compactMap { row in
                // A kind a newer version wrote is not shown rather than misnamed.
                guard let kind = SlipKind(rawValue: row["kind"]) else { return nil }
                return PrintedSlip(
                    kind: kind, number: number, copy: row["copy"], at: Date(timeIntervalSince1970: TimeInterval(row["printed_at"] as Int64)),
                    operatorName: row["operator"], destination: row["destination"], addressee: row["addressee"], purpose: row["purpose"])
            }
        }
    }
}
