/// Where an order came from. Only Rakuten API orders ever talk to RMS.
public enum OrderOrigin: Sendable, Hashable, Codable {
    case rakutenAPI
    case csvImport
    case enteredByHand(HandEntryChannel)

    public enum HandEntryChannel: String, Sendable, Hashable, Codable, CaseIterable {
        // In the order a shop's list names them by default (``HandOrderDraft/Settings/defaultChannels``).
        case phone, fax, shopFront, mail, other

        public var label: String {
            switch self {
            case .shopFront: "店舗"
            case .phone: "電話"
            case .fax: "FAX"
            case .mail: "メール"
            case .other: "その他"
            }
        }

        /// The channel the shop's list names (「電話」).
        public init?(label: String) {
            guard let channel = Self.allCases.first(where: { $0.label == label }) else { return nil }
            self = channel
        }
    }

    public var label: String {
        switch self {
        case .rakutenAPI: "楽天ペイ"
        case .csvImport: "CSV取込"
        case .enteredByHand(let channel): channel.label
        }
    }

    public var isRakutenAPI: Bool { self == .rakutenAPI }
}
