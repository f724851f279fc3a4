import OrderEngine

extension UpdateOrderSenderRequest {
    /// The request that pushes `order`'s edited fees, quantities and unit prices (注文内容修正) to
    /// RMS, built on what RMS sent (`model`): everything else goes back as RMS has it. The order's
    /// shipping and COD fees are totals; a second package keeps its own, the first takes the rest.
    /// Refused when a fee would go to RMS unset: RMS's -9999 is never sent (an unset fee is set
    /// first, in 注文内容修正 or 手数料を書き込む).
    public init(pushing order: Order, onto model: OrderModel) throws(UnsetFeeError) {
        self.init(unchanged: model)
        reductionReason = order.pendingEdit?.reductionReason
        guard !packageModelList.isEmpty else { return }
        let rest = packageModelList.dropFirst()
        func firstShare(_ total: Money, _ label: String, _ others: [Int]) throws(UnsetFeeError) -> Int {
            guard let total = total.yen, !others.contains(Money.rakutenUnsetSentinel) else { throw UnsetFeeError(label: label) }
            return total - others.reduce(0, +)
        }
        packageModelList[0].postagePrice = try firstShare(order.fees.shipping, "送料", rest.map(\.postagePrice))
        packageModelList[0].deliveryPrice = try firstShare(order.fees.cashOnDelivery, "代引手数料", rest.map(\.deliveryPrice))
        for (p, package) in order.packages.enumerated() where p < packageModelList.count {
            for (i, item) in package.items.enumerated() where i < packageModelList[p].itemModelList.count {
                packageModelList[p].itemModelList[i].units = item.units
                packageModelList[p].itemModelList[i].price = item.unitPrice
            }
        }
    }
}

/// A fee that would go to RMS unset.
public struct UnsetFeeError: Error, Sendable, CustomStringConvertible {
    public let label: String
    public var description: String { "\(label)が未設定です。設定してから反映してください（未設定の金額はRMSに送信しません）" }
}
