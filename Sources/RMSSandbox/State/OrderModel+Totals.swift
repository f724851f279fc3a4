import OrderEngine
import RakutenPay

extension OrderModel {
    /// Recomputes the package and order totals from items and fees, as RMS does after a change:
    /// a total that depends on an unset (-9999) fee is itself -9999.
    public mutating func recomputeTotals() {
        let unset = Money.rakutenUnsetSentinel
        for index in packageModelList.indices {
            let goods = packageModelList[index].itemModelList.filter { $0.deleteItemFlag == 0 }.reduce(0) { $0 + $1.price * $1.units }
            packageModelList[index].goodsPrice = goods
            let postage = packageModelList[index].postagePrice
            packageModelList[index].totalPrice = postage == unset ? unset : goods + postage
        }
        let live = packageModelList.filter { $0.packageDeleteFlag == 0 }
        // goodsPrice is goods and wrapping (rpay-api.md §4.3).
        let wrapping = [wrappingModel1, wrappingModel2].compactMap { $0 }.filter { $0.deleteWrappingFlag == 0 }.reduce(0) { $0 + $1.price }
        goodsPrice = live.reduce(0) { $0 + $1.goodsPrice } + wrapping
        postagePrice = live.contains { $0.postagePrice == unset } ? unset : live.reduce(0) { $0 + $1.postagePrice }
        deliveryPrice = live.contains { $0.deliveryPrice == unset } ? unset : live.reduce(0) { $0 + $1.deliveryPrice }
        totalPrice = postagePrice == unset ? unset : goodsPrice + postagePrice
        let points = pointModel?.usedPoint ?? 0
        // What the buyer pays: 総合計 as RMS's screen shows it (後払い手数料 included), less points.
        requestPrice = [totalPrice, deliveryPrice, paymentCharge, additionalFeeOccurAmountToUser].contains(unset)
            ? unset : totalPrice + deliveryPrice + paymentCharge + additionalFeeOccurAmountToUser - couponAllTotalPrice - points
        recomputeTaxSummary()
    }

    /// TaxSummaryModelList as RMS gives it for orders since 2022-04 (shipping-mail-slips.md §4.2):
    /// per rate, 請求金額 = goods + (at 10 %) postage, wrapping, COD and payment fees − coupons, points
    /// not deducted, and its tax rounded once (切り捨て). Every figure -9999 while a fee is unset. A
    /// shop coupon is counted at the rate with the most goods (RMS counts it at its item's rate).
    public mutating func recomputeTaxSummary() {
        let unset = Money.rakutenUnsetSentinel
        let live = packageModelList.filter { $0.packageDeleteFlag == 0 }
        var goods: [Double: Int] = [:]
        for item in live.flatMap(\.itemModelList) where item.deleteItemFlag == 0 {
            goods[item.taxRate, default: 0] += item.price * item.units
        }
        // Postage and fees are 10 %: that rate has a line even when no item is.
        if goods[0.1] == nil { goods[0.1] = 0 }
        let rates = goods.keys.sorted(by: >)
        guard ![postagePrice, deliveryPrice, paymentCharge].contains(unset) else {
            taxSummaryModelList = rates.map {
                TaxSummaryModel(taxRate: $0, reqPrice: unset, reqPriceTax: unset, totalPrice: unset, paymentCharge: unset, couponPrice: unset, point: unset)
            }
            return
        }
        let wrapping = [wrappingModel1, wrappingModel2].compactMap { $0 }.filter { $0.deleteWrappingFlag == 0 }.reduce(0) { $0 + $1.price }
        let couponRate = goods.max { $0.value < $1.value || $0.value == $1.value && $0.key < $1.key }?.key
        taxSummaryModelList = rates.compactMap { rate in
            let isStandard = rate == 0.1
            let total = goods[rate]! + (isStandard ? postagePrice + wrapping : 0)
            let fees = isStandard ? deliveryPrice + paymentCharge : 0
            let coupons = rate == couponRate ? couponAllTotalPrice : 0
            if total == 0, fees == 0, coupons == 0 { return nil }
            let request = total + fees - coupons
            let tax = Int((Double(request) * rate / (1 + rate) + 1e-9).rounded(.down))
            return TaxSummaryModel(taxRate: rate, reqPrice: request, reqPriceTax: tax, totalPrice: total, paymentCharge: fees, couponPrice: coupons, point: 0)
        }
    }

    /// When the customer paid everything with points and the price went down, RMS reduces the
    /// points used so that nothing is left to pay (and nothing is owed back).
    mutating func recalculatePointsIfPaidWithPoints(wasFullyPaidWithPoints: Bool) {
        guard wasFullyPaidWithPoints, requestPrice != Money.rakutenUnsetSentinel, requestPrice < 0,
            var point = pointModel
        else { return }
        point.usedPoint = max(0, point.usedPoint + requestPrice)
        pointModel = point
        requestPrice = 0
    }

    var isFullyPaidWithPoints: Bool { requestPrice == 0 && (pointModel?.usedPoint ?? 0) > 0 }

    /// The amount the customer is charged, for deciding whether a change is a reduction.
    var chargedAmounts: [Int] {
        [postagePrice, deliveryPrice, paymentCharge, goodsPrice] + packageModelList.flatMap { $0.itemModelList.map(\.price) }
    }
}
