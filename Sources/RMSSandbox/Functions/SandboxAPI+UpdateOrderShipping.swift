import OrderEngine
import RakutenPay

extension SandboxAPI {
    /// updateOrderShipping: adds, changes or deletes shipping records; each entry answered with its
    /// position (`dataNumber`) and `shippingDetailId`.
    func updateOrderShipping(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERSHIPPING", body: body.json)
        _ = check.required("orderNumber")
        _ = check.required("BasketidModelList")
        guard check.isValid, let request = body.decode(UpdateOrderShippingRequest.self) else {
            if check.isValid { check.badFormat("BasketidModelList") }
            return Self.refused(check)
        }
        switch await state.applyShipping(request, now: now(), functionCode: "UPDATE_ORDERSHIPPING") {
        case .refused(let messages):
            return .messages(.badRequest, messages)
        case .applied(let messages):
            return .messages(.ok, messages)
        }
    }

    /// updateOrderShippingAsync: checks every order's entries, then accepts the lot with a requestId;
    /// the results can be read a little later.
    func updateOrderShippingAsync(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERSHIPPING_ASYNC", body: body.json)
        _ = check.required("OrderShippingModelList")
        guard check.isValid, let request = body.decode(UpdateOrderShippingAsyncRequest.self) else {
            if check.isValid { check.badFormat("OrderShippingModelList") }
            return Self.refused(check)
        }
        let numbers = request.orderShippingModelList.map(\.orderNumber)
        if numbers.count > UpdateOrderShippingAsyncRequest.maximumOrders {
            check.fail("011", "OrderShippingModelListは100件以内で指定して下さい。")
        }
        if Set(numbers).count != numbers.count { check.fail("011", "orderNumberが重複しています。") }
        for shipping in request.orderShippingModelList {
            for message in SandboxState.formatErrors(shipping, functionCode: "UPDATE_ORDERSHIPPING_ASYNC") {
                var message = message
                message.orderNumber = shipping.orderNumber
                check.add(message)
            }
        }
        guard check.isValid else { return .messages(.badRequest, check.messages) }
        let now = now()
        let requestID = await state.queueShipping(request, now: now)
        var accepted = MessageModel.info("ORDER_EXT_API_UPDATE_ORDERSHIPPING_ASYNC_INFO_101", "発送情報の更新を受付けました。")
        accepted.requestId = requestID
        return .messages(.ok, [accepted])
    }

    func getResultUpdateOrderShippingAsync(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "GET_RESULT_UPDATEORDERSHIPPING_ASYNC", body: body.json)
        guard let requestID = check.required("requestId")?.stringValue else {
            return .json(.badRequest, GetResultUpdateOrderShippingAsyncResponse(results: [.init(orderNumber: nil, messages: check.messages)]))
        }
        if let results = await state.shippingResults(requestID, now: now()) {
            return .json(.ok, GetResultUpdateOrderShippingAsyncResponse(results: results))
        }
        return .json(.ok, GetResultUpdateOrderShippingAsyncResponse(results: [.init(orderNumber: nil, messages: [
            .info("ORDER_EXT_API_GET_RESULT_UPDATEORDERSHIPPING_ASYNC_INFO_101", "指定されたリクエストIDの処理結果は存在しませんでした。"),
        ])]))
    }
}
