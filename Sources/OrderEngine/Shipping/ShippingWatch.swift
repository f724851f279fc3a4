/// What peers leave unsaid about shipping and RMS: an order 楽天処理済 and not reported by its
/// ship-by day, and a reported order RMS has not moved to 発送済 two days after its ship date
/// (a report RMS took without reaching 500 — a row missing a value — leaves a card uncharged).
public enum ShippingWatch {
    /// Days after the ship date RMS is given to show 発送済 (it does so the next day).
    public static let daysUntilShippedExpected = 2

    /// The day an order at 発送待ち should be reported by: its 出荷予定日, else `leadDays` after its
    /// confirmation's day.
    public static func shipBy(_ order: Order, leadDays: Int) -> CalendarDate? {
        if let planned = order.dates[.plannedShipmentDate] { return planned }
        return order.confirmedAt.map { CalendarDate(japanDayOf: JapanTime($0)).adding(days: leadDays) }
    }

    /// 楽天処理済 (RMS 300), not (wholly) reported, and past its ship-by day.
    public static func isLate(_ order: Order, today: CalendarDate, leadDays: Int) -> Bool {
        guard order.origin.isRakutenAPI, order.rmsProgress == .awaitingShipment, !order.isReported,
            let due = shipBy(order, leadDays: leadDays)
        else { return false }
        return due < today
    }

    /// Reported, still 発送待ち at RMS, two days or more after the latest ship date.
    public static func isStuck(_ order: Order, today: CalendarDate) -> Bool {
        guard order.rmsProgress == .awaitingShipment, order.isReported,
            let latest = order.parcels.compactMap(\.shippedOn).max()
        else { return false }
        return latest.adding(days: daysUntilShippedExpected) <= today
    }
}

extension Order {
    /// Every parcel reported to RMS (and there is at least one), corrections pending or not.
    public var isReported: Bool { !parcels.isEmpty && parcels.allSatisfy { $0.report != .unreported && $0.report != .sending } }
}
