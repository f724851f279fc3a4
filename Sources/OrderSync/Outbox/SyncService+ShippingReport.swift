import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// 発送完了報告 as RMS takes it: up to 100 orders in one updateOrderShippingAsync call, then the
/// result asked for with its requestId until RMS has it.
extension SyncService {
    /// Waits between asking for an async result, growing: RMS answers in seconds, and may take minutes.
    static let resultPollDelays: [Double] = [1, 1, 2, 2, 4, 8, 15, 30]
    /// How long results are asked for before the outcome is left unclear, to be settled by its
    /// requestId's result on a later round (or, past RMS's time to apply it, by reading the orders).
    static let resultPollLimit: Double = 600

    /// Reports the parcels being sent (``Parcel/Report/sending``) of the claimed orders and says
    /// what RMS answered for each. The requestId RMS gives is recorded on the intents before its
    /// result is asked for: a sender that dies meanwhile leaves the next one that to ask.
    func reportShipping(_ claims: [(number: OrderNumber, intent: Int64)]) async -> [OrderNumber: WriteOutcome] {
        let numbers = claims.map(\.number)
        let requests: [UpdateOrderShippingRequest]
        do {
            requests = try store.orders(numbers).map(Self.shippingRequest)
        } catch {
            // Nothing was sent: the parcels can be sent again.
            return Self.every(numbers, .failed(.rejected, detail: "\(error)"))
        }
        let requestID: String
        do {
            let answer = try await client.updateOrderShippingAsync(UpdateOrderShippingAsyncRequest(orderShippingModelList: requests))
            guard let id = answer.messages.lazy.compactMap(\.requestId).first else {
                return Self.refused(numbers, answer.messages)
            }
            requestID = id
        } catch let error as RakutenPayError where !error.mayHaveBeenApplied {
            return error.messages.isEmpty ? Self.every(numbers, .failed(error.errorClass, detail: error.summary)) : Self.refused(numbers, error.messages)
        } catch {
            // It may have reached RMS: settled by reading the orders' shipping records, once RMS's
            // queue has had its time (``SyncService/asyncGrace``).
            return Self.every(numbers, .unknown(detail: (error as? RakutenPayError)?.summary ?? "送信中に中断しました: \(error)"))
        }
        do {
            try store.noteRequestID(requestID, for: claims.map(\.intent))
        } catch {
            // Not recorded: were this process to die now, the next would not read the orders before
            // RMS's queue has had its time (``SyncService/asyncGrace``); said in the log, the report goes on.
            logger.error("requestId \(requestID) not recorded: \(error)")
        }
        guard let results = await shippingResults(requestID) else {
            return Self.every(numbers, .unknown(detail: "RMSが受け付けた報告（requestId \(requestID)）の結果を得られません"))
        }
        return Self.outcomes(of: results)
    }

    /// Each order's outcome in an async request's results: an ERROR refuses it.
    static func outcomes(of results: [GetResultUpdateOrderShippingAsyncResponse.Result]) -> [OrderNumber: WriteOutcome] {
        var outcomes: [OrderNumber: WriteOutcome] = [:]
        for result in results {
            guard let number = result.orderNumber.map(OrderNumber.init) else { continue }
            outcomes[number] = result.messages.first(where: \.isError).map {
                .failed(.rejected, detail: "\($0.messageCode) \($0.message)")
            } ?? .accepted(nil)
        }
        return outcomes
    }

    /// An async request's results if RMS has them now, asked once; nil while RMS is still at it
    /// (or knows no such request).
    func shippingResultsNow(_ requestID: String) async throws -> [GetResultUpdateOrderShippingAsyncResponse.Result]? {
        let answer = try await client.getResultUpdateOrderShippingAsync(requestId: requestID)
        return answer.isPendingOrUnknown ? nil : answer.results
    }

    /// The async result, asked for until RMS has it; nil when RMS had none within the limit, or
    /// when the asking was stopped (the outcome is then settled on a later round: ``SyncService/settleUnclearWrites(staleIntentAge:waitingForInFlight:)``).
    private func shippingResults(_ requestID: String) async -> [GetResultUpdateOrderShippingAsyncResponse.Result]? {
        var waited = 0.0
        var attempt = 0
        while waited < Self.resultPollLimit {
            let delay = Self.resultPollDelays[min(attempt, Self.resultPollDelays.count - 1)]
            attempt += 1
            do {
                try await Task.sleep(for: .seconds(delay))
            } catch {
                return nil
            }
            waited += delay
            do {
                let answer = try await client.getResultUpdateOrderShippingAsync(requestId: requestID)
                if !answer.isPendingOrUnknown { return answer.results }
            } catch is CancellationError {
                return nil
            } catch {
                // Asking changes nothing at RMS: asked again after the next wait; the client logged it.
                if Task.isCancelled { return nil }
            }
        }
        return nil
    }

    /// The same outcome for every order of a call.
    private static func every(_ numbers: [OrderNumber], _ outcome: WriteOutcome) -> [OrderNumber: WriteOutcome] {
        Dictionary(numbers.map { ($0, outcome) }, uniquingKeysWith: { $1 })
    }

    /// A refused request: each order RMS named fails with its message; the others with the reason
    /// that nothing of the call was taken.
    private static func refused(_ numbers: [OrderNumber], _ messages: [MessageModel]) -> [OrderNumber: WriteOutcome] {
        let errors = messages.filter(\.isError)
        let whole = errors.first { $0.orderNumber == nil }.map { "\($0.messageCode) \($0.message)" }
        return Dictionary(numbers.map { number in
            let own = errors.first { $0.orderNumber == number.rawValue }.map { "\($0.messageCode) \($0.message)" }
            return (number, .failed(.rejected, detail: own ?? whole ?? "同じ送信の他の注文の誤りで受け付けられませんでした（再送できます）"))
        }, uniquingKeysWith: { $1 })
    }

    /// The rows of one order: each basket's parcels being sent — additions without a 発送明細ID,
    /// corrections with theirs and the new values, deletions with theirs and shippingDeleteFlag.
    public static func shippingRequest(_ order: Order) -> UpdateOrderShippingRequest {
        let sending = order.parcels.filter(\.report.isInFlight)
        // Each basket once, in the order its parcels come.
        var seen: Set<Int> = []
        let baskets = sending.map(\.basketID).filter { seen.insert($0).inserted }
        return UpdateOrderShippingRequest(orderNumber: order.number.rawValue, basketidModelList: baskets.map { basket in
            BasketidModel(basketId: basket, shippingModelList: sending.filter { $0.basketID == basket }.map { parcel in
                switch parcel.report {
                case .deleteSending:
                    ShippingUpdateModel(shippingDetailId: parcel.shippingDetailID, deliveryCompany: parcel.carrier?.code ?? "", shippingDeleteFlag: 1)
                default:
                    ShippingUpdateModel(
                        shippingDetailId: parcel.report == .amendSending ? parcel.shippingDetailID : nil,
                        deliveryCompany: parcel.carrier?.code ?? "", shippingNumber: parcel.trackingNumber ?? "",
                        shippingDate: parcel.shippedOn?.description ?? "")
                }
            })
        })
    }
}
