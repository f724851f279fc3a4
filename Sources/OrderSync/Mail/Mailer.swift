import CustomerMail
import Foundation
import Logging
import MailTransport
import OrderEngine

/// The shop's mail as the sender uses it: its templates, its settings, and one connection to the
/// relay kept open across a batch (reopened after one that failed), closed when the batch ends.
public actor Mailer {
    public nonisolated let library: MailTemplateLibrary
    public nonisolated let settings: MailSettings
    private let now: @Sendable () -> Date
    private var session: SMTPSession?
    private let logger = Logger(label: "juchu.mail")
    /// Why the batch's connection could not be opened: the rest of the batch is not tried again
    /// (a wrong password would be tried once per mail; a relay down, waited for once per mail).
    private var openFailure: SMTPError?

    /// Refuses settings the relay would refuse (an unregistered From or Bcc) before anything is sent.
    public init(library: MailTemplateLibrary, settings: MailSettings, now: @escaping @Sendable () -> Date = Date.init) throws(MailSettingsError) {
        if let problem = settings.problem { throw MailSettingsError(problem) }
        self.library = library
        self.settings = settings
        self.now = now
    }

    /// The mail `template` makes for `order`, addressed to its buyer; refused while the template
    /// or its signature still says the shipped placeholder.
    public func message(for order: Order, template name: String) throws(MailTemplateError) -> MailMessage {
        let template = try library.template(named: name)
        if let problem = library.unfinished(template) { throw MailTemplateError(file: template.file, line: nil, problem) }
        var shop = settings.shop
        if shop.signature.isEmpty { shop.signature = library.signature }
        let rendered = template.render(order, shop: shop)
        return MailMessage(
            from: settings.from, to: MailAddress(name: "\(order.orderer.fullName) 様", address: order.orderer.emailAddress ?? ""),
            bcc: settings.bcc, subject: rendered.subject, body: rendered.body, date: now(),
            messageID: MailMessage.newMessageID(from: settings.from.address))
    }

    /// Hands `message` to the relay over the batch's connection.
    public func deliver(_ message: MailMessage) async throws(SMTPError) {
        let session: SMTPSession
        if let open = self.session {
            session = open
        } else if let openFailure {
            throw openFailure
        } else {
            do {
                session = try await SMTPSession.open(settings.smtp)
            } catch {
                openFailure = error
                throw error
            }
            self.session = session
        }
        do {
            try await session.send(message, envelopeFrom: settings.from.address)
        } catch {
            if error.endsSession {
                self.session = nil
                await close(session)
            }
            // A relay that stopped answering is not asked again in this batch: each mail left
            // would wait as long, and none would go. They are said not sent, to be sent later.
            if session.hasStalled { openFailure = .stalled("前のメールの途中から応答がないため、このメールは送っていません") }
            throw error
        }
    }

    /// Ends the batch's connection.
    public func finish() async {
        if let session { await close(session) }
        session = nil
        openFailure = nil
    }
}

extension Mailer {
    /// Closes a connection; a goodbye the relay did not answer is logged (the batch's mails all
    /// have their outcomes already).
    private func close(_ session: SMTPSession) async {
        if let failure = await session.close() { logger.notice("mail: closing the relay's connection: \(failure)") }
    }
}

public struct MailSettingsError: Error, Sendable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}
