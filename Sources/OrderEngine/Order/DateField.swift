/// The date fields an operator writes in bulk (一括入力).
public enum DateField: String, Sendable, Hashable, Codable, CaseIterable {
    case paymentDate
    case plannedShipmentDate
    case shipmentDate
    case deliveryDate

    public var label: String {
        switch self {
        case .paymentDate: "入金日"
        case .plannedShipmentDate: "出荷予定日"
        case .shipmentDate: "出荷日"
        case .deliveryDate: "お届け日"
        }
    }

    public var field: OrderField {
        switch self {
        case .paymentDate: .paymentDate
        case .plannedShipmentDate: .plannedShipmentDate
        case .shipmentDate: .shipmentDate
        case .deliveryDate: .deliveryDate
        }
    }
}

/// Flags an operator sets on orders (チェック項目): メール便 and the shop's own.
public enum OrderFlag {
    public static let mailDelivery = "メール便"
    /// Set on import when a postcode does not belong to its address (Japan Post's data): the
    /// operator checks the address, fixes it in 注文内容修正 if need be, and takes the mark off.
    public static let addressCheck = "住所要確認"
    /// Set when the address, the delivery or the amounts change after a label, a slip or a mail
    /// was made from them: those are to be made (or sent) again.
    public static let reissue = "再発行が必要"
}
