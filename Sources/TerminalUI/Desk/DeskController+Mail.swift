import CustomerMail
import Foundation
import OrderEngine
import OrderStore
import OrderSync

/// メール送信 at the desk: the preview renders every mail the plan will send (recipient, subject,
/// first lines; the cursor order's whole), then the mails go through the outbox like every write
/// that leaves the machine. 自分宛にテスト送信 sends the cursor order's mail to the shop's own address.
extension DeskController {
    func planMail(_ item: PanelItem, template title: String, resend: Bool, _ numbers: [OrderNumber], scope: String, hidden: HiddenChecks) throws {
        guard let mailer = service.mailer else {
            throw ActionInputError("メールの設定がありません（config.toml の [mail]: メールサーバ・ID・パスワード・差出人）")
        }
        let template = try mailTemplate(mailer, title)
        if let problem = mailer.library.unfinished(template) { throw ActionInputError(problem) }
        let action = try mailer.action(template, for: numbers, in: store, resend: resend, now: now())
        let orders = try store.orders(numbers)
        let plan = action.plan(orders)
        var shop = mailer.settings.shop
        if shop.signature.isEmpty { shop.signature = mailer.library.signature }
        let planned = Dictionary(orders.map { ($0.number, $0) }, uniquingKeysWith: { first, _ in first })
        var lines: [OrderNumber: String] = [:]
        for change in plan.changes {
            guard let order = planned[change.number] else { continue }
            let mail = template.render(order, shop: shop)
            let start = mail.body.split(whereSeparator: { $0.isNewline }).prefix(3).joined(separator: " / ")
            lines[order.number] = "→ \(order.orderer.emailAddress ?? "")「\(mail.subject)」 \(start)"
        }
        let cursor = state.grid.cursorRow.map(\.number)
        let shown = plan.changes.first { $0.number == cursor }?.before ?? plan.changes.first?.before
        var whole: [String] = []
        if let shown {
            let mail = template.render(shown, shop: shop)
            whole = ["宛先: \(shown.orderer.fullName) 様 <\(shown.orderer.emailAddress ?? "")>", "差出人: \(mailer.settings.from.address)",
                     "件名: \(mail.subject)", ""] + mail.body.components(separatedBy: "\n")
        }
        var dialog = ActionDialog(item: item, plan: plan, scope: scope, hidden: hidden)
        dialog.mail = MailPreview(action: action, lines: lines, whole: whole)
        perform(state.apply(.planned(dialog)))
    }

    /// The cursor order's mail of `title` to the shop's own address (From): not the buyer's, not
    /// recorded as the order's mail. The result is said in the status line.
    func sendTestMail(template title: String) throws {
        guard let mailer = service.mailer else {
            throw ActionInputError("メールの設定がありません（config.toml の [mail]）")
        }
        guard let number = state.grid.cursorRow?.number, let order = try store.order(number) else {
            throw ActionInputError("カーソル行の注文がありません")
        }
        let template = try mailTemplate(mailer, title)
        // By the order's own route: a phone order's test goes through the shop's server, from its address there.
        if let refusal = mailer.refusal(for: order) { throw ActionInputError(refusal) }
        let queue = events
        state.message = DeskMessage("自分宛にテスト送信しています…")
        tasks.append(Task.detached {
            do {
                var message = try await mailer.message(for: order, template: template.name)
                message.to = message.from
                message.bcc = []
                message.subject = "【テスト送信】" + message.subject
                try await mailer.deliver(message, for: order)
                await mailer.finish()
                queue.post(.message(DeskMessage("自分宛（\(message.from.address)）にテスト送信しました（\(template.title)・\(number)）。メールサーバが受け付けました")))
            } catch {
                await mailer.finish()
                queue.post(.message(DeskMessage("テスト送信できません: \(error)", isError: true)))
            }
        })
    }

    private func mailTemplate(_ mailer: Mailer, _ title: String) throws -> MailTemplate {
        do {
            return try mailer.library.template(named: title)
        } catch {
            throw ActionInputError(error.description)
        }
    }
}
