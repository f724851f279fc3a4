/// 帳票作成 and 領収書: which of the chosen orders a document is made for. Nothing of the order
/// changes; what was printed is recorded by the store. Skipped with the reason: a cancelled order;
/// for a 納品書 or a 領収書, a ソーシャルギフト whose recipient has not entered the address;
/// for a document with amounts, an amount RMS has not set (never printed as -9999) or not yet
/// sent to RMS; for a 領収書, a payment whose receipt is not the shop's to give (代金引換: the
/// carrier's; 後払い: the 後払い company's).
public struct SlipAction: BulkAction {
    public let kind: SlipKind

    public init(kind: SlipKind) {
        self.kind = kind
    }

    public var id: ActionID { kind == .receipt ? .printReceipt : .printSlips }
    public var title: String { kind == .receipt ? "領収書を作成" : "帳票作成（\(kind.label)）" }

    /// A 納品書 or a picking entry of a bundle (同梱) is one for all its members.
    public var decidesOnSelection: Bool { kind == .deliveryNote || kind == .picking }

    /// The order's own reasons; for a 納品書 or picking, a bundle is made whole or not at all (like
    /// its label: ``LabelParcel/make(_:takesConvenienceStores:)``): a member skipped skips every
    /// member, named with its reason, and a 納品書 needs the members on one address.
    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if let reason = ownSkip(order) { return .skip(reason) }
        guard decidesOnSelection, let bundle = order.bundleID else { return .include }
        let group = selection.orders.filter { $0.bundleID == bundle }.sorted { $0.number < $1.number }
        guard group.count > 1 else { return .include }
        for member in group where member.number != order.number {
            if let reason = ownSkip(member) { return .skip(.bundleMemberSkipped(member.number, reason.text)) }
        }
        if kind == .deliveryNote, let problem = LabelParcel.notOneParcel(group) { return .skip(.notOneParcel(problem)) }
        return .include
    }

    private func ownSkip(_ order: Order) -> SkipReason? {
        if order.localStatus == .cancelled || order.rmsProgress.isCancelling { return .slipForCancelled(kind.label) }
        // RMS's placeholders (「入力待ち」, 〒999-9999) are no one's address to print.
        if kind == .deliveryNote || kind == .receipt, let due = order.giftRecipientDue { return .giftRecipientPending(due: due) }
        if kind == .receipt {
            if order.payment.isCashOnDelivery || order.payment.isDeferred {
                return .receiptNotForPayment(order.payment.methodName)
            }
        }
        if kind.showsAmounts {
            do throws(SlipRefusal) {
                _ = try TaxBreakdown.of(order)
            } catch {
                return error.reason
            }
        }
        return nil
    }
}
