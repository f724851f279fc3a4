import OrderEngine
import RakutenPay

extension SandboxAPI {
    /// updateOrderSender: where each package goes (SenderModel, 置き配), and the fees, quantities
    /// and unit prices of existing packages and items (RMS cannot add or remove items through the
    /// API). A reduction needs `reductionReason`. After a price change on an order paid fully with
    /// points, RMS recalculates the points used. `afterShipping` (updateOrderSenderAfterShipping):
    /// the same request at 500, 600 or 700, which changes where the packages go but no amount.
    func updateOrderSender(_ body: SandboxRequestBody, afterShipping: Bool = false) async -> SandboxAnswer {
        let code = afterShipping ? "UPDATE_ORDERSENDER_AFTER_SHIPPING" : "UPDATE_ORDERSENDER"
        var check = RequestChecker(functionCode: code, body: body.json)
        let current = await order(named: &check)
        _ = check.required("PackageModelList")
        guard check.isValid, let current, let request = body.decode(UpdateOrderSenderRequest.self) else {
            if check.isValid { check.badFormat("PackageModelList") }
            return Self.refused(check)
        }
        guard (afterShipping ? Self.afterShipping : Self.beforeShipping).contains(current.orderProgress) else {
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
            let sender = package.senderModel
            // What RMS holds goes back as it is (a social gift's 入力待ち too); a change is checked.
            if sender != updated.packageModelList[p].senderModel {
                check.checkContact(
                    "SenderModel", zip1: sender.zipCode1, zip2: sender.zipCode2, prefecture: sender.prefecture, city: sender.city,
                    subAddress: sender.subAddress, familyName: sender.familyName, firstName: sender.firstName,
                    kana: [sender.familyNameKana, sender.firstNameKana], phones: [sender.phoneNumber1, sender.phoneNumber2, sender.phoneNumber3])
            }
            // The 離島 flag is RMS's to say, from the address.
            updated.packageModelList[p].senderModel = sender
            updated.packageModelList[p].senderModel.isolatedIslandFlag = current.packageModelList[p].senderModel.isolatedIslandFlag
            updated.packageModelList[p].noshi = package.noshi
            if let dropOff = package.dropOffLocation {
                if dropOff.count > DetailLimits.dropOffLocation { check.fail("013", "dropOffLocationは\(DetailLimits.dropOffLocation)文字以内で指定して下さい。") }
                updated.packageModelList[p].dropOffFlag = dropOff.isEmpty ? 0 : 1
                updated.packageModelList[p].dropOffLocation = dropOff.isEmpty ? nil : dropOff
            }
            let existing = Set(updated.packageModelList[p].itemModelList.map(\.itemDetailId))
            if Set(package.itemModelList.map(\.itemDetailId)) != existing {
                check.fail("114", "商品の追加・削除はできません。")
                continue
            }
            for item in package.itemModelList {
                guard let i = updated.packageModelList[p].itemModelList.firstIndex(where: { $0.itemDetailId == item.itemDetailId }) else { continue }
                if item.units < 1 { check.badFormat("units") }
                if item.price < 0 { check.badFormat("price") }
                if afterShipping, item.units != updated.packageModelList[p].itemModelList[i].units || item.price != updated.packageModelList[p].itemModelList[i].price {
                    check.fail("115", "発送後は数量・単価を変更できません。")
                }
                updated.packageModelList[p].itemModelList[i].units = item.units
                updated.packageModelList[p].itemModelList[i].price = item.price
                updated.packageModelList[p].itemModelList[i].priceTaxIncl = item.price
            }
        }
        if afterShipping, zip(current.packageModelList, updated.packageModelList).contains(where: { $0.postagePrice != $1.postagePrice || $0.deliveryPrice != $1.deliveryPrice }) {
            check.fail("115", "発送後は送料・代引手数料を変更できません。")
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
        await state.noteAccepted(afterShipping ? .updateOrderSenderAfterShipping : .updateOrderSender, current.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_\(code)_INFO_101", "送付先情報の更新設定が完了しました。", orderNumber: current.orderNumber)])
    }
}
