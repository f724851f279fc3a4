/// One parcel of a basket (送付先) as the shop shipped it: its carrier, tracking number (荷物番号)
/// and ship date, and whether RMS holds it yet (発送完了報告). A basket may have several.
public struct Parcel: Sendable, Hashable, Codable {
    /// Where the parcel stands with RMS.
    public enum Report: String, Sendable, Hashable, Codable {
        /// Entered here (by hand, from the carrier's file); not sent.
        case unreported
        /// Recorded in the outbox and being sent.
        case sending
        /// RMS accepted it (RMS moves the order to 発送済 the day after the ship date).
        case reported
        /// Reported, then changed here (a number typed wrong): the correction is to be sent with
        /// its 発送明細ID; RMS holds the old values until then.
        case amended
        /// The correction is recorded in the outbox and being sent.
        case amendSending
        /// Reported, then taken back here: the deletion (shippingDeleteFlag) is to be sent.
        case deleted
        /// The deletion is recorded in the outbox and being sent.
        case deleteSending

        /// Being sent to RMS: nothing else is sent for the order until RMS's answer is known.
        public var isInFlight: Bool { self == .sending || self == .amendSending || self == .deleteSending }
        /// Changed here after it was reported, not yet sent.
        public var awaitsCorrection: Bool { self == .amended || self == .deleted }
    }

    /// RMS's 送付先ID of the basket the parcel belongs to.
    public var basketID: Int
    public var carrier: Carrier?
    public var trackingNumber: String?
    public var shippedOn: CalendarDate?
    /// RMS's 発送明細ID (12 digits), once RMS holds the parcel: what a correction or deletion names.
    public var shippingDetailID: Int?
    public var report: Report

    public init(
        basketID: Int, carrier: Carrier?, trackingNumber: String?, shippedOn: CalendarDate?,
        shippingDetailID: Int? = nil, report: Report = .unreported
    ) {
        self.basketID = basketID
        self.carrier = carrier
        self.trackingNumber = trackingNumber
        self.shippedOn = shippedOn
        self.shippingDetailID = shippingDetailID
        self.report = report
    }

    /// What the parcel lacks of what RMS needs to reach 発送済 (RMS takes a row without them, and the
    /// order then never moves on, and a card is never charged): 配送会社, 荷物番号, 発送日.
    public var missing: [String] {
        var missing: [String] = []
        if carrier == nil { missing.append("配送会社") }
        if (trackingNumber ?? "").isEmpty { missing.append("荷物番号") }
        if shippedOn == nil { missing.append("発送日") }
        return missing
    }

    /// How the parcel reads on a line: ヤマト運輸 123456789012 2026-12-04 報告済.
    public var summary: String {
        [carrier?.name ?? "配送会社なし", trackingNumber ?? "荷物番号なし", shippedOn?.description ?? "発送日なし", report.label]
            .joined(separator: " ")
    }
}

extension Parcel.Report {
    public var label: String {
        switch self {
        case .unreported: "未報告"
        case .sending: "報告送信中"
        case .reported: "報告済"
        case .amended: "訂正待ち"
        case .amendSending: "訂正送信中"
        case .deleted: "削除待ち"
        case .deleteSending: "削除送信中"
        }
    }
}

extension Parcel {
    /// How a parcel is kept in the journal and the store, one line each:
    /// `10746402|1001|123456789012|2026-12-04|100000000001|reported` (a blank for what it lacks).
    /// A tracking number never holds `|` or a line break (``TrackingNumber/normalized(_:carrier:)`` refuses them).
    public var line: String {
        [String(basketID), carrier?.code ?? "", trackingNumber ?? "", shippedOn?.description ?? "",
         shippingDetailID.map(String.init) ?? "", report.rawValue].joined(separator: "|")
    }

    /// Reads ``line`` back; nil when it is not one.
    public init?(line: String) {
        let fields = line.split(separator: "|" as Character, omittingEmptySubsequences: false).map(String.init)
        guard fields.count == 6, let basket = Int(fields[0]), let report = Report(rawValue: fields[5]) else { return nil }
        let date = fields[3].isEmpty ? nil : CalendarDate(parsing: fields[3])
        let detail = fields[4].isEmpty ? nil : Int(fields[4])
        guard fields[3].isEmpty || date != nil, fields[4].isEmpty || detail != nil else { return nil }
        self.init(
            basketID: basket, carrier: fields[1].isEmpty ? nil : Carrier(code: fields[1]),
            trackingNumber: fields[2].isEmpty ? nil : fields[2], shippedOn: date, shippingDetailID: detail, report: report)
    }
}

extension [Parcel] {
    /// The parcels as the journal and the store keep them: a line each (``Parcel/line``).
    public var journalText: String { map(\.line).joined(separator: "\n") }

    /// Reads ``journalText`` back; nil when a line is not a parcel.
    public init?(journalText: String) {
        var parcels: [Parcel] = []
        for line in journalText.split(separator: "\n" as Character) {
            guard let parcel = Parcel(line: String(line)) else { return nil }
            parcels.append(parcel)
        }
        self = parcels
    }
}

extension [Parcel] {
    /// The parcels with RMS's 発送明細ID where RMS holds them (the same number in the same basket):
    /// what a later correction or deletion of a reported parcel names.
    public func adoptingDetailIDs(from packages: [Package]) -> [Parcel] {
        map { parcel in
            guard parcel.shippingDetailID == nil, parcel.report != .unreported, let number = parcel.trackingNumber,
                let package = packages.first(where: { $0.basketID == parcel.basketID }),
                let held = package.shipments.first(where: { $0.trackingNumber == number }), let id = held.shippingDetailID
            else { return parcel }
            var parcel = parcel
            parcel.shippingDetailID = id
            return parcel
        }
    }
}
