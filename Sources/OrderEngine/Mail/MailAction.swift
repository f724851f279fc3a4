import Foundation

/// メール送信: one template's mail to each chosen order's buyer, through the outbox — recorded
/// before it is sent, sent once. Skipped with the reason: a cancelled order, no address or one that
/// is not an address (``EmailAddress``), a ソーシャルギフト still 入力待ち, an order
/// younger than the hold time (the buyer may still cancel), a shipping fee not yet set, and a mail
/// of the template already sent or of unknown fate unless the operator chose to send it again.
public struct MailAction: BulkAction {
    /// A mail of the template an order already has, as its history says.
    public struct Previous: Sendable, Equatable {
        public let at: Date
        public let operatorName: String
        /// Handed to the relay without an answer: it may have gone.
        public let unclear: Bool

        public init(at: Date, operatorName: String, unclear: Bool) {
            self.at = at
            self.operatorName = operatorName
            self.unclear = unclear
        }
    }

    /// The template's file name (what the outbox records) and its 名前 (what the desk shows).
    public let template: String
    public let templateTitle: String
    public let resend: Bool
    public let now: Date
    public let holdMinutes: Int
    /// Each order's mails of this template that were sent or may have been.
    public let previous: [OrderNumber: Previous]
    /// Whether the shop's own mail server is set up, by which the orders it took itself are mailed.
    public let mailsOrdersTakenHere: Bool

    public init(template: String, templateTitle: String, resend: Bool = false, now: Date, holdMinutes: Int = 30,
                previous: [OrderNumber: Previous] = [:], mailsOrdersTakenHere: Bool = false) {
        self.mailsOrdersTakenHere = mailsOrdersTakenHere
        self.template = template
        self.templateTitle = templateTitle
        self.resend = resend
        self.now = now
        self.holdMinutes = holdMinutes
        self.previous = previous
    }

    public var id: ActionID { .sendMail }
    public var title: String { resend ? "メール再送信（\(templateTitle)）" : "メール送信（\(templateTitle)）" }
    public var write: OutboundWrite? { .mail(template: template, resend: resend) }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if order.rmsProgress.isCancelling || order.localStatus == .cancelled { return .skip(.mailToCancelled) }
        // Rakuten's relay carries mail to the addresses of Rakuten's orders only: an order taken by
        // phone goes through the shop's own server, or not at all.
        if case .enteredByHand = order.origin, !mailsOrdersTakenHere { return .skip(.handOrderMail) }
        guard let address = order.orderer.emailAddress, !address.isEmpty else { return .skip(.noEmailAddress) }
        if let problem = EmailAddress.problem(address) { return .skip(.invalidEmailAddress(problem)) }
        if let due = order.giftRecipientDue { return .skip(.giftRecipientPending(due: due)) }
        if now.timeIntervalSince(order.orderedAt) < TimeInterval(holdMinutes * 60) { return .skip(.tooYoungForMail(minutes: holdMinutes)) }
        if order.fees.shipping.isUnset { return .skip(.shippingFeeUnset) }
        if !resend, let sent = previous[order.number] {
            let at = JapanTime(sent.at)
            return .skip(.mailSentBefore(at: "\(at.dateText) \(at.shortText.suffix(5))", by: sent.operatorName, unclear: sent.unclear))
        }
        return .change(order, sendsToRMS: true)
    }
}
