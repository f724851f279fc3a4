/// RMSステータスを取得: read the order again from RMS. Changes nothing locally by itself. An
/// order taken from RMS's order CSV is RMS's too: the read fills it.
public struct RefreshRMSStatusAction: BulkAction {
    public init() {}

    public var id: ActionID { .refreshRMSStatus }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        order.origin.isRakutenAPI || order.origin == .csvImport ? .include : .skip(.notRakutenOrder)
    }
}
