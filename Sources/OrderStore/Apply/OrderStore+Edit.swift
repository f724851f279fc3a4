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

extension OrderStore {
    /// Saves a change of `original`'s details (送付先, 注文者, 配送方法, お届け日時, メモ, 備考,
    /// サブステータス), the order as the form (or `juchu edit`) read it. Refused, with the reasons,
    /// when a value breaks RMS's rules or when someone changed one of the same fields since it was
    /// read. A Rakuten order's change is then pending (未反映) until pushed. Returns the order as
    /// saved, or the problems.
    public func save(_ edit: DetailEdit, editing original: Order, context: DetailEdit.Context) throws -> Result<Order, EditProblems> {
        try writeTransaction("注文内容（送付先・配送）の保存") { db in
            guard let current = try Self.load([original.number], in: db).first else {
                return .failure(EditProblems(["注文 \(original.number) が見つかりません"]))
            }
            let touched = edit.values.keys.filter { $0.text(in: current) != $0.text(in: original) }
            if !touched.isEmpty {
                let names = touched.map(\.label).sorted().joined(separator: "・")
                return .failure(EditProblems(["この注文の\(names)は読み込んだ後に変更されました（他の操作・他の端末）。開き直してから修正してください"]))
            }
            let problems = edit.problems(for: current, context: context)
            guard problems.isEmpty else { return .failure(EditProblems(problems)) }
            let after = edit.applied(to: current, context: context)
            guard after != current else { return .success(current) }
            try Self.write(after, from: current, in: db, at: now())
            let batchID = UUID().uuidString.lowercased()
            try Self.journal(current.changes(to: after), of: current.number, batchID: batchID, action: .event(.edit),
                             undoable: true, operatorName: operatorName, at: now(), in: db)
            try recordDesk(of: batchID, in: db)
            return .success(after)
        }
    }
}
