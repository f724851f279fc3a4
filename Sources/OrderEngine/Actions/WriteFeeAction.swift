/// 手数料一括入力: write a fee. Local until pushed to RMS; undoable while local. A Rakuten order
/// is then 未反映, as after 注文内容修正, so that 入力内容を反映する（RMS） sends it.
public struct WriteFeeAction: BulkAction {
    public enum Kind: String, Sendable, CaseIterable {
        case shipping, cashOnDelivery, paymentCharge

        public var label: String {
            switch self {
            case .shipping: "送料"
            case .cashOnDelivery: "代引手数料"
            case .paymentCharge: "決済手数料"
            }
        }
    }

    public let kind: Kind
    public let amount: Int

    /// Fees are whole yen from 0 to 999,999; `text` may have commas or 円 (1,200円).
    public static let range = 0...999_999

    public init(_ kind: Kind, text: String) throws(ActionInputError) {
        let cleaned = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: ",", with: "")
            .replacingOccurrences(of: "円", with: "").replacingOccurrences(of: "¥", with: "")
        guard let amount = Int(cleaned) else {
            throw ActionInputError("「\(text)」は金額ではありません（円単位の整数で入力してください）")
        }
        try self.init(kind, amount: amount)
    }

    public init(_ kind: Kind, amount: Int) throws(ActionInputError) {
        guard Self.range.contains(amount) else {
            throw ActionInputError("\(kind.label)は0〜999,999円で入力してください（\(Money.groupedYen(amount))）")
        }
        self.kind = kind
        self.amount = amount
    }

    public var id: ActionID { .writeFee }
    public var title: String { "\(kind.label)に\(Money.groupedYen(amount))を書き込む" }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        // Rakuten Pay has no bundling: a bundle's fees are fixed until it is undone (GoQ manual).
        if order.isBundled { return .skip(.bundledFeesLocked) }
        if order.origin.isRakutenAPI, order.rmsProgress >= .shipped { return .skip(.feesLockedAfterShipping) }
        guard order.fees[kind] != .yen(amount) else { return .skip(.noChange) }
        var after = order
        after.fees[kind] = .yen(amount)
        if order.origin.isRakutenAPI {
            var pending = order.pendingEdit ?? PendingEdit(groups: [])
            pending.groups.insert(.amounts)
            after.pendingEdit = pending.recording(order, after)
        }
        return .change(after)
    }
}
