/// 受注データの複製: copy an order entered by hand (shop front, phone, FAX). Mall orders are
/// never copied: a copy would look like a Rakuten order RMS does not know.
public struct DuplicateAction: BulkAction {
    public init() {}

    public var id: ActionID { .duplicate }
    public var title: String { "受注データを複製する" }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        guard case .enteredByHand = order.origin else { return .skip(.notEnteredByHand) }
        var copy = order
        copy.number = OrderNumber("")
        copy.localStatus = .newOrder
        copy.sync = .localOnly
        copy.bundleID = nil
        copy.dates = [:]
        copy.flags = []
        for index in copy.packages.indices { copy.packages[index].shipments = [] }
        return .create(copy)
    }
}
