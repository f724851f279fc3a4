import OrderEngine
import RakutenPay

extension SandboxAPI {
    /// updateOrderSender: fees, quantities and unit prices of existing packages and items (RMS
    /// cannot add or remove items through the API). A reduction needs `reductionReason`. After a
    /// price change on an order paid fully with points, RMS recalculates the points used.
    func updateOrderSender(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERSENDER", body: body.json)
        let current = await order(named: &check)
        _ = check.required("PackageModelList")
        guard check.isValid, let current, let request = body.decode(UpdateOrderSenderRequest.self) else {
            if check.isValid { check.badFormat("PackageModelList") }
            return Self.refused(check)
        }
        guard Self.beforeShipping.contains(current.orderProgress) else {
            check.fail("101", "指定された注文は送付先情報を更新できる状態ではありませんでした。")
            return Self.refused(check, orderNumber: current.orderNumber)
        }
        var updated = current
        for package in request.packageModelList {
            guard let p = updated.packageModelList.firstIndex(where: { $0.basketId == package.basketId }) else {
                check.badFormat("basketId")
                continue
            }
            if package.postagePrice < 0, package.postagePrice != Money.rakutenUnsetSentinel { check.badFormat("postagePrice") }
            if package.deliveryPrice < 0, package.deliveryPrice != Money.rakutenUnsetSentinel { check.badFormat("deliveryPrice") }
            updated.packageModelList[p].postagePrice = package.postagePrice
            updated.packageModelList[p].deliveryPrice = package.deliveryPrice
            updated.packageModelList[p].senderModel = package.senderModel
            updated.packageModelList[p].noshi = package.noshi
            let existing = Set(updated.packageModelList[p].itemModelList.map(\.itemDetailId))
            if Set(package.itemModelList.map(\.itemDetailId)) != existing {
                check.fail("114", "商品の追加・削除はできません。")
                continue
            }
            for item in package.itemModelList {
                guard let i = updated.packageModelList[p].itemModelList.firstIndex(where: { $0.itemDetailId == item.itemDetailId }) else { continue }
                if item.units < 1 { check.badFormat("units") }
                if item.price < 0 { check.badFormat("price") }
                updated.packageModelList[p].itemModelList[i].units = item.units
                updated.packageModelList[p].itemModelList[i].price = item.price
                updated.packageModelList[p].itemModelList[i].priceTaxIncl = item.price
            }
        }
        let fullyPaidWithPoints = current.isFullyPaidWithPoints
        updated.recomputeTotals()
        let reduced = zip(current.chargedAmounts, updated.chargedAmounts).contains { before, after in
            before != Money.rakutenUnsetSentinel && after != Money.rakutenUnsetSentinel && after < before
        }
        if reduced, request.reductionReason == nil {
            check.fail("009", "減額の場合はreductionReasonの項目を指定して下さい。")
        }
        if let reason = request.reductionReason, CancelOrderRequest.reasons[reason] == nil { check.badFormat("reductionReason") }
        guard check.isValid else { return Self.refused(check, orderNumber: current.orderNumber) }
        updated.recalculatePointsIfPaidWithPoints(wasFullyPaidWithPoints: fullyPaidWithPoints)
        updated.modifyFlag = 1
        await state.replace(updated)
        await state.noteAccepted(.updateOrderSender, current.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_UPDATE_ORDERSENDER_INFO_101", "送付先情報の更新設定が完了しました。", orderNumber: current.orderNumber)])
    }
}
