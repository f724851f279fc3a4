import Foundation
import OrderEngine
import OrderStore
import RakutenPay

/// 入力内容を反映する: what of an order was changed here goes to RMS group by group, each with its
/// own function (rpay-api.md §8–9), built on RMS's own copy so that what the shop did not change
/// goes back as RMS holds it.
extension SyncService {
    /// Sends `edit` (the order's pending edit as the push took it) and says how it went: accepted
    /// when RMS took every group; refused at the first group RMS refused, saying which groups it
    /// had taken before (a read-back then leaves only the others to send); unknown when an answer
    /// was lost (settled by reading the order back).
    func push(_ number: OrderNumber, edit: PendingEdit?) async -> WriteOutcome {
        guard let edit, !edit.groups.isEmpty else { return .failed(.rejected, detail: "反映する修正がありません") }
        let order: Order
        let model: OrderModel
        do {
            guard var stored = try store.order(number), let raw = try store.rawJSON(of: number) else {
                throw StoreError("注文 \(number) のRMSの内容が保存されていません")
            }
            stored.pendingEdit = edit
            order = stored
            model = try JSONIndexDecoder().decode(OrderModel.self, from: raw)
        } catch {
            // Nothing was sent: the edit stays pending.
            return .failed(.rejected, detail: "\(error)")
        }
        var taken: [EditGroup] = []
        for call in Self.calls(for: edit.groups, at: order.rmsProgress) where !Self.nothingToSend(call, edit) {
            let outcome: WriteOutcome
            do {
                outcome = try await send(call, order: order, model: model)
            } catch {
                // The request could not be made (an unset fee): nothing of this group was sent.
                outcome = .failed(.rejected, detail: "\(error)")
            }
            switch outcome {
            case .accepted:
                taken += call
            case .failed(let errorClass, let detail):
                let label = call.map(\.label).joined(separator: "・")
                let done = taken.isEmpty ? "" : "（\(taken.map(\.label).joined(separator: "・"))はRMSに反映済み）"
                return .failed(errorClass, detail: "\(label): \(detail)\(done)")
            case .unknown(let detail):
                return .unknown(detail: "\(call.map(\.label).joined(separator: "・")): \(detail)")
            }
        }
        return .accepted(nil)
    }

    /// The calls a push makes, in order: amounts and 送付先 together in one updateOrderSender before
    /// shipping (RMS takes both in its PackageModelList), every other group on its own.
    static func calls(for groups: Set<EditGroup>, at progress: RMSProgress) -> [[EditGroup]] {
        var calls: [[EditGroup]] = []
        let sorted = groups.sorted()
        if groups.contains(.amounts) { calls.append(groups.contains(.sender) && progress.acceptsChanges ? [.amounts, .sender] : [.amounts]) }
        for group in sorted where group != .amounts && !(calls.first?.contains(group) ?? false) { calls.append([group]) }
        return calls
    }

    /// Whether a call would carry nothing: the memo's and the remarks' functions send only the
    /// fields changed (RMS refuses a remarks request with neither field).
    static func nothingToSend(_ call: [EditGroup], _ edit: PendingEdit) -> Bool {
        guard call == [.memo] || call == [.remarks] else { return false }
        return !edit.sent.keys.contains { DetailField(key: $0)?.group == call[0] }
    }

    /// One call to RMS for `groups` of `order`, on RMS's copy `model`.
    private func send(_ groups: [EditGroup], order: Order, model: OrderModel) async throws -> WriteOutcome {
        let number = model.orderNumber
        switch groups.first! {
        case .amounts, .sender:
            let request = try UpdateOrderSenderRequest(pushing: order, onto: model, groups: Set(groups))
            if groups == [.sender], order.rmsProgress.code >= RMSProgress.shipped.code {
                return await Self.answer(accepted: nil) { try await client.updateOrderSenderAfterShipping(request) }
            }
            return await Self.answer(accepted: nil) { try await client.updateOrderSender(request) }
        case .orderer:
            let request = UpdateOrderOrdererRequest(orderNumber: number, ordererModel: OrdererModel(order.orderer, over: model.ordererModel))
            return await Self.answer(accepted: nil) { try await client.updateOrderOrderer(request) }
        case .delivery:
            let request = UpdateOrderDeliveryRequest(orderNumber: number, deliveryName: order.delivery?.method ?? "")
            return await Self.answer(accepted: nil) { try await client.updateOrderDelivery(request) }
        case .memo:
            // Only what the shop changed (an omitted field stays as RMS holds it): a date already
            // past, sent again with a new memo, would be refused.
            let changed = order.pendingEdit?.sent ?? [:]
            let request = UpdateOrderMemoRequest(
                orderNumber: number,
                deliveryDate: changed["deliveryDate"] == nil ? nil : order.delivery?.date.flatMap { RakutenDate(year: $0.year, month: $0.month, day: $0.day) },
                shippingTerm: changed["shippingTerm"] == nil ? nil : order.delivery?.timeSlot ?? 0,
                memo: changed["memo"] == nil ? nil : order.memo ?? "")
            return await Self.answer(accepted: nil) { try await client.updateOrderMemo(request) }
        case .remarks:
            let changed = order.pendingEdit?.sent ?? [:]
            let request = UpdateOrderRemarksRequest(
                orderNumber: number, giftCheck: changed["giftCheck"] == nil ? nil : (order.delivery?.isGift == true ? 1 : 0),
                remarks: changed["remarks"] == nil ? nil : order.remarks ?? "")
            return await Self.answer(accepted: nil) { try await client.updateOrderRemarks(request) }
        case .subStatus:
            let request = UpdateOrderSubStatusRequest(subStatusId: order.delivery?.subStatusID, orderNumberList: [number])
            return await Self.answer(accepted: nil) { try await client.updateOrderSubStatus(request) }
        }
    }
}
