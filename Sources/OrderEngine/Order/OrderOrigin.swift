/// Where an order came from. Only Rakuten API orders ever talk to RMS.
public enum OrderOrigin: Sendable, Hashable, Codable {
    case rakutenAPI
    case csvImport
    case enteredByHand(HandEntryChannel)

    public enum HandEntryChannel: String, Sendable, Hashable, Codable, CaseIterable {
        case shopFront, phone, fax

        public var label: String {
            switch self {
            case .shopFront: "店舗"
            case .phone: "電話"
            case .fax: "FAX"
            }
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
