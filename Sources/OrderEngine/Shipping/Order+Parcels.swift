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

    /// The order with its parcel `number` changed: an unreported one here only; a reported one
    /// marked 訂正待ち, to be sent with its 発送明細ID. Nil values keep what the parcel has.
    public func amendingParcel(
        _ number: String, carrier: Carrier?, trackingNumber: String?, shippedOn: CalendarDate?
    ) throws(ActionInputError) -> Order {
        var order = self
        let index = try parcelIndex(number)
        var parcel = parcels[index]
        if let carrier { parcel.carrier = carrier }
        if let trackingNumber {
            if trackingNumber != number, parcels.contains(where: { $0.basketID == parcel.basketID && $0.trackingNumber == trackingNumber }) {
                throw ActionInputError("荷物番号 \(trackingNumber) はこの送付先に入力済みです")
            }
            parcel.trackingNumber = trackingNumber
        }
        if let shippedOn { parcel.shippedOn = shippedOn }
        // A carrier changed alone still has to fit the number (every path: the form, the command).
        if parcel.carrier != parcels[index].carrier, let carrier = parcel.carrier, let kept = parcel.trackingNumber {
            parcel.trackingNumber = try TrackingNumber.normalized(kept, carrier: carrier)
        }
        guard parcel != parcels[index] else { throw ActionInputError("変更はありません") }
        if parcel.report == .reported || parcel.report == .amended {
            guard parcel.shippingDetailID != nil else {
                throw ActionInputError("荷物番号 \(number) の発送明細IDをまだRMSから読んでいません。RMSステータスを取得してから訂正してください")
            }
            parcel.report = .amended
        }
        order.parcels[index] = parcel
        return order
    }

    /// The order without its parcel `number`: an unreported one removed here; a reported one
    /// marked 削除待ち, to be deleted at RMS by its 発送明細ID.
    public func deletingParcel(_ number: String) throws(ActionInputError) -> Order {
        var order = self
        let index = try parcelIndex(number)
        switch parcels[index].report {
        case .unreported:
            order.parcels.remove(at: index)
        case .reported, .amended:
            guard parcels[index].shippingDetailID != nil else {
                throw ActionInputError("荷物番号 \(number) の発送明細IDをまだRMSから読んでいません。RMSステータスを取得してから削除してください")
            }
            order.parcels[index].report = .deleted
        default:
            throw ActionInputError("荷物番号 \(number) は\(parcels[index].report.label)です")
        }
        return order
    }

    private func parcelIndex(_ number: String) throws(ActionInputError) -> Int {
        guard let index = parcels.firstIndex(where: { $0.trackingNumber == number }) else {
            throw ActionInputError("荷物番号 \(number) はこの注文にありません（\(parcels.compactMap(\.trackingNumber).joined(separator: "・"))）")
        }
        if parcels[index].report.isInFlight { throw ActionInputError("荷物番号 \(number) は\(parcels[index].report.label)です。結果を待ってください") }
        return index
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
        rmsProgress == .awaitingShipment && !parcels.isEmpty && parcels.allSatisfy { $0.report == .reported }
    }
}
