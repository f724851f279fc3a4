extension Order {
    /// The order with `parcel` added to its basket (the order's only basket when it has one).
    /// Refused with the reason: a basket the order has not, a number already on the basket, a
    /// parcel to a basket already reported (a correction is its own action).
    public func addingParcel(_ parcel: Parcel) throws(ActionInputError) -> Order {
        guard packages.contains(where: { $0.basketID == parcel.basketID }) else {
            throw ActionInputError("送付先ID \(parcel.basketID) はこの注文にありません（\(packages.map { String($0.basketID) }.joined(separator: "・"))）")
        }
        if let number = parcel.trackingNumber,
            let same = parcels.first(where: { $0.basketID == parcel.basketID && $0.trackingNumber == number })
        {
            throw ActionInputError("荷物番号 \(number) はこの送付先に入力済みです（\(same.report.label)）")
        }
        var order = self
        order.parcels.append(parcel)
        return order
    }

    /// The basket a parcel goes to when none is named: the order's only one.
    public func onlyBasket() throws(ActionInputError) -> Int {
        guard packages.count == 1, let basket = packages.first?.basketID else {
            throw ActionInputError("送付先が\(packages.count)件あります。送付先IDを指定してください（\(packages.map { String($0.basketID) }.joined(separator: "・"))）")
        }
        return basket
    }
}

extension Order {
    /// Reported to RMS and waiting for RMS's 発送済, which comes the day after the ship date:
    /// 「報告済（発送済は翌日）」, not an error.
    public var isReportedAwaitingShipped: Bool {
        rmsProgress == .awaitingShipment && isReported
    }
}
