import Foundation
import GRDB
import OrderEngine

extension OrderStore {
    /// Saves an edit (注文内容修正) of `original`, the order as the form showed it. Refused, with
    /// the reasons, when the edit breaks a rule or when someone changed the order's fees or
    /// items since the form opened (their change is not overwritten unseen).
    public func save(_ edit: OrderEdit, editing original: Order) throws -> [String] {
        try writeTransaction("注文内容修正の保存") { db in
            guard let current = try Self.load([original.number], in: db).first else { return ["注文 \(original.number) が見つかりません"] }
            let touched: [OrderField] = [.shippingFee, .cashOnDeliveryFee, .paymentCharge, .items]
            if touched.contains(where: { $0.value(in: current) != $0.value(in: original) }) {
                return ["この注文は開いた後に変更されました（他の操作・他の端末）。開き直してから修正してください"]
            }
            let problems = edit.problems(for: current)
            guard problems.isEmpty else { return problems }
            let after = edit.applied(to: current)
            try Self.write(after, from: current, in: db, at: now())
            let batchID = UUID().uuidString.lowercased()
            try Self.journal(current.changes(to: after), of: current.number, batchID: batchID, action: .event(.edit),
                             undoable: true, operatorName: operatorName, at: now(), in: db)
            try recordDesk(of: batchID, in: db)
            return []
        }
    }
}
