extension Order {
    /// A ソーシャルギフト whose recipient has not yet said where it goes: until then RMS holds
    /// placeholders for the address (「入力待ち」, 〒999-9999, rpay-api.md §4.5), so no label,
    /// 納品書, receipt or mail is made for the order — each refused with ``SkipReason/giftRecipientPending(due:)``.
    /// The due date RMS gives, or nil when the order is not waiting.
    public var giftRecipientDue: String? {
        packages.lazy.compactMap { $0.handling?.recipientInputDue }.first
    }
}
