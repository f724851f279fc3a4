import Foundation
import Hummingbird
import RakutenPay

/// The sandbox's RMS functions, one method each, answering as RMS answers.
struct SandboxAPI: Sendable {
    let state: SandboxState
    let now: @Sendable () -> RakutenDateTime

    /// Dispatches a checked, authenticated call to its function.
    func respond(to function: APIFunction, body: SandboxRequestBody) async -> SandboxAnswer {
        await state.advance(to: now())
        switch function {
        case .searchOrder: return await searchOrder(body.json)
        case .getOrder: return await getOrder(body.json)
        case .confirmOrder: return await confirmOrder(body.json)
        case .cancelOrder: return await cancelOrder(body)
        case .updateOrderShipping: return await updateOrderShipping(body)
        case .updateOrderShippingAsync: return await updateOrderShippingAsync(body)
        case .getResultUpdateOrderShippingAsync: return await getResultUpdateOrderShippingAsync(body)
        case .updateOrderSender: return await updateOrderSender(body)
        case .updateOrderSenderAfterShipping: return await updateOrderSender(body, afterShipping: true)
        case .updateOrderSubStatus: return await updateOrderSubStatus(body)
        case .updateOrderOrderer: return await updateOrderOrderer(body)
        case .updateOrderDelivery: return await updateOrderDelivery(body)
        case .updateOrderMemo: return await updateOrderMemo(body)
        case .updateOrderRemarks: return await updateOrderRemarks(body)
        case .getPayment: return await getPayment(body)
        case .getSubStatusList: return getSubStatusList()
        case .licenseKeyExpiryDate: return SandboxAnswer.gateway(.notFound, code: "ES04-02", message: "Not Found")
        }
    }
}

/// A request body, both as loose JSON (for RMS's field-by-field checks) and as bytes (to decode
/// into a request model once the checks pass).
struct SandboxRequestBody: Sendable {
    let json: JSONValue
    let bytes: [UInt8]

    func decode<T: Decodable>(_ type: T.Type) -> T? {
        try? JSONDecoder().decode(type, from: Data(bytes))
    }
}
