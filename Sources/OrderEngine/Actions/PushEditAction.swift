/// 入力内容を反映する: sends a Rakuten order's saved edit (fees, quantities, unit prices, and the
/// reduction reason) to RMS. Allowed while RMS shows 100, 200 or 300; once sent it is no longer
/// pending here, so that two desks never send it twice.
public struct PushEditAction: BulkAction {
    public init() {}

    public var id: ActionID { .pushEdit }
    public var write: OutboundWrite? { .pushEdit }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard order.origin.isRakutenAPI else { return .skip(.notRakutenOrder) }
        guard order.pendingEdit != nil else { return .skip(.noPendingEdit) }
        // The request is RMS's own copy with the edit laid over it: every field must be read.
        if let problem = order.readProblem { return .skip(.unreadable(problem)) }
        if order.isBundled { return .skip(.bundledFeesLocked) }
        guard order.rmsProgress.acceptsChanges else { return .skip(.editNotAllowed(order.rmsProgress)) }
        // Unset stays here: RMS's -9999 is never sent.
        if let unset = [WriteFeeAction.Kind.shipping, .cashOnDelivery].first(where: { order.fees[$0].isUnset }) {
            return .skip(.unsetFeeNotSent(unset.label))
        }
        var after = order
        after.pendingEdit = nil
        return .change(after, sendsToRMS: true)
    }
}
