import Hummingbird
import RakutenPay

extension SandboxAPI {
    /// confirmOrder: ≤100 numbers; HTTP 200 with one message per order, INFO or ERROR.
    func confirmOrder(_ body: JSONValue) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "CONFIRM_ORDER", body: body)
        guard let numbers = check.orderNumberList(limit: ConfirmOrderRequest.maximumOrders), check.isValid else {
            return SandboxAnswer.messages(.badRequest, check.messages)
        }
        let now = now()
        var messages: [MessageModel] = []
        for number in numbers { messages.append(await state.confirm(number, now: now)) }
        return SandboxAnswer.messages(.ok, messages)
    }
}
