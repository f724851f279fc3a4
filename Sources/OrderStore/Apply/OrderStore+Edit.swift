import Foundation
import OrderEngine

extension StoreApplying {
    /// Saves an edit (注文内容修正) of `original`, the order as the form showed it. Refused, with
    /// the reasons, when the edit breaks a rule or when someone changed the order's fees or
    /// items since the form opened (their change is not overwritten unseen).
    public func save(_ edit: OrderEdit, editing original: Order) throws -> [String] {
        switch try save(amounts: edit, details: DetailEdit(), editing: original, context: DetailEdit.Context(today: CalendarDate(japanDayOf: JapanTime(now())))) {
        case .success: []
        case .failure(let problems): problems.problems
        }
    }

    /// Saves a change of `original`'s details (送付先, 注文者, 配送方法, お届け日時, メモ, 備考,
    /// サブステータス), the order as `juchu edit` read it. See ``save(amounts:details:editing:context:)``.
    public func save(_ edit: DetailEdit, editing original: Order, context: DetailEdit.Context) throws -> Result<Order, EditProblems> {
        try save(amounts: nil, details: edit, editing: original, context: context)
    }

    /// Saves the edit form of `original` (the order as the form read it) in one transaction: its
    /// amounts (`amounts`, nil when they are not edited) and its details. Refused whole, with the
    /// reasons, when a value breaks RMS's rules or when someone changed one of the same fields
    /// since it was read (their change is not overwritten unseen). A Rakuten order's change is
    /// then pending (未反映) until pushed. Returns the order as saved, or the problems.
    public func save(amounts: OrderEdit?, details: DetailEdit, editing original: Order, context: DetailEdit.Context) throws -> Result<Order, EditProblems> {
        try writing("注文内容修正の保存") { db in
            guard let current = try OrderStore.load([original.number], in: db).first else {
                return .failure(EditProblems(["注文 \(original.number) が見つかりません"]))
            }
            if amounts != nil {
                let touched: [OrderField] = [.shippingFee, .cashOnDeliveryFee, .paymentCharge, .items]
                if touched.contains(where: { $0.value(in: current) != $0.value(in: original) }) {
                    return .failure(EditProblems(["この注文は開いた後に変更されました（他の操作・他の端末）。開き直してから修正してください"]))
                }
            }
            let touched = details.values.keys.filter { $0.text(in: current) != $0.text(in: original) }
            if !touched.isEmpty {
                let names = touched.map(\.label).sorted().joined(separator: "・")
                return .failure(EditProblems(["この注文の\(names)は開いた後に変更されました（他の操作・他の端末）。開き直してから修正してください"]))
            }
            var problems = amounts.map { $0.problems(for: current) } ?? []
            if !details.values.isEmpty { problems += details.problems(for: current, context: context) }
            guard problems.isEmpty else { return .failure(EditProblems(problems)) }
            var after = amounts.map { $0.applied(to: current) } ?? current
            after = details.applied(to: after, context: context)
            guard after != current else { return .success(current) }
            // A label, a slip or a mail made from what changed is out of date.
            if current.changes(to: after).contains(where: \.field.isOnDocuments),
                try !OrderStore.documentsMade(of: current.number, in: db).isEmpty
            {
                after.flags.insert(OrderFlag.reissue)
            }
            try OrderStore.write(after, from: current, in: db, at: now())
            let batchID = UUID().uuidString.lowercased()
            try OrderStore.journal(current.changes(to: after), of: current.number, batchID: batchID, action: .event(.edit),
                             undoable: true, operatorName: operatorName, at: now(), in: db)
            try recordDesk(of: batchID, in: db)
            return .success(after)
        }
    }
}
