import CustomerMail
import Foundation
import Logging
import MailTransport
import OrderEngine

/// The shop's mail as the sender uses it: its templates, its settings, and one connection per
/// route (Rakuten's relay, the shop's own server) kept open across a batch (reopened after one
/// that failed), closed when the batch ends.
public actor Mailer {
    /// Which server a mail goes through: Rakuten's relay for Rakuten's orders, the shop's own
    /// server for the orders it took itself (the relay delivers to Rakuten buyers' addresses only).
    public enum Route: Sendable, Hashable {
        case rakutenRelay, ownServer
    }

    public nonisolated let library: MailTemplateLibrary
    public nonisolated let settings: MailSettings
    private let now: @Sendable () -> Date
    private var sessions: [Route: SMTPSession] = [:]
    private let logger = Logger(label: "juchu.mail")
    /// Why a route's connection could not be opened in this batch: the rest of the batch is not
    /// tried on it again (a wrong password would be tried once per mail; a server down, waited for once per mail).
    private var openFailures: [Route: SMTPError] = [:]

    /// Refuses settings the relay would refuse (an unregistered From or Bcc) before anything is sent.
    public init(library: MailTemplateLibrary, settings: MailSettings, now: @escaping @Sendable () -> Date = Date.init) throws(MailSettingsError) {
        if let problem = settings.problem { throw MailSettingsError(problem) }
        self.library = library
        self.settings = settings
        self.now = now
    }

    /// The route `order`'s mail takes.
    public nonisolated func route(for order: Order) -> Route {
        if case .enteredByHand = order.origin { return .ownServer }
        return .rakutenRelay
    }

    /// Why `order` cannot be mailed by any route set up: an order the shop took itself, with no
    /// server of its own in the settings (never through Rakuten's relay). Nil when it can.
    public nonisolated func refusal(for order: Order) -> String? {
        route(for: order) == .ownServer && settings.ownServer == nil ? SkipReason.handOrderMail.text : nil
    }

    /// Where a route submits, and the sender and Bcc it takes.
    nonisolated func server(_ route: Route) -> (smtp: SMTPSettings, from: MailAddress, bcc: [String])? {
        switch route {
        case .rakutenRelay: (settings.smtp, settings.from, settings.bcc)
        case .ownServer: settings.ownServer.map { ($0.smtp, $0.from, $0.bcc) }
        }
    }

    /// The mail `template` makes for `order`, addressed to its buyer from the sender of its route;
    /// refused while the template or its signature still says the shipped placeholder.
    public func message(for order: Order, template name: String) throws(MailTemplateError) -> MailMessage {
        let template = try library.template(named: name)
        if let problem = library.unfinished(template) { throw MailTemplateError(file: template.file, line: nil, problem) }
        var shop = settings.shop
        if shop.signature.isEmpty { shop.signature = library.signature }
        let rendered = template.render(order, shop: shop)
        let (from, bcc) = server(route(for: order)).map { ($0.from, $0.bcc) } ?? (settings.from, settings.bcc)
        return MailMessage(
            from: from, to: MailAddress(name: "\(order.orderer.fullName) 様", address: order.orderer.emailAddress ?? ""),
            bcc: bcc, subject: rendered.subject, body: rendered.body, date: now(),
            messageID: MailMessage.newMessageID(from: from.address))
    }

    /// Hands `order`'s `message` to the server of the order's own route, over the batch's
    /// connection to it: the route is the order's, never the caller's to choose (a hand order's
    /// mail goes through the shop's server or nowhere).
    public func deliver(_ message: MailMessage, for order: Order) async throws(SMTPError) {
        try await deliver(message, via: route(for: order))
    }

    /// Hands `message` to `route`'s server over the batch's connection to it.
    func deliver(_ message: MailMessage, via route: Route) async throws(SMTPError) {
        guard let server = server(route) else { throw .noRoute(SkipReason.handOrderMail.text) }
        let session: SMTPSession
        if let open = sessions[route] {
            session = open
        } else if let openFailure = openFailures[route] {
            throw openFailure
        } else {
            do {
                session = try await SMTPSession.open(server.smtp)
            } catch {
                openFailures[route] = error
                throw error
            }
            sessions[route] = session
        }
        do {
            try await session.send(message, envelopeFrom: server.from.address)
        } catch {
            if error.endsSession {
                sessions[route] = nil
                await close(session)
            }
            // A server that stopped answering is not asked again in this batch: each mail left
            // would wait as long, and none would go. They are said not sent, to be sent later.
            if session.hasStalled { openFailures[route] = .stalled("前のメールの途中から応答がないため、このメールは送っていません") }
            throw error
        }
    }

    /// Ends the batch's connections.
    public func finish() async {
        for session in sessions.values { await close(session) }
        sessions = [:]
        openFailures = [:]
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
