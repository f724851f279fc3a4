import RakutenPay

extension SandboxAPI {
    /// The order a single-order function names, or nil after recording why not
    /// (missing number 009, empty 010, unknown 016).
    func order(named check: inout RequestChecker) async -> OrderModel? {
        guard let number = check.required("orderNumber")?.stringValue else {
            if check.isValid { check.badFormat("orderNumber") }
            return nil
        }
        guard let order = await state.orders[number] else {
            check.fail("016", "指定された注文番号は存在しませんでした。")
            return nil
        }
        return order
    }

    /// RMS changes orders only before shipping for most functions: 100, 200 or 300.
    static let beforeShipping: Set<Int> = [100, 200, 300]
    /// Where updateOrderSenderAfterShipping is allowed (rpay-api.md §2 #12).
    static let afterShipping: Set<Int> = [500, 600, 700]

    /// The answer of a single-order function that failed its checks: 400 with every message.
    static func refused(_ check: RequestChecker, orderNumber: String? = nil) -> SandboxAnswer {
        SandboxAnswer.messages(.badRequest, check.messages.map {
            var message = $0
            message.orderNumber = message.orderNumber ?? orderNumber
            return message
        })
    }
}
