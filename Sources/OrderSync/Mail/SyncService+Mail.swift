import CustomerMail
import Foundation
import MailTransport
import OrderEngine
import OrderStore

/// メール送信 through the outbox: each mail rendered and kept exactly as it goes, then handed to
/// the relay over the batch's connection; the relay's answer is the mail's outcome.
extension SyncService {
    /// The mail of `template` for `number`: rendered, recorded with its intent, sent.
    func mail(_ template: String, _ number: OrderNumber, intent: Int64) async -> WriteOutcome {
        guard let mailer else { return .failed(.rejected, detail: "メールの設定（config.toml の [mail]）がありません。送信していません") }
        let message: MailMessage
        let order: Order
        do {
            guard let found = try store.order(number) else { return .failed(.rejected, detail: "注文 \(number) がありません") }
            order = found
            // Whatever recorded the intent (an older version, a backup carried in): Rakuten's
            // relay is never given a hand order's own address; without the shop's own server it is not sent.
            if let refusal = mailer.refusal(for: order) { return .failed(.rejected, detail: refusal) }
            message = try await mailer.message(for: order, template: template)
            // Not kept: another process recorded it first (as never sent); that record stays.
            guard try store.recordMailMessage(intent: intent, recipient: message.to.address, subject: message.subject, message: message.data) else {
                return .failed(.temporary, detail: "送信していません")
            }
        } catch let lapsed as ClaimsLapsed {
            return .failed(.temporary, detail: lapsed.description)
        } catch {
            return .failed(.rejected, detail: "\(error)。送信していません")
        }
        do {
            try await mailer.deliver(message, for: order)
            return .accepted(nil)
        } catch {
            logger.warning("mail \(number) \(template): \(error)")
            if error.mayHaveBeenSent { return .unknown(detail: error.description) }
            return .failed(error.isTemporary ? .temporary : .rejected, detail: error.description)
        }
    }

    /// After a batch: the connection closed, and the orders whose mail was accepted moved to the
    /// template's 送信後ステータス, journalled as a change of their own.
    func finishMail(_ template: String, _ report: WriteReport) async throws {
        guard let mailer else { return }
        await mailer.finish()
        let status: LocalStatus
        do {
            guard let after = try mailer.library.template(named: template).statusAfter else { return }
            status = after
        } catch {
            logger.error("mail \(template): no 送信後ステータス moved: \(error)")
            return
        }
        let accepted = report.lines.filter(\.ok).map(\.number)
        if !accepted.isEmpty { _ = try store.apply(ChangeStatusAction(to: status), to: accepted) }
    }
}
