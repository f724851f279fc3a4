import ShopSettings

/// How the grid lays out a column the shop chose (``GridColumn``).
extension GridColumn {
    /// Cells it takes (the orderer's name takes what is left, within bounds).
    var width: Int {
        switch self {
        case .number: 26
        case .orderedAt: 11
        case .orderer, .ordererKana: 24
        case .total, .request, .bundleTotal: 10
        case .shippingFee: 8
        case .rmsProgress: 14
        case .localStatus: 14
        case .sync: 10
        case .notes: 14
        case .payment: 16
        case .delivery: 12
        case .deliveryWish: 14
        case .subStatus: 14
        case .marks: 16
        case .slips: 16
        }
    }

    var alignment: TextAlignment { [.total, .request, .shippingFee, .bundleTotal].contains(self) ? .trailing : .leading }
}
