/// 受注ステータスの変更: move orders to another of the shop's statuses. Local only; undoable.
public struct ChangeStatusAction: BulkAction {
    public let status: LocalStatus

    public init(to status: LocalStatus) { self.status = status }

    public var id: ActionID { .changeStatus }
    public var title: String { "受注ステータスを「\(status.name)」に変更する" }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        var after = order
        after.localStatus = status
        return .change(after)
    }
}
