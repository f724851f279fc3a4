extension Order {
    /// The keys of an order's document (an order entered here, kept whole). ``parcels`` is not one
    /// of them: it lives in a column of its own, and documents written before it decode as they were.
    enum CodingKeys: String, CodingKey, CaseIterable {
        case number, origin, orderedAt, rmsProgress, localStatus, sync, orderer, packages, payment, fees
        case goodsPrice, couponTotal, coupons, pointsUsed, bundleID, confirmedAt, remarks, memo, flags, dates
        case carrier, pendingEdit, rmsDifference, rmsAmounts, readProblem, delivery, mailPlugSentence, rakutenReceipts
    }
}

extension Order {
    /// As the synthesized encoding, with its sets and the dates in their own order: the same order
    /// is always the same bytes (a document compared, copied and checksummed; a Set's and a
    /// Dictionary's order changes from one instance to the next).
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(number, forKey: .number)
        try container.encode(origin, forKey: .origin)
        try container.encode(orderedAt, forKey: .orderedAt)
        try container.encode(rmsProgress, forKey: .rmsProgress)
        try container.encode(localStatus, forKey: .localStatus)
        try container.encode(sync, forKey: .sync)
        try container.encode(orderer, forKey: .orderer)
        try container.encode(packages, forKey: .packages)
        try container.encode(payment, forKey: .payment)
        try container.encode(fees, forKey: .fees)
        try container.encode(goodsPrice, forKey: .goodsPrice)
        try container.encode(couponTotal, forKey: .couponTotal)
        try container.encode(coupons, forKey: .coupons)
        try container.encode(pointsUsed, forKey: .pointsUsed)
        try container.encodeIfPresent(bundleID, forKey: .bundleID)
        try container.encodeIfPresent(confirmedAt, forKey: .confirmedAt)
        try container.encodeIfPresent(remarks, forKey: .remarks)
        try container.encodeIfPresent(memo, forKey: .memo)
        try container.encode(flags.sorted(), forKey: .flags)
        // A dictionary keyed by an enum is written as its keys and values in turn (as decoded).
        var datesContainer = container.nestedUnkeyedContainer(forKey: .dates)
        for (field, date) in dates.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            try datesContainer.encode(field)
            try datesContainer.encode(date)
        }
        try container.encodeIfPresent(carrier, forKey: .carrier)
        try container.encodeIfPresent(pendingEdit, forKey: .pendingEdit)
        try container.encodeIfPresent(rmsDifference, forKey: .rmsDifference)
        try container.encodeIfPresent(rmsAmounts, forKey: .rmsAmounts)
        try container.encodeIfPresent(readProblem, forKey: .readProblem)
        try container.encodeIfPresent(delivery, forKey: .delivery)
        try container.encodeIfPresent(mailPlugSentence, forKey: .mailPlugSentence)
        try container.encodeIfPresent(rakutenReceipts, forKey: .rakutenReceipts)
    }
}
