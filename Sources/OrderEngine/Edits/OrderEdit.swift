/// 注文内容修正: changes to an order's fees, quantities and unit prices, checked before they are
/// saved and pushed to RMS (入力内容を反映する).
public struct OrderEdit: Sendable, Equatable {
    /// The units an item line may have, here and in RMS's edit.
    public static let unitsRange = 1...999

    public var fees: Fees
    /// Per package, per item: units and unit price, in the order's own order.
    public var lines: [[Line]]
    /// 楽天減額理由, needed by RMS when an amount goes down.
    public var reductionReason: Int?

    public struct Line: Sendable, Equatable {
        public var itemDetailID: Int
        public var units: Int
        public var unitPrice: Int

        public init(itemDetailID: Int, units: Int, unitPrice: Int) {
            self.itemDetailID = itemDetailID
            self.units = units
            self.unitPrice = unitPrice
        }
    }

    /// The order as it is, to change from.
    public init(of order: Order) {
        fees = order.fees
        reductionReason = order.pendingEdit?.reductionReason
        lines = order.packages.map { $0.items.map { Line(itemDetailID: $0.itemDetailID, units: $0.units, unitPrice: $0.unitPrice) } }
    }

    /// What is wrong with the edit for this order, in the operator's words (empty when it can be saved).
    public func problems(for order: Order) -> [String] {
        var problems: [String] = []
        if order.isBundled { problems.append(SkipReason.bundledFeesLocked.text) }
        if let problem = order.readProblem { problems.append(SkipReason.unreadable(problem).text) }
        if order.origin.isRakutenAPI {
            let before = order.packages.map { $0.items.map(\.itemDetailID) }
            let after = lines.map { $0.map(\.itemDetailID) }
            if before != after { problems.append("楽天ペイの注文は商品の追加・削除をRMSに反映できません") }
            if order.rmsProgress >= .shipped { problems.append(SkipReason.feesLockedAfterShipping.text) }
            if isReduction(from: order), reductionReason == nil { problems.append("金額が下がるときは楽天減額理由を選んでください") }
        }
        for line in lines.joined() {
            if !Self.unitsRange.contains(line.units) { problems.append("数量は1〜999で入力してください（商品 \(line.itemDetailID)）") }
            if !WriteFeeAction.range.contains(line.unitPrice) { problems.append("単価は0〜999,999円で入力してください（商品 \(line.itemDetailID)）") }
        }
        for kind in WriteFeeAction.Kind.allCases {
            if let yen = fees[kind].yen, !WriteFeeAction.range.contains(yen) { problems.append("\(kind.label)は0〜999,999円で入力してください") }
            // Unset stays unset until the operator sets it; a fee that is set is never unset again
            // (it would reach RMS as -9999).
            if order.origin.isRakutenAPI, fees[kind].isUnset, !order.fees[kind].isUnset {
                problems.append("\(kind.label)を空にはできません（設定済みの金額です。0円なら 0 と入力してください）")
            }
        }
        return problems
    }

    /// Whether some amount goes down, so that RMS needs a reduction reason (楽天減額理由).
    public func isReduction(from order: Order) -> Bool {
        func lower(_ new: Money, _ old: Money) -> Bool {
            guard let new = new.yen, let old = old.yen else { return false }
            return new < old
        }
        if lower(fees.shipping, order.fees.shipping) || lower(fees.cashOnDelivery, order.fees.cashOnDelivery)
            || lower(fees.paymentCharge, order.fees.paymentCharge)
        {
            return true
        }
        let before = order.packages.flatMap(\.items)
        return zip(lines.joined(), before).contains { $0.unitPrice < $1.unitPrice || $0.units < $1.units }
    }

    /// The order with the edit applied (check ``problems(for:)`` first). A Rakuten order then has
    /// an edit to push to RMS (入力内容を反映する).
    public func applied(to order: Order) -> Order {
        let original = order
        var order = order
        order.fees = fees
        for (p, package) in lines.enumerated() where p < order.packages.count {
            for (i, line) in package.enumerated() where i < order.packages[p].items.count {
                order.packages[p].items[i].units = line.units
                order.packages[p].items[i].unitPrice = line.unitPrice
            }
        }
        order.goodsPrice = order.goodsPriceFromItems
        let amountsChanged = original.changes(to: order).contains { $0.field != .pendingEdit }
        if order.origin.isRakutenAPI, amountsChanged || original.pendingEdit?.groups.contains(.amounts) == true {
            var pending = original.pendingEdit ?? PendingEdit(groups: [])
            pending.groups.insert(.amounts)
            pending.reductionReason = reductionReason
            order.pendingEdit = pending.recording(original, order)
        }
        return order
    }
}
