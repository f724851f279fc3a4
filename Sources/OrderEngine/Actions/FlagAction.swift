/// チェック項目: set (適用する) or clear (チェックをはずす) a flag such as メール便. Local; undoable.
public struct FlagAction: BulkAction {
    public let flag: String
    public let isSet: Bool

    public init(_ flag: String, set isSet: Bool) throws(ActionInputError) {
        let trimmed = flag.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 20 else { throw ActionInputError("チェック項目の名前は1〜20文字で入力してください") }
        self.flag = trimmed
        self.isSet = isSet
    }

    public var id: ActionID { isSet ? .setFlag : .clearFlag }
    public var title: String { isSet ? "チェック項目「\(flag)」を適用する" : "チェック項目「\(flag)」をはずす" }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        var after = order
        if isSet { after.flags.insert(flag) } else { after.flags.remove(flag) }
        return .change(after)
    }
}
