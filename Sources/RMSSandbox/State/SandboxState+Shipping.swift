import Foundation
import OrderEngine
import RakutenPay

extension SandboxState {
    enum ShippingOutcome {
        case applied([MessageModel])
        case refused([MessageModel])
    }

    /// The format errors of a shipping request: unknown carrier codes, dates not yyyy-MM-dd.
    static func formatErrors(_ request: UpdateOrderShippingRequest, functionCode: String) -> [MessageModel] {
        var errors: [MessageModel] = []
        var dataNumber = 0
        for basket in request.basketidModelList {
            for entry in basket.shippingModelList {
                dataNumber += 1
                func fail(_ field: String) {
                    var message = MessageModel.error("ORDER_EXT_API_\(functionCode)_ERROR_011", "\(field)の書式が不正です。")
                    message.dataNumber = dataNumber
                    message.shippingDetailId = entry.shippingDetailId
                    errors.append(message)
                }
                if let date = entry.shippingDate, !date.isEmpty, RakutenDate(parsing: date) == nil { fail("shippingDate") }
                if !Carrier(code: entry.deliveryCompany).isKnownToRakuten { fail("deliveryCompany") }
                if let number = entry.shippingNumber, number.count > 120 { fail("shippingNumber") }
            }
        }
        return errors
    }

    /// Adds, changes and deletes the shipping records of one order as RMS does. Once every package
    /// has records and every record has its carrier, number and date, the order moves to 発送済
    /// (500) on the day after the latest date; a record missing one of them keeps it at 300.
    func applyShipping(
        _ request: UpdateOrderShippingRequest, now: RakutenDateTime, functionCode: String, function: APIFunction = .updateOrderShipping
    ) -> ShippingOutcome {
        let code = "ORDER_EXT_API_\(functionCode)"
        let formatErrors = Self.formatErrors(request, functionCode: functionCode)
        if !formatErrors.isEmpty { return .refused(formatErrors) }
        guard var order = orders[request.orderNumber] else {
            return .refused([.error("\(code)_ERROR_016", "指定された注文番号は存在しませんでした。", orderNumber: request.orderNumber)])
        }
        if order.orderProgress == 800 || order.orderProgress == 900 {
            return .refused([.error("\(code)_ERROR_102",
                "指定された注文番号は既にキャンセルされているため、発送完了報告が出来る状態ではありませんでした。",
                orderNumber: request.orderNumber)])
        }
        guard order.orderProgress >= 300 else {
            return .refused([.error("\(code)_ERROR_103", "指定された注文は発送完了報告ができる状態ではありませんでした。",
                                    orderNumber: request.orderNumber)])
        }
        var messages: [MessageModel] = []
        var dataNumber = 0
        for basket in request.basketidModelList {
            guard let packageIndex = order.packageModelList.firstIndex(where: { $0.basketId == basket.basketId }) else {
                return .refused([.error("\(code)_ERROR_011", "basketIdの書式が不正です。", orderNumber: request.orderNumber)])
            }
            var records = order.packageModelList[packageIndex].shippingModelList ?? []
            for entry in basket.shippingModelList {
                dataNumber += 1
                let message: MessageModel
                if let id = entry.shippingDetailId {
                    guard let index = records.firstIndex(where: { $0.shippingDetailId == id }) else {
                        var missing = MessageModel.error("\(code)_ERROR_011", "shippingDetailIdの書式が不正です。")
                        missing.dataNumber = dataNumber
                        missing.shippingDetailId = id
                        return .refused([missing])
                    }
                    if entry.shippingDeleteFlag == 1 {
                        records.remove(at: index)
                        message = .info("\(code)_INFO_103", "発送情報の削除設定が完了しました。")
                    } else {
                        records[index].deliveryCompany = entry.deliveryCompany
                        records[index].deliveryCompanyName = Carrier(code: entry.deliveryCompany).name
                        if let number = entry.shippingNumber { records[index].shippingNumber = number.isEmpty ? nil : number }
                        if let date = entry.shippingDate { records[index].shippingDate = RakutenDate(parsing: date) }
                        message = .info("\(code)_INFO_102", "発送情報の更新設定が完了しました。")
                    }
                    var answered = message
                    answered.dataNumber = dataNumber
                    answered.shippingDetailId = id
                    messages.append(answered)
                } else {
                    nextShippingDetailID += 1
                    records.append(ShippingModel(
                        shippingDetailId: nextShippingDetailID, shippingNumber: entry.shippingNumber,
                        deliveryCompany: entry.deliveryCompany, deliveryCompanyName: Carrier(code: entry.deliveryCompany).name,
                        shippingDate: entry.shippingDate.flatMap(RakutenDate.init(parsing:))))
                    var added = MessageModel.info("\(code)_INFO_101", "発送情報の追加設定が完了しました。")
                    added.dataNumber = dataNumber
                    added.shippingDetailId = nextShippingDetailID
                    messages.append(added)
                }
            }
            order.packageModelList[packageIndex].shippingModelList = records
        }
        let complete = order.packageModelList.allSatisfy { package in
            let records = package.shippingModelList ?? []
            return !records.isEmpty && records.allSatisfy {
                $0.shippingDate != nil && !($0.shippingNumber ?? "").isEmpty && Carrier(code: $0.deliveryCompany ?? "").isKnownToRakuten
            }
        }
        let latest = order.packageModelList.flatMap { $0.shippingModelList ?? [] }.compactMap(\.shippingDate).max()
        if order.orderProgress == 300, complete, let latest {
            order.shippingCmplRptDatetime = now
            shippedOn[order.orderNumber] = latest
        } else {
            shippedOn[order.orderNumber] = nil
        }
        replace(order)
        noteAccepted(function, order.orderNumber)
        return .applied(messages)
    }

