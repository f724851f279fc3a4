import Foundation
import CustomerMail
import OrderEngine
import OrderStore

extension Mailer {
    /// メール送信 of `template` to `numbers`, as the panel, `juchu mail send` and a rule all plan it:
    /// the shop's wait after an order (`[mail] hold_minutes`), and the mails of the template each
    /// order has had (sent again only when `resend` says).
    public nonisolated func action(_ template: MailTemplate, for numbers: [OrderNumber], in store: any ShopStore, resend: Bool, now: Date) throws -> MailAction {
        MailAction(
            template: template.name, templateTitle: template.title, resend: resend, now: now, holdMinutes: settings.holdMinutes,
            previous: try store.previousMails(numbers, template: template.name), mailsOrdersTakenHere: settings.ownServer != nil)
    }
}
