/// 発送完了を報告する（RMS）: sends each basket's parcels — carrier, tracking number, ship date —
/// to RMS (updateOrderShippingAsync). Only at RMS 発送待ち (300), and only when every basket has a
/// parcel and every parcel to send has all three: RMS takes a row without them, but the order
/// then never reaches 発送済 and a card is never charged.
public struct ShipReportAction: BulkAction {
    /// Today in Japan: a ship date after it is refused (the engine has no clock of its own).
    public let today: CalendarDate
    /// The local status an order moves to with its report (出荷済み); nil leaves it.
    public let statusAfter: LocalStatus?

    public init(today: CalendarDate, statusAfter: LocalStatus? = .shipped) {
        self.today = today
        self.statusAfter = statusAfter
    }

    public var id: ActionID { .shipReport }
    public var write: OutboundWrite? { .shippingReport }
    public var readsOrderContent: Bool { true }
    /// A bundle is one parcel: its number is every member's, reported for each of them.
    public var takesWholeBundles: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.origin.isRakutenAPI else { return .skip(.notFromAPI(order.origin)) }
        if let problem = order.readProblem { return .skip(.unreadable(problem)) }
        if order.rmsProgress.isCancelling { return .skip(.alreadyCancelled) }
        if order.parcels.contains(where: \.report.isInFlight) { return .skip(.shipReportInFlight) }
        let unsent = order.parcels.filter { $0.report == .unreported }
        if unsent.isEmpty, !order.parcels.isEmpty { return .skip(.alreadyReported) }
        guard order.rmsProgress == .awaitingShipment else {
            if order.rmsProgress > .awaitingShipment { return .skip(.alreadyReported) }
            return .skip(.rmsProgressNot(expected: .awaitingShipment, actual: order.rmsProgress))
        }
        for package in order.packages where !order.parcels.contains(where: { $0.basketID == package.basketID }) {
            return .skip(.parcelMissing(basketID: package.basketID, baskets: order.packages.count))
        }
        for parcel in unsent {
            if !parcel.missing.isEmpty { return .skip(.parcelIncomplete(parcel.missing)) }
            if let carrier = parcel.carrier, !carrier.isKnownToRakuten { return .skip(.carrierUnknownToRakuten(carrier.code)) }
            if let date = parcel.shippedOn, date > today { return .skip(.shipDateInFuture(date)) }
            if !order.packages.contains(where: { $0.basketID == parcel.basketID }) { return .skip(.parcelBasketUnknown(parcel.basketID)) }
        }
        var after = order
        after.parcels = order.parcels.map { parcel in
            var parcel = parcel
            if parcel.report == .unreported { parcel.report = .sending }
            return parcel
        }
        if let statusAfter { after.localStatus = statusAfter }
        return .change(after, sendsToRMS: true)
    }
}
