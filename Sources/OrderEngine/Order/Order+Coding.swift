extension Order {
    /// The keys of an order's document (an order entered here, kept whole). ``parcels`` is not one
    /// of them: it lives in a column of its own, and documents written before it decode as they were.
    enum CodingKeys: String, CodingKey {
        case number, origin, orderedAt, rmsProgress, localStatus, sync, orderer, packages, payment, fees
        case goodsPrice, couponTotal, coupons, pointsUsed, bundleID, confirmedAt, remarks, memo, flags, dates
        case carrier, pendingEdit, rmsDifference, rmsAmounts, readProblem, delivery, mailPlugSentence, rakutenReceipts
    }
}
