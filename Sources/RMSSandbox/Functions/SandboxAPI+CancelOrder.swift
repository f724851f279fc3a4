import RakutenPay

extension SandboxAPI {
    /// cancelOrder: allowed at 100/200/300; the order goes to 800 at once and 900 later.
    func cancelOrder(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "CANCEL_ORDER", body: body.json)
        let order = await order(named: &check)
        _ = check.requiredInt("inventoryRestoreType", allowed: 0...2)
        let reason = check.requiredInt("changeReasonDetailApply")
        if let reason, CancelOrderRequest.reasons[reason] == nil { check.badFormat("changeReasonDetailApply") }
        guard check.isValid, let order, let reason else { return Self.refused(check) }
        guard Self.beforeShipping.contains(order.orderProgress) else {
            check.fail("102", "指定された注文はキャンセルできる状態ではありませんでした。")
            return Self.refused(check, orderNumber: order.orderNumber)
        }
        await state.cancel(order.orderNumber, reason: reason, byCustomer: false, at: now())
        await state.noteAccepted(.cancelOrder, order.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_CANCEL_ORDER_INFO_101", "キャンセル申請に成功しました。", orderNumber: order.orderNumber)])
    }
}
