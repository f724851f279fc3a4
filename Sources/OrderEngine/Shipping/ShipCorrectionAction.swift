/// 荷物番号の訂正・削除を送る（RMS）: reported parcels changed or taken back here go to RMS by their
/// 発送明細ID — the same ID with the new values, or shippingDeleteFlag — as their own action
/// with its preview, never mixed into a report.
public struct ShipCorrectionAction: BulkAction {
    public init() {}

    public var id: ActionID { .shipCorrection }
    public var write: OutboundWrite? { .shippingCorrection }
    /// A bundle is one parcel: its number is every member's, corrected for each of them.
    public var takesWholeBundles: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.origin.isRakutenAPI else { return .skip(.notFromAPI(order.origin)) }
        if order.parcels.contains(where: \.report.isInFlight) { return .skip(.shipReportInFlight) }
        let pending = order.parcels.filter(\.report.awaitsCorrection)
        guard !pending.isEmpty else { return .skip(.noShippingCorrection) }
        if order.rmsProgress.isCancelling { return .skip(.alreadyCancelled) }
        for package in order.packages where !order.parcels.contains(where: { $0.basketID == package.basketID && $0.report != .deleted }) {
            return .skip(.parcelMissing(basketID: package.basketID, baskets: order.packages.count))
        }
        for parcel in pending where parcel.report == .amended && !parcel.missing.isEmpty {
            return .skip(.parcelIncomplete(parcel.missing))
        }
        var after = order
        after.parcels = order.parcels.map { parcel in
            var parcel = parcel
            if parcel.report == .amended { parcel.report = .amendSending }
            if parcel.report == .deleted { parcel.report = .deleteSending }
            return parcel
        }
        return .change(after, sendsToRMS: true)
    }
}
