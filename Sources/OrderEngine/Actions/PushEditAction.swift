/// 入力内容を反映する: sends what of a Rakuten order was changed here (PendingEdit) to RMS, each
/// group with its own function: amounts and 送付先 with updateOrderSender (…AfterShipping once
/// shipped), 注文者, 配送方法, お届け日時・メモ, 備考・ギフト and サブステータス with theirs. A group
/// RMS no longer takes at the order's status is refused here with why. Once sent the edit is no
/// longer pending here, so that two desks never send it twice.
public struct PushEditAction: BulkAction {
    public init() {}

    public var id: ActionID { .pushEdit }
    public var write: OutboundWrite? { .pushEdit }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.origin.isRakutenAPI else { return .skip(.notFromAPI(order.origin)) }
        guard let pending = order.pendingEdit, !pending.groups.isEmpty else { return .skip(.noPendingEdit) }
        // The request is RMS's own copy with the edit laid over it: every field must be read.
        if let problem = order.readProblem { return .skip(.unreadable(problem)) }
        if pending.groups.contains(.amounts) {
            if order.isBundled { return .skip(.bundledFeesLocked) }
            guard order.rmsProgress.acceptsChanges else { return .skip(.editNotAllowed(order.rmsProgress)) }
        }
        // Amounts and 送付先 go in updateOrderSender, which carries every package's fees: unset
        // stays here, RMS's -9999 is never sent.
        if !pending.groups.isDisjoint(with: [.amounts, .sender]),
            let unset = [WriteFeeAction.Kind.shipping, .cashOnDelivery].first(where: { order.fees[$0].isUnset })
        {
            return .skip(.unsetFeeNotSent(unset.label))
        }
        if let refusal = pending.groups.sorted().lazy.compactMap({ $0.refusal(at: order.rmsProgress) }).first {
            return .skip(.editGroupRefused(refusal))
        }
        var after = order
        after.pendingEdit = nil
        return .change(after, sendsToRMS: true)
    }
}
