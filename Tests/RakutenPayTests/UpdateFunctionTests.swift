import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("Write functions against the sandbox")
struct UpdateFunctionTests {
    /// A sandbox whose confirmed orders reach 300 at once.
    func quickSandbox(orders: Int = 40) async throws -> SandboxHarness {
        try await SandboxHarness.start(orders: orders) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
            $0.secondsUntilCancelled = 0
            $0.secondsUntilShippingResults = 0
        }
    }

    func confirmedOrder(_ sandbox: SandboxHarness) async throws -> OrderModel {
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice != -9999 })
        _ = await sandbox.client.confirmOrder([order.orderNumber])
        return try #require(try await sandbox.client.getOrder([order.orderNumber]).orders.first)
    }

    @Test("cancelOrder moves an order to 800 and then 900; a shipped order cannot be cancelled")
    func cancel() async throws {
        let sandbox = try await quickSandbox()
        let order = try #require(try await sandbox.orders(inProgress: 100).first)
        let answer = try await sandbox.client.cancelOrder(CancelOrderRequest(orderNumber: order.orderNumber, changeReasonDetailApply: 8))
        #expect(answer.messages.first?.messageCode == "ORDER_EXT_API_CANCEL_ORDER_INFO_101")
        let after = try #require(try await sandbox.client.getOrder([order.orderNumber]).orders.first)
        #expect(after.orderProgress == 900)
        #expect(after.changeReasonModelList?.last?.changeReasonDetail == 8)

        let shipped = try #require(try await sandbox.orders(inProgress: 500).first)
        await #expect {
            _ = try await sandbox.client.cancelOrder(CancelOrderRequest(orderNumber: shipped.orderNumber, changeReasonDetailApply: 10))
        } throws: { error in
            let error = error as? RakutenPayError
            return error?.errorClass == .rejected && error?.messages.first?.messageCode == "ORDER_EXT_API_CANCEL_ORDER_ERROR_102"
        }
        await sandbox.stop()
    }

    @Test("updateOrderShipping adds (101), changes (102) and deletes (103) records; the order counts as shipped")
    func shipping() async throws {
        let sandbox = try await quickSandbox()
        let order = try await confirmedOrder(sandbox)
        #expect(order.orderProgress == 300)
        let basket = order.packageModelList[0].basketId
        let added = try await sandbox.client.updateOrderShipping(UpdateOrderShippingRequest(
            orderNumber: order.orderNumber, basketidModelList: [BasketidModel(basketId: basket, shippingModelList: [
                ShippingUpdateModel(deliveryCompany: "1001", shippingNumber: "4912-3456-7890", shippingDate: "2026-11-23"),
                ShippingUpdateModel(deliveryCompany: "1002"),
            ])]))
        #expect(added.messages.map(\.messageCode) == ["ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101", "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101"])
        #expect(added.messages.map(\.dataNumber) == [1, 2])
        let ids = added.messages.compactMap(\.shippingDetailId)
        #expect(ids.count == 2 && ids[0] != ids[1])

        let changed = try await sandbox.client.updateOrderShipping(UpdateOrderShippingRequest(
            orderNumber: order.orderNumber, basketidModelList: [BasketidModel(basketId: basket, shippingModelList: [
                ShippingUpdateModel(shippingDetailId: ids[0], deliveryCompany: "1003", shippingNumber: "0000-1111"),
                ShippingUpdateModel(shippingDetailId: ids[1], deliveryCompany: "1002", shippingDeleteFlag: 1),
            ])]))
        #expect(changed.messages.map(\.messageCode) == ["ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_102", "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_103"])
        let after = try #require(try await sandbox.client.getOrder([order.orderNumber]).orders.first)
        let records = after.packageModelList[0].shippingModelList ?? []
        #expect(records.count == 1)
        #expect(records.first?.deliveryCompany == "1003" && records.first?.deliveryCompanyName == "日本郵便")
        #expect(records.first?.shippingNumber == "0000-1111" && records.first?.shippingDate?.description == "2026-11-23")
        #expect(after.orderProgress == 500)
        #expect(after.shippingCmplRptDatetime != nil)
        await sandbox.stop()
    }

    @Test("a shipping report on a cancelled order is refused with ERROR_102")
    func shippingCancelled() async throws {
        let sandbox = try await quickSandbox()
        let cancelled = try #require(try await sandbox.orders(inProgress: 900).first)
        await #expect {
            _ = try await sandbox.client.updateOrderShipping(UpdateOrderShippingRequest(
                orderNumber: cancelled.orderNumber, basketidModelList: [BasketidModel(
                    basketId: cancelled.packageModelList[0].basketId, shippingModelList: [ShippingUpdateModel(deliveryCompany: "1001")])]))
        } throws: { error in
            (error as? RakutenPayError)?.messages.first?.messageCode == "ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102"
        }
        await sandbox.stop()
    }

    @Test("updateOrderShippingAsync is accepted with a requestId; its results are read later")
    func shippingAsync() async throws {
        let sandbox = try await quickSandbox()
        let first = try await confirmedOrder(sandbox)
        let cancelled = try #require(try await sandbox.orders(inProgress: 900).first)
        func report(_ order: OrderModel) -> UpdateOrderShippingRequest {
            UpdateOrderShippingRequest(orderNumber: order.orderNumber, basketidModelList: [BasketidModel(
                basketId: order.packageModelList[0].basketId,
                shippingModelList: [ShippingUpdateModel(deliveryCompany: "1001", shippingNumber: "1234", shippingDate: "2026-11-23")])])
        }
        let accepted = try await sandbox.client.updateOrderShippingAsync(UpdateOrderShippingAsyncRequest(
            orderShippingModelList: [report(first), report(cancelled)]))
        let requestID = try #require(accepted.messages.first?.requestId)
        #expect(requestID.contains("_"))
        let results = try await sandbox.client.getResultUpdateOrderShippingAsync(requestId: requestID)
        #expect(!results.isPendingOrUnknown)
        #expect(results.results.first { $0.orderNumber == first.orderNumber }?.messages.first?.messageCode
            == "ORDER_EXT_API_UPDATE_ORDERSHIPPING_INFO_101")
        #expect(results.results.first { $0.orderNumber == cancelled.orderNumber }?.messages.first?.messageCode
            == "ORDER_EXT_API_UPDATE_ORDERSHIPPING_ERROR_102")
        let unknown = try await sandbox.client.getResultUpdateOrderShippingAsync(requestId: "no-such-request")
        #expect(unknown.isPendingOrUnknown)
        await sandbox.stop()
    }

    @Test("updateOrderSender sets an unset shipping fee; then the order can be confirmed")
    func fixUnsetPostage() async throws {
        let sandbox = try await quickSandbox(orders: 120)
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice == -9999 })
        var request = UpdateOrderSenderRequest(unchanged: order)
        for index in request.packageModelList.indices { request.packageModelList[index].postagePrice = 800 }
        let answer = try await sandbox.client.updateOrderSender(request)
        #expect(answer.messages.first?.isInfo == true)
        let after = try #require(try await sandbox.client.getOrder([order.orderNumber]).orders.first)
        #expect(after.postagePrice == 800 * order.packageModelList.count)
        #expect(after.totalPrice == after.goodsPrice + after.postagePrice)
        #expect(await sandbox.client.confirmOrder([order.orderNumber]).first?.outcome == .accepted(rmsProgress: nil))
        await sandbox.stop()
    }

    @Test("a reduction needs reductionReason; items cannot be added or removed")
    func reduction() async throws {
        let sandbox = try await quickSandbox()
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice > 0 })
        var cheaper = UpdateOrderSenderRequest(unchanged: order)
        cheaper.packageModelList[0].postagePrice = 0
        await #expect {
            _ = try await sandbox.client.updateOrderSender(cheaper)
        } throws: { error in
            (error as? RakutenPayError)?.messages.contains { $0.message.contains("reductionReason") } == true
        }
        cheaper.reductionReason = 10
        #expect(try await sandbox.client.updateOrderSender(cheaper).messages.first?.isInfo == true)

        var fewer = UpdateOrderSenderRequest(unchanged: order)
        fewer.packageModelList[0].itemModelList.removeLast()
        await #expect {
            _ = try await sandbox.client.updateOrderSender(fewer)
        } throws: { error in (error as? RakutenPayError)?.messages.contains { $0.message == "商品の追加・削除はできません。" } == true }
        await sandbox.stop()
    }

    @Test("after a price cut on an order paid fully with points, RMS recalculates the points used")
    func pointsRecalculated() async throws {
        var generator = OrderGenerator(seed: 3, settings: .init(shopID: "398211"))
        var order = generator.newOrder(placedAt: RakutenDateTime(Date()).adding(seconds: -3600))
        order.postagePrice = 0
        order.packageModelList = [order.packageModelList[0]]
        order.packageModelList[0].postagePrice = 0
        order.deliveryPrice = 0
        order.packageModelList[0].deliveryPrice = 0
        order.couponAllTotalPrice = 0
        order.pointModel = PointModel(usedPoint: order.packageModelList[0].goodsPrice)
        order.recomputeTotals()
        #expect(order.requestPrice == 0)
        let configuration = SandboxConfiguration()
        let server = SandboxServer(configuration: configuration, orders: [order])
        let url = try await server.start()
        let client = RakutenPayClient(configuration: configuration.clientConfiguration(baseURL: url, requestsPerSecond: 0))
        var cheaper = UpdateOrderSenderRequest(unchanged: order)
        cheaper.reductionReason = 10
        cheaper.packageModelList[0].itemModelList[0].price -= 500
        _ = try await client.updateOrderSender(cheaper)
        let after = try #require(try await client.getOrder([order.orderNumber]).orders.first)
        #expect(after.pointModel?.usedPoint == order.pointModel!.usedPoint - 500 * order.packageModelList[0].itemModelList[0].units)
        #expect(after.requestPrice == 0)
        await server.stop()
    }

    @Test("orderer, delivery method, memo and remarks are updated; bad values are refused")
    func smallUpdates() async throws {
        let sandbox = try await quickSandbox()
        let order = try #require(try await sandbox.orders(inProgress: 100).first)
        var orderer = order.ordererModel
        orderer.subAddress = "玉川1-1-1 新住所ビル2F"
        _ = try await sandbox.client.updateOrderOrderer(UpdateOrderOrdererRequest(orderNumber: order.orderNumber, ordererModel: orderer))
        _ = try await sandbox.client.updateOrderDelivery(UpdateOrderDeliveryRequest(orderNumber: order.orderNumber, deliveryName: "クール便"))
        _ = try await sandbox.client.updateOrderMemo(UpdateOrderMemoRequest(orderNumber: order.orderNumber, memo: "在庫確認中", operator: "山田"))
        _ = try await sandbox.client.updateOrderRemarks(UpdateOrderRemarksRequest(orderNumber: order.orderNumber, remarks: "のし: 御歳暮"))
        let after = try #require(try await sandbox.client.getOrder([order.orderNumber]).orders.first)
        #expect(after.ordererModel.subAddress == "玉川1-1-1 新住所ビル2F")
        #expect(after.deliveryModel.deliveryName == "クール便")
        #expect(after.memo == "在庫確認中" && after.operator == "山田")
        #expect(after.remarks == "のし: 御歳暮")

        await #expect {
            _ = try await sandbox.client.updateOrderDelivery(UpdateOrderDeliveryRequest(orderNumber: order.orderNumber, deliveryName: "ドローン便"))
        } throws: { error in (error as? RakutenPayError)?.messages.first?.messageCode == "ORDER_EXT_API_UPDATE_ORDERDELIVERY_ERROR_901" }
        await #expect {
            _ = try await sandbox.client.updateOrderMemo(UpdateOrderMemoRequest(orderNumber: order.orderNumber, operator: "とても長い担当者名"))
        } throws: { error in (error as? RakutenPayError)?.messages.first?.messageCode == "ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_108" }
        await #expect {
            _ = try await sandbox.client.updateOrderRemarks(UpdateOrderRemarksRequest(orderNumber: order.orderNumber))
        } throws: { error in (error as? RakutenPayError)?.errorClass == .rejected }
        await sandbox.stop()
    }

    /// The message code RMS's refusal of `call` starts with.
    func refusal(_ call: () async throws -> MessageResponse) async -> String? {
        do {
            let answer = try await call()
            return answer.errors.first?.messageCode
        } catch {
            return (error as? RakutenPayError)?.messages.first?.messageCode
        }
    }

    @Test("each update function refuses as RMS does: a past お届け日 or an unknown 時間帯, a bad 送付先 or 注文者, the masked e-mail changed, after-shipping at 300, amounts after shipping, a sub-status of another status or a cancelled order, a delivery method after shipping")
    func refusalsPerFunction() async throws {
        let sandbox = try await quickSandbox()
        let waiting = try await sandbox.orders(inProgress: 100)
        let order = try #require(waiting.first { $0.postagePrice != -9999 && $0.socialGiftFlag == 0 })
        let number = order.orderNumber
        // updateOrderMemo: a date that has passed (110), a time slot RMS does not know (011).
        #expect(await refusal { try await sandbox.client.updateOrderMemo(UpdateOrderMemoRequest(orderNumber: number, deliveryDate: RakutenDate(year: 2020, month: 1, day: 1))) }
                == "ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_110")
        #expect(await refusal { try await sandbox.client.updateOrderMemo(UpdateOrderMemoRequest(orderNumber: number, shippingTerm: 1614)) }
                == "ORDER_EXT_API_UPDATE_ORDERMEMO_ERROR_011")
        #expect(await refusal { try await sandbox.client.updateOrderMemo(UpdateOrderMemoRequest(orderNumber: number, shippingTerm: 1416)) } == nil)
        // updateOrderSender: a 都道府県 RMS does not know, a postcode of five digits, kana not in katakana.
        var request = UpdateOrderSenderRequest(unchanged: order)
        request.packageModelList[0].senderModel.prefecture = "東京"
        #expect(await refusal { try await sandbox.client.updateOrderSender(request) } == "ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_011")
        request = UpdateOrderSenderRequest(unchanged: order)
        request.packageModelList[0].senderModel.zipCode2 = "0"
        #expect(await refusal { try await sandbox.client.updateOrderSender(request) } == "ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_011")
        request = UpdateOrderSenderRequest(unchanged: order)
        request.packageModelList[0].senderModel.familyNameKana = "やまだ"
        #expect(await refusal { try await sandbox.client.updateOrderSender(request) } == "ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_011")
        request = UpdateOrderSenderRequest(unchanged: order)
        request.packageModelList[0].dropOffLocation = String(repeating: "玄", count: 31)
        #expect(await refusal { try await sandbox.client.updateOrderSender(request) } == "ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_013")
        // …AfterShipping before shipping (101).
        #expect(await refusal { try await sandbox.client.updateOrderSenderAfterShipping(UpdateOrderSenderRequest(unchanged: order)) }
                == "ORDER_EXT_API_UPDATE_ORDERSENDER_AFTER_SHIPPING_ERROR_101")
        // updateOrderOrderer: the masked e-mail address changed (033), an empty family name (010).
        var orderer = order.ordererModel
        orderer.emailAddress = "someone@example.jp"
        #expect(await refusal { try await sandbox.client.updateOrderOrderer(UpdateOrderOrdererRequest(orderNumber: number, ordererModel: orderer)) }
                == "ORDER_EXT_API_UPDATE_ORDERORDERER_ERROR_033")
        orderer = order.ordererModel
        orderer.familyName = ""
        #expect(await refusal { try await sandbox.client.updateOrderOrderer(UpdateOrderOrdererRequest(orderNumber: number, ordererModel: orderer)) }
                == "ORDER_EXT_API_UPDATE_ORDERORDERER_ERROR_010")
        // updateOrderSubStatus: one of 発送待ち's on an order awaiting confirmation (102), a cancelled order (101), per order with HTTP 200.
        let wrong = try await sandbox.client.updateOrderSubStatus(UpdateOrderSubStatusRequest(subStatusId: 3701, orderNumberList: [number]))
        #expect(wrong.errors.map { $0.messageCode } == ["ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_102"])
        let cancelled = try #require(try await sandbox.orders(inProgress: 900).first)
        let both = try await sandbox.client.updateOrderSubStatus(UpdateOrderSubStatusRequest(subStatusId: 3601, orderNumberList: [number, cancelled.orderNumber]))
        #expect(both.messages.map { $0.messageCode } == ["ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_INFO_101", "ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_101"])
        #expect(try await sandbox.client.getOrder([number]).orders.first?.subStatusId == 3601)
        let off = try await sandbox.client.updateOrderSubStatus(UpdateOrderSubStatusRequest(subStatusId: nil, orderNumberList: [number]))
        #expect(off.errors.isEmpty)
        #expect(try await sandbox.client.getOrder([number]).orders.first?.subStatusId == nil)

        // After shipping: the address goes with …AfterShipping; an amount does not.
        let sent = try await sandbox.orders(inProgress: 500)
        let shipped = try #require(sent.first { $0.postagePrice != -9999 && $0.socialGiftFlag == 0 })
        var moved = UpdateOrderSenderRequest(unchanged: shipped)
        moved.packageModelList[0].senderModel.subAddress = "転居先 1-2-3"
        #expect(await refusal { try await sandbox.client.updateOrderSenderAfterShipping(moved) } == nil)
        #expect(try await sandbox.client.getOrder([shipped.orderNumber]).orders.first?.packageModelList[0].senderModel.subAddress == "転居先 1-2-3")
        #expect(await refusal { try await sandbox.client.updateOrderSender(moved) } == "ORDER_EXT_API_UPDATE_ORDERSENDER_ERROR_101")
        #expect(await refusal { try await sandbox.client.updateOrderDelivery(UpdateOrderDeliveryRequest(orderNumber: shipped.orderNumber, deliveryName: "ゆうパック")) }
                == "ORDER_EXT_API_UPDATE_ORDERDELIVERY_ERROR_902")
        moved.packageModelList[0].postagePrice += 100
        #expect(await refusal { try await sandbox.client.updateOrderSenderAfterShipping(moved) } == "ORDER_EXT_API_UPDATE_ORDERSENDER_AFTER_SHIPPING_ERROR_115")
        await sandbox.stop()
    }

    @Test("getPayment and getSubStatusList read")
    func reads() async throws {
        let sandbox = try await quickSandbox()
        let order = try #require(try await sandbox.orders(inProgress: 100).first)
        let payment = try await sandbox.client.getPayment(orderNumber: order.orderNumber)
        #expect(payment.order?.payments.first?.paymentAmount == order.requestPrice)
        #expect(payment.order?.payments.first?.paymentStatus == 30100)
        let statuses = try await sandbox.client.getSubStatusList()
        #expect(statuses.statuses.contains { $0.orderProgress == 100 && !$0.subStatuses.isEmpty })
        await sandbox.stop()
    }
}
