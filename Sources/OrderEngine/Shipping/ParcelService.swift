/// What kind of parcel an order asks for, by its 配送方法 and the shop's check item メール便: handed
/// over at the door (宅配便, ゆうパック, 飛脚宅配便), a small box handed over (宅急便コンパクト), or
/// posted into the letterbox (ネコポス, クロネコゆうパケット, ゆうパケット, クリックポスト, メール便) —
/// where no one is at the door to pay, so it can never collect 代金引換.
public enum ParcelService: Sendable, Hashable, CaseIterable {
    case standard
    case compact
    case postbox

    /// Words of RMS's 配送方法 (the shop's own names for its methods) that mean a letterbox
    /// service; 配送方法 is free text, so it is read by these words, as peers do (速販's B2
    /// keywords, shipping-mail-slips.md §2.6).
    public static let postboxWords = ["ネコポス", "メール便", "ゆうパケット", "クリックポスト", "DM便", "ゆうメール", "ポスト投函"]

    /// The service `order` asks for: a letterbox one when its 配送方法 says so or the operator
    /// checked メール便; a compact box when its 配送方法 says コンパクト; the door otherwise.
    public static func of(_ order: Order) -> ParcelService {
        let method = order.delivery?.method ?? ""
        if order.flags.contains(OrderFlag.mailDelivery) || postboxWords.contains(where: method.contains) { return .postbox }
        if method.contains("コンパクト") { return .compact }
        return .standard
    }

    /// What made `order` a letterbox parcel, for a refusal that says what to change.
    public static func postboxCause(of order: Order) -> String {
        var causes: [String] = []
        if let method = order.delivery?.method, postboxWords.contains(where: method.contains) { causes.append("配送方法「\(method)」") }
        if order.flags.contains(OrderFlag.mailDelivery) { causes.append("チェック項目「\(OrderFlag.mailDelivery)」") }
        return causes.joined(separator: "・")
    }

    public var label: String {
        switch self {
        case .standard: "宅配便"
        case .compact: "コンパクト"
        case .postbox: "メール便（ポスト投函）"
        }
    }
}
