/// 差分あり: what RMS changed in an order since it was last read, where that differs from the
/// order here — cancelled by the customer or Rakuten, confirmed directly in RMS, fees, goods or
/// points recalculated. Kept on the order, field by field, until the operator accepts it; RMS's
/// values are never laid over the shop's silently.
///
/// A class: nearly every order has none, and an order's copies (a 10,000-order plan holds two)
/// then carry one reference instead of the whole value.
public final class RMSDifference: Sendable, Hashable, Codable {
    public struct Field: Sendable, Hashable, Codable {
        public let label: String
        public let ours: String
        public let rms: String
    }

    public let fields: [Field]
    /// RMS's fees, taken into the order when the difference is accepted.
    public let rmsFees: Fees
    /// RMS cancelled the order (800/900) without the shop asking for it.
    public let cancelledInRMS: Bool
    /// RMS's values of the details it changed where the shop has an unsent change of its own
    /// (by field key), taken into the order, in place of the shop's, when the difference is accepted.
    public let rmsDetails: [String: String]?

    /// Compares RMS's order now (`rms`) with the order here (`ours`) and with what RMS held when
    /// it was last read (`previous`). A value RMS changed to what the shop already has (an edit
    /// pushed, a cancellation asked for) is no difference; a value only the shop changed (an edit
    /// not yet pushed) is none either. Nil when nothing differs.
    public init?(ours: Order, previous: Order, rms: Order) {
        var fields: [Field] = []
        func compare(_ label: String, _ value: (Order) -> String) {
            let now = value(rms)
            if now != value(previous), now != value(ours) { fields.append(Field(label: label, ours: value(ours), rms: now)) }
        }
        compare("送料") { $0.fees.shipping.description }
        compare("代引手数料") { $0.fees.cashOnDelivery.description }
        compare("決済手数料") { $0.fees.paymentCharge.description }
        compare("商品合計") { $0.goodsPrice.description }
        compare("ポイント利用") { "\($0.pointsUsed)ポイント" }
        compare("クーポン") { "\($0.couponTotal)円" }
        // The details: a change RMS made where the shop has one not yet sent (RMS's is otherwise
        // taken as it is: RMSCopyMerge).
        var details: [String: String] = [:]
        for group in (ours.pendingEdit?.groups ?? []).sorted() where group != .amounts {
            for field in group.fields(packages: min(ours.packages.count, rms.packages.count)) {
                let before = fields.count
                compare(field.label) { field.displayText(in: $0) }
                if fields.count > before { details.merge(rms.detailValues(of: group)) { _, new in new } }
            }
        }
        let cancelled = rms.rmsProgress.isCancelling && !previous.rmsProgress.isCancelling && ours.localStatus != .cancelled
        if cancelled {
            fields.append(Field(label: "RMSステータス", ours: previous.rmsProgress.label, rms: "\(rms.rmsProgress.label)（店舗の操作ではありません）"))
        }
        if rms.confirmedAt != nil, previous.confirmedAt == nil, ours.sync == .notSent {
            fields.append(Field(label: "注文確認", ours: "未送信", rms: "RMSで確認済み"))
        }
        guard !fields.isEmpty else { return nil }
        self.fields = fields
        rmsFees = rms.fees
        cancelledInRMS = cancelled
        rmsDetails = details.isEmpty ? nil : details
    }

    /// A difference as found elsewhere (RMS's order CSV: ``init(ours:previous:csv:omitting:)``).
    init(fields: [Field], rmsFees: Fees, cancelledInRMS: Bool, rmsDetails: [String: String]?) {
        self.fields = fields
        self.rmsFees = rmsFees
        self.cancelledInRMS = cancelledInRMS
        self.rmsDetails = rmsDetails
    }

    public static func == (lhs: RMSDifference, rhs: RMSDifference) -> Bool {
        lhs.fields == rhs.fields && lhs.rmsFees == rhs.rmsFees && lhs.cancelledInRMS == rhs.cancelledInRMS && lhs.rmsDetails == rhs.rmsDetails
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(fields)
        hasher.combine(rmsFees)
        hasher.combine(cancelledInRMS)
        hasher.combine(rmsDetails)
    }
}