    /// RMS's 発送済: the day after the latest ship date of a completely reported order.
    func shipReported(by now: RakutenDateTime) {
        guard !shippedOn.isEmpty else { return }
        let today = RakutenDate(now)
        for (number, date) in shippedOn where date < today {
            shippedOn[number] = nil
            guard var order = orders[number], order.orderProgress == 300 else { continue }
            order.orderProgress = 500
            replace(order)
        }
    }

    /// Accepts an async shipping request: results are computed now and shown after a delay.
    func queueShipping(_ request: UpdateOrderShippingAsyncRequest, now: RakutenDateTime) -> String {
        let parts = now.localParts
        let stamp = [parts.year, parts.month, parts.day, parts.hour, parts.minute, parts.second]
            .enumerated().map { index, value in index == 0 ? String(value) : (value < 10 ? "0\(value)" : "\(value)") }.joined()
        let requestID = "\(UUID().uuidString.lowercased())_\(stamp)"
        var results: [GetResultUpdateOrderShippingAsyncResponse.Result] = []
        for shipping in request.orderShippingModelList {
            switch applyShipping(shipping, now: now, functionCode: "UPDATE_ORDERSHIPPING", function: .updateOrderShippingAsync) {
            case .applied(let messages), .refused(let messages):
                results.append(.init(orderNumber: shipping.orderNumber, messages: messages.map {
                    var message = $0
                    message.orderNumber = nil
                    return message
                }))
            }
        }
        shippingJobs[requestID] = ShippingJob(
            readyAt: now.epochSeconds + Int64(configuration.secondsUntilShippingResults.rounded()), results: results)
        return requestID
    }

    /// The results of an async request once ready; nil while running, or for an unknown id.
    func shippingResults(_ requestID: String, now: RakutenDateTime) -> [GetResultUpdateOrderShippingAsyncResponse.Result]? {
        guard let job = shippingJobs[requestID], job.readyAt <= now.epochSeconds else { return nil }
        return job.results
    }
}
