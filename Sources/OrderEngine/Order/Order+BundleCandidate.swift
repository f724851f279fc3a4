/// 同梱候補: orders of one buyer to one destination that could ship as one parcel. Peers match the
/// destination's name, phone and postcode as RMS gives them (orders-rules-scale.md §4): what RMS
/// wrote is compared, never a guess of what the buyer meant.
extension Order {
    /// The destination as bundling compares it (氏名, 電話番号, 郵便番号 as RMS gives them); nil for
    /// an order with several destinations (never bundled) or none.
    public var bundleCandidateKey: String? {
        guard packages.count == 1, let destination = packages.first?.destination else { return nil }
        let name = destination.familyName + destination.firstName
        guard !name.isEmpty else { return nil }
        return "\(destination.familyName) \(destination.firstName)\t\(destination.phoneNumber)\t\(destination.zipCode)"
    }

    /// Whether the order may still ship with another: RMS has not shipped or cancelled it, nor has
    /// the shop (its statuses 出荷済み and キャンセル).
    public var isOpenForBundling: Bool {
        rmsProgress.code <= RMSProgress.awaitingChangeConfirmation.code && localStatus != .shipped && localStatus != .cancelled
    }
}

extension Order {
    /// Whether the buyer wrote remarks (備考) with anything in them.
    public var hasRemarks: Bool { remarks?.contains { !$0.isWhitespace } ?? false }

    /// Every item's name and 商品管理番号 between tabs (`\tコシヒカリ 5kg\trice-5kg\t`), as the
    /// store keeps it for 商品: and as a rule reads it.
    public var itemText: String {
        let parts = packages.flatMap(\.items).flatMap { [$0.name, $0.manageNumber] }.filter { !$0.isEmpty }
        return parts.isEmpty ? "" : "\t" + parts.joined(separator: "\t") + "\t"
    }
}
