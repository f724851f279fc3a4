import OrderEngine

/// The preview of a bulk action: who will change and how, who is skipped and why, and the
/// buttons. The default button is Cancel.
public struct ActionDialog: Sendable {
    public enum Button: Sendable, Hashable {
        case cancel, proceed
    }

    public let plan: Plan
    /// "選択 4件" or "カーソル行 1件": what the action was asked to apply to.
    public let scope: String
    /// Checked orders that the current tab does not show.
    public let hiddenByFilter: Int
    public var focused: Button = .cancel
    /// First line of the list shown (the list scrolls).
    public var scroll = 0

    public init(plan: Plan, scope: String, hiddenByFilter: Int) {
        self.plan = plan
        self.scope = scope
        self.hiddenByFilter = hiddenByFilter
    }

    /// Whether there is anything to do: with nothing to send, only Close is offered.
    public var canProceed: Bool { !plan.changes.isEmpty }
}
