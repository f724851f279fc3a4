import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// What each kind of write sends to RMS, and how RMS's answer reads as an outcome per order.
extension SyncService {
    /// Sends `write` for the claimed orders (at most the kind's ``OutboundWrite/Kind/ordersPerCall``)
    /// and says what RMS (or the mail relay) answered for each. `before`: the orders as they were
    /// before the action changed them.
    func transmit(_ write: OutboundWrite, _ claims: [(number: OrderNumber, intent: Int64)], before: [OrderNumber: Order]) async -> [OrderNumber: WriteOutcome] {
        let numbers = claims.map(\.number)
        var outcomes: [OrderNumber: WriteOutcome] = [:]
        switch write {
        case .confirm:
            for result in await client.confirmOrder(numbers.map(\.rawValue)) {
                outcomes[OrderNumber(result.orderNumber)] = Self.outcome(result.outcome)
            }
        case .cancel(let reasonCode):
            for number in numbers {
                let request = CancelOrderRequest(orderNumber: number.rawValue, changeReasonDetailApply: reasonCode)
                outcomes[number] = await Self.answer(accepted: .awaitingCancellation) { try await client.cancelOrder(request) }
            }
        case .pushEdit:
            for number in numbers { outcomes[number] = await push(number, edit: before[number]?.pendingEdit) }
        case .shippingReport, .shippingCorrection:
            outcomes = await reportShipping(claims)
        case .mail(let template, _):
            for claim in claims { outcomes[claim.number] = await mail(template, claim.number, intent: claim.intent) }
        }
        return outcomes
    }

    /// The outcome of one call that answers with messages: an ERROR among them refuses it.
    static func answer(accepted progress: RMSProgress?, _ call: () async throws -> MessageResponse) async -> WriteOutcome {
        do {
            let answer = try await call()
            return answer.errors.first.map { .failed(.rejected, detail: "\($0.messageCode) \($0.message)") } ?? .accepted(progress)
        } catch let error as RakutenPayError {
            let detail = error.messages.first.map { "\($0.messageCode) \($0.message)" } ?? error.summary
            return error.mayHaveBeenApplied ? .unknown(detail: detail) : .failed(error.errorClass, detail: detail)
        } catch {
            // Stopped while the request was out (the desk quit): RMS may hold it; settled by reading RMS.
            return .unknown(detail: "送信中に中断しました: \(error)")
        }
    }

    static func outcome(_ outcome: RakutenPayClient.ConfirmOutcome) -> WriteOutcome {
        switch outcome {
        case .accepted(let progress): .accepted(progress.map(RMSProgress.init(code:)))
        case .refused(let errorClass, let message), .notApplied(let errorClass, let message):
            .failed(errorClass, detail: message)
        case .unknown(_, let message): .unknown(detail: message)
        }
    }
}
