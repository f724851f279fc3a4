/// RMSの変更を受け入れる: takes what RMS changed (差分あり) into the order — RMS's fees, and the
/// local status キャンセル when RMS cancelled it. The goods, points and coupons RMS holds come with
/// its copy of the order, which the store keeps from then on.
public struct AcceptRMSChangesAction: BulkAction {
    public init() {}

    public var id: ActionID { .acceptRMSChanges }
    public var title: String { "RMSの変更を受け入れる" }
    /// RMS's details, when it changed some, are set into the order's content.
    public var readsOrderContent: Bool { true }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard let difference = order.rmsDifference else { return .skip(.noRMSDifference) }
        var after = order
        after.fees = difference.rmsFees
        if difference.cancelledInRMS { after.localStatus = .cancelled }
        if let details = difference.rmsDetails {
            // RMS's values replace the shop's unsent ones, which are then no change to send.
            after.setDetailValues(details)
            if var pending = after.pendingEdit {
                pending.groups.subtract(details.keys.compactMap { DetailField(key: $0)?.group })
                after.pendingEdit = pending.settled(on: after)
            }
        }
        after.rmsDifference = nil
        return .change(after)
    }
}
