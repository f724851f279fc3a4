/// 注文確認通知を送る: tell Rakuten the shop accepts the order. Once only, never undone.
public struct ConfirmAction: BulkAction {
    public init() {}

    public var id: ActionID { .confirm }
    public var write: OutboundWrite? { .confirm }
    /// The content holds the fees as RMS has them, which decide whether RMS will take the confirmation.
    public var readsOrderContent: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.origin.isRakutenAPI else { return .skip(.notFromAPI(order.origin)) }
        if let problem = order.readProblem, problem.blocksConfirmation { return .skip(.unreadable(problem)) }
        // Rakuten Pay has no bundling: a bundled order has no confirm action (GoQ manual).
        if order.isBundled { return .skip(.bundled) }
        switch order.sync {
        case .confirmSending: return .skip(.confirmInFlight)
        case .rakutenProcessing, .rakutenDone: return .skip(.alreadyConfirmed)
        case .failed(let errorClass, _) where errorClass == .notConfirmable:
            return .skip(.needsRMSStatusCheck(errorClass))
        case .localOnly, .notSent, .failed: break
        }
        if order.confirmedAt != nil { return .skip(.alreadyConfirmed) }
        guard order.rmsProgress == .awaitingConfirmation else {
            return .skip(.rmsProgressNot(expected: .awaitingConfirmation, actual: order.rmsProgress))
        }
        // RMS refuses a confirmation while it holds the shipping fee unset (ERROR_105), whatever
        // was typed here and not yet sent.
        if order.fees.shipping.isUnset { return .skip(.shippingFeeUnset) }
        if order.rmsAmounts?.postage.isUnset == true { return .skip(.shippingFeeNotInRMS) }
        var after = order
        after.sync = .confirmSending
        return .change(after, sendsToRMS: true)
    }

    /// A change saved here and not yet sent: RMS confirms the order as it holds it.
    public func caution(_ order: Order) -> String? {
        guard let pending = order.pendingEdit else { return nil }
        return "未反映の変更（\(pending.groups.sorted().map(\.label).joined(separator: "・"))）があります。RMSは反映前の内容で注文確認します"
    }
}
