/// The write functions besides confirmOrder. Each is sent once: a failure is reported, never
/// retried here (the outbox decides what to do after reading the order back).
extension RakutenPayClient {
    /// 注文キャンセル（発送前）.
    public func cancelOrder(_ request: CancelOrderRequest) async throws -> MessageResponse {
        try await call(.cancelOrder, request, as: MessageResponse.self)
    }

    /// 発送完了報告: one message per shipping entry, with its `shippingDetailId`.
    public func updateOrderShipping(_ request: UpdateOrderShippingRequest) async throws -> MessageResponse {
        try await call(.updateOrderShipping, request, as: MessageResponse.self)
    }

    /// 発送完了報告（非同期）: ≤ 100 orders; the answer carries the `requestId` to ask for results with.
    public func updateOrderShippingAsync(_ request: UpdateOrderShippingAsyncRequest) async throws -> MessageResponse {
        precondition(request.orderShippingModelList.count <= UpdateOrderShippingAsyncRequest.maximumOrders,
                     "updateOrderShippingAsync takes at most 100 orders")
        return try await call(.updateOrderShippingAsync, request, as: MessageResponse.self)
    }

    public func getResultUpdateOrderShippingAsync(requestId: String) async throws -> GetResultUpdateOrderShippingAsyncResponse {
        try await call(
            .getResultUpdateOrderShippingAsync, GetResultUpdateOrderShippingAsyncRequest(requestId: requestId),
            as: GetResultUpdateOrderShippingAsyncResponse.self)
    }

    /// 送付先情報更新: fees, quantities and unit prices, with `reductionReason` when an amount goes down.
    public func updateOrderSender(_ request: UpdateOrderSenderRequest) async throws -> MessageResponse {
        try await call(.updateOrderSender, request, as: MessageResponse.self)
    }

    /// 送付先情報更新（発送後）: the same request, once RMS shows 500, 600 or 700 (rpay-api.md §2 #12).
    public func updateOrderSenderAfterShipping(_ request: UpdateOrderSenderRequest) async throws -> MessageResponse {
        try await call(.updateOrderSenderAfterShipping, request, as: MessageResponse.self)
    }

    /// サブステータス情報更新: per-order results come back with HTTP 200, errors among them (§9.6).
    public func updateOrderSubStatus(_ request: UpdateOrderSubStatusRequest) async throws -> MessageResponse {
        try await call(.updateOrderSubStatus, request, as: MessageResponse.self)
    }

    public func updateOrderOrderer(_ request: UpdateOrderOrdererRequest) async throws -> MessageResponse {
        try await call(.updateOrderOrderer, request, as: MessageResponse.self)
    }

    public func updateOrderDelivery(_ request: UpdateOrderDeliveryRequest) async throws -> MessageResponse {
        try await call(.updateOrderDelivery, request, as: MessageResponse.self)
    }

    public func updateOrderMemo(_ request: UpdateOrderMemoRequest) async throws -> MessageResponse {
        try await call(.updateOrderMemo, request, as: MessageResponse.self)
    }

    public func updateOrderRemarks(_ request: UpdateOrderRemarksRequest) async throws -> MessageResponse {
        try await call(.updateOrderRemarks, request, as: MessageResponse.self)
    }

    public func getPayment(orderNumber: String, version: Int = 4) async throws -> GetPaymentResponse {
        try await call(.getPayment, GetPaymentRequest(orderNumber: orderNumber, version: version), as: GetPaymentResponse.self)
    }

    /// サブステータス: posted with no body, as RMS expects.
    public func getSubStatusList() async throws -> GetSubStatusListResponse {
        try await call(.getSubStatusList, NoBody(), as: GetSubStatusListResponse.self)
    }
}

/// Encodes as JSON `null`: the body of functions that take none.
struct NoBody: Encodable {
    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encodeNil()
    }
}

extension MessageResponse {
    /// The ERROR entries, for per-order results that come with HTTP 200.
    public var errors: [MessageModel] { messages.filter(\.isError) }
}
