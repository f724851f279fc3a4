import Hummingbird
import RakutenPay

/// The sandbox's RMS functions, one method each, answering as RMS answers.
struct SandboxAPI: Sendable {
    let state: SandboxState
    let now: @Sendable () -> RakutenDateTime

    /// Dispatches a checked, authenticated call to its function.
    func respond(to function: APIFunction, body: JSONValue) async -> SandboxAnswer {
        await state.advance(to: now())
        switch function {
        case .searchOrder: return await searchOrder(body)
        case .getOrder: return await getOrder(body)
        case .confirmOrder: return await confirmOrder(body)
        default:
            return SandboxAnswer.messages(.notFound, [.error("ORDER_EXT_API_NOT_FOUND", "\(function.rawValue)は未対応です。")])
        }
    }
}
