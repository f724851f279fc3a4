import OrderEngine

/// confirmOrder (注文確認): a once-only write, 100 orders per call.
extension RakutenPayClient {
    /// What became of one order's confirmation.
    public struct ConfirmResult: Sendable, Hashable {
        public let orderNumber: String
        public let outcome: ConfirmOutcome
    }

    public enum ConfirmOutcome: Sendable, Hashable {
        /// RMS accepted it (INFO_101), or, after an unclear failure, RMS shows the order confirmed.
        case accepted(rmsProgress: Int?)
        /// RMS refused this order (ERROR_102/103/105...): sending it again will not help.
        case refused(APIErrorClass, message: String)
        /// The request did not reach RMS or RMS turned it away whole (auth, QPS, 400): nothing was applied.
        case notApplied(APIErrorClass, message: String)
        /// The call failed in a way that may or may not have applied it, and reading the order back
        /// failed too. It must be resolved by reading the order before anything is sent again.
        case unknown(APIErrorClass, message: String)
    }

    /// Sends one confirmOrder call for at most 100 orders and returns one result per order.
    ///
    /// Never re-sends: after a failure that may have been applied (timeout, 5xx, unreadable body)
    /// the orders are read back with getOrder and reported as RMS holds them.
    public func confirmOrder(_ numbers: [String]) async -> [ConfirmResult] {
        precondition(numbers.count <= ConfirmOrderRequest.maximumOrders, "confirmOrder takes at most 100 numbers")
        do {
            let response = try await call(
                .confirmOrder, ConfirmOrderRequest(orderNumberList: numbers), as: MessageResponse.self)
            return Self.results(for: numbers, from: response.messages)
        } catch let error as RakutenPayError where error.mayHaveBeenApplied {
            return await resolveByReading(numbers, after: error)
        } catch let error as RakutenPayError {
            return numbers.map { ConfirmResult(orderNumber: $0, outcome: .notApplied(error.errorClass, message: error.summary)) }
        } catch {
            return numbers.map {
                ConfirmResult(orderNumber: $0, outcome: .notApplied(.temporary, message: "\(error)"))
            }
        }
    }

    /// Maps confirmOrder's per-order messages; an order RMS said nothing about is unknown.
    static func results(for numbers: [String], from messages: [MessageModel]) -> [ConfirmResult] {
        var byNumber: [String: MessageModel] = [:]
        for message in messages { if let number = message.orderNumber { byNumber[number] = message } }
        return numbers.map { number in
            guard let message = byNumber[number] else {
                return ConfirmResult(
                    orderNumber: number, outcome: .unknown(.temporary, message: "RMSからこの注文の結果が返りませんでした"))
            }
            if message.isInfo { return ConfirmResult(orderNumber: number, outcome: .accepted(rmsProgress: nil)) }
            let errorClass: APIErrorClass =
                switch message.messageCode {
                case ConfirmOrderCode.postageUnset: .shippingFeeUnset
                case ConfirmOrderCode.cancelled, ConfirmOrderCode.notAwaiting: .notConfirmable
                default: .rejected
                }
            return ConfirmResult(
                orderNumber: number, outcome: .refused(errorClass, message: "\(message.messageCode) \(message.message)"))
        }
    }

    /// After an unclear failure: what does RMS hold for each order?
    func resolveByReading(_ numbers: [String], after error: RakutenPayError) async -> [ConfirmResult] {
        let fetched: FetchedOrders
        do {
            fetched = try await getOrders(numbers)
        } catch let reading {
            // Still unknown: settled later by reading again (the outbox keeps it unresolved).
            logger.warning("confirmOrder outcome unknown; reading back failed too: \(reading)")
            return numbers.map {
                ConfirmResult(orderNumber: $0, outcome: .unknown(error.errorClass, message: "\(error.summary)（RMSからの読み直しも失敗: \(reading)）"))
            }
        }
        var models: [String: OrderModel] = [:]
        for order in fetched.orders { models[order.model.orderNumber] = order.model }
        return numbers.map { number in
            guard let model = models[number] else {
                return ConfirmResult(orderNumber: number, outcome: .unknown(error.errorClass, message: error.summary))
            }
            if model.shopOrderCfmDatetime != nil || model.orderProgress != RMSProgress.awaitingConfirmation.code {
                return ConfirmResult(orderNumber: number, outcome: .accepted(rmsProgress: model.orderProgress))
            }
            return ConfirmResult(
                orderNumber: number,
                outcome: .notApplied(error.errorClass, message: "\(error.summary)（RMSでは未確認のままです）"))
        }
    }
}
