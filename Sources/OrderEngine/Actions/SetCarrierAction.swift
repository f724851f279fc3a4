/// 配送業者: set the delivery company (one of Rakuten's deliveryCompany codes). Local; undoable.
public struct SetCarrierAction: BulkAction {
    public let carrier: Carrier

    /// Refuses a company Rakuten does not list: its shipping report would be rejected.
    public init(_ carrier: Carrier) throws(ActionInputError) {
        guard carrier.isKnownToRakuten else { throw ActionInputError("配送業者コード「\(carrier.code)」は楽天の一覧にありません") }
        self.carrier = carrier
    }

    public var id: ActionID { .setCarrier }
    public var title: String { "配送業者を「\(carrier.name)」にする" }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        var after = order
        after.carrier = carrier
        return .change(after)
    }
}

extension Carrier {
    /// The company RMS lists under `name` (ヤマト運輸, 佐川急便...) or code (1001), or nil.
    public static func named(_ name: String) -> Carrier? {
        names.first { $0.value == name || $0.key == name }.map { Carrier(code: $0.key) }
    }
}
