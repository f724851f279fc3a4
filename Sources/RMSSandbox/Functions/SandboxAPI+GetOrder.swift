import Hummingbird
import RakutenPay

extension SandboxAPI {
    /// getOrder: ≤100 numbers, `version` required (3–10); fields shown according to the version.
    func getOrder(_ body: JSONValue) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "GET_ORDER", body: body)
        let numbers = check.orderNumberList(limit: GetOrderRequest.maximumOrders)
        let version = check.requiredInt("version", allowed: 3...GetOrderRequest.newestVersion)
        guard check.isValid, let numbers, let version else {
            return SandboxAnswer.messages(.badRequest, check.messages)
        }
        let held = await state.orders
        var found: [OrderModel] = []
        var messages: [MessageModel] = []
        for number in numbers {
            if let order = held[number] {
                found.append(Self.gate(order, version: version))
            } else {
                messages.append(.info("ORDER_EXT_API_GET_ORDER_INFO_102", "受注情報が取得できませんでした。", orderNumber: number))
            }
        }
        if !found.isEmpty {
            messages.insert(.info("ORDER_EXT_API_GET_ORDER_INFO_101", "受注情報取得に成功しました。(取得件数\(found.count)件)"), at: 0)
        }
        return SandboxAnswer.json(.ok, GetOrderResponse(
            messages: messages, orders: found, version: version >= 6 ? version : nil))
    }

    /// Drops the fields a version does not have (§4.3 notes, the changelog).
    static func gate(_ order: OrderModel, version: Int) -> OrderModel {
        var order = order
        if version < 10 {
            order.socialGiftFlag = nil
            for index in order.packageModelList.indices { order.packageModelList[index].socialGiftModel = nil }
        }
        if version < 9 {
            for index in order.packageModelList.indices {
                order.packageModelList[index].dropOffFlag = nil
                order.packageModelList[index].dropOffLocation = nil
            }
        }
        if version < 8 {
            order.deliveryCertPrgFlag = nil
            order.oneDayOperationFlag = nil
            order.goodsTax = order.goodsTax ?? 0
        } else {
            order.goodsTax = nil
            order.isTaxRecalc = nil
            for index in order.packageModelList.indices { order.packageModelList[index].goodsTax = nil }
        }
        if version < 7 {
            for p in order.packageModelList.indices {
                for i in order.packageModelList[p].itemModelList.indices {
                    order.packageModelList[p].itemModelList[i].skuModelList = nil
                }
            }
        }
        if version < 6 { order.cautionDisplayDetailType = nil }
        if version < 5 {
            order.receiptIssueCount = nil
            order.receiptIssueHistoryList = nil
        }
        if version < 4 {
            for p in order.packageModelList.indices {
                order.packageModelList[p].defaultDeliveryCompanyCode = nil
                for i in order.packageModelList[p].itemModelList.indices {
                    order.packageModelList[p].itemModelList[i].isSingleItemShipping = nil
                }
            }
        }
        return order
    }
}
