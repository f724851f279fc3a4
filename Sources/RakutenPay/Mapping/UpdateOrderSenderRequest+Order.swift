import OrderEngine

extension UpdateOrderSenderRequest {
    /// The request that pushes `order`'s edited fees, quantities and unit prices (注文内容修正) to
    /// RMS, built on what RMS sent (`model`): everything else goes back as RMS has it. The order's
    /// shipping and COD fees are totals; a second package keeps its own, the first takes the rest.
    public init(pushing order: Order, onto model: OrderModel) {
        self.init(unchanged: model)
        reductionReason = order.pendingEdit?.reductionReason
        guard !packageModelList.isEmpty else { return }
        func firstShare(_ total: Money, _ others: Int) -> Int {
            total.yen.map { $0 - others } ?? Money.rakutenUnsetSentinel
        }
        let rest = packageModelList.dropFirst()
        packageModelList[0].postagePrice = firstShare(order.fees.shipping, rest.map { max(0, $0.postagePrice) }.reduce(0, +))
        packageModelList[0].deliveryPrice = firstShare(order.fees.cashOnDelivery, rest.map { max(0, $0.deliveryPrice) }.reduce(0, +))
        for (p, package) in order.packages.enumerated() where p < packageModelList.count {
            for (i, item) in package.items.enumerated() where i < packageModelList[p].itemModelList.count {
                packageModelList[p].itemModelList[i].units = item.units
                packageModelList[p].itemModelList[i].price = item.unitPrice
            }
        }
    }
}
