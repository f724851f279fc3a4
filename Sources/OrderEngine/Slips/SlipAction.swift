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

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if order.localStatus == .cancelled || order.rmsProgress.isCancelling { return .skip(.slipForCancelled(kind.label)) }
        // RMS's placeholders (「入力待ち」, 〒999-9999) are no one's address to print.
        if kind == .deliveryNote || kind == .receipt, let due = order.giftRecipientDue { return .skip(.giftRecipientPending(due: due)) }
        if kind == .receipt {
            if order.payment.isCashOnDelivery || order.payment.isDeferred {
                return .skip(.receiptNotForPayment(order.payment.methodName))
            }
        }
        if kind.showsAmounts {
            do throws(SlipRefusal) {
                _ = try TaxBreakdown.of(order)
            } catch {
                return .skip(error.reason)
            }
        }
        return .include
    }
}
