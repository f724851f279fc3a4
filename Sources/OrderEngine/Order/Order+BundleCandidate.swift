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
}
