/// A printed document of the packing table: what `juchu slips --kind` and the panel's 帳票作成
/// and 領収書 make.
public enum SlipKind: String, Sendable, Hashable, CaseIterable, Codable {
    /// 納品書: one per basket (送付先), in the parcel; an invoice (適格簡易請求書) when the shop is registered.
    case deliveryNote = "delivery-note"
    /// 受注伝票: the shop's own sheet for the packing table, everything about the order.
    case orderSlip = "order-slip"
    /// ピッキングリスト: the chosen orders' items totalled by item and option, or order by order.
    case picking
    /// 領収書: for the buyer who asks for one; 再発行 on every later copy.
    case receipt

    /// What the desk and the journal call it.
    public var label: String {
        switch self {
        case .deliveryNote: "納品書"
        case .orderSlip: "受注伝票"
        case .picking: "ピッキングリスト"
        case .receipt: "領収書"
        }
    }

    /// What the grid's 帳票 column says of a printed one.
    public var shortLabel: String {
        switch self {
        case .deliveryNote: "納品書"
        case .orderSlip: "伝票"
        case .picking: "ピック"
        case .receipt: "領収書"
        }
    }

    /// Whether the document shows money: such a document is never made from an amount RMS has not set.
    public var showsAmounts: Bool { self != .picking }

    /// Whether the document carries what an invoice must (登録番号, per-rate totals and tax).
    public var isInvoice: Bool { self == .deliveryNote || self == .receipt }
}
