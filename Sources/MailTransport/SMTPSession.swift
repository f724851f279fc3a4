import CustomerMail
import Foundation
import NIOCore
import NIOConcurrencyHelpers
import NIOPosix
import NIOSSL
import OrderEngine

/// One SMTP submission connection: greeted, STARTTLS'd and authenticated once, then any number
/// of mails over it, each MAIL FROM, RCPT TO per recipient, DATA. Every reply is checked; a
/// refused mail is reset (RSET) so the next can go; a connection lost after a message's last line
/// and before its answer makes that mail 結果不明, never sent again here.
public final class SMTPSession: Sendable {
    private let channel: any Channel
    private let replies: NIOLoopBound<SMTPReplyHandler>
    private let settings: SMTPSettings
    /// Set when the relay let a reply wait past the timeout: it has stalled, and the rest of a
    /// batch is not tried on it (nor on a new connection) — each mail would wait as long again.
    private let stall = NIOLockedValueBox(false)

    private init(channel: any Channel, replies: NIOLoopBound<SMTPReplyHandler>, settings: SMTPSettings) {
        self.channel = channel
        self.replies = replies
        self.settings = settings
    }

    /// Whether the relay stopped answering on this connection.
    public var hasStalled: Bool { stall.withLockedValue { $0 } }

    /// Connects, upgrades to TLS when the settings say (refusing a server that will not), and logs in.
    public static func open(_ settings: SMTPSettings, group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton) async throws(SMTPError) -> SMTPSession {
        let channel: any Channel
        do {
            channel = try await ClientBootstrap(group: group)
                .connectTimeout(.seconds(min(settings.timeoutSeconds, 30)))
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandlers(ByteToMessageHandler(SMTPReplyDecoder()), SMTPReplyHandler())
                    }
                }
                .connect(host: settings.host, port: settings.port).get()
        } catch {
            throw .unreachable("\(settings.host):\(settings.port): \(error)")
        }
        let replies: NIOLoopBound<SMTPReplyHandler>
        do {
            replies = try await channel.eventLoop.submit {
                NIOLoopBound(try channel.pipeline.syncOperations.handler(type: SMTPReplyHandler.self), eventLoop: channel.eventLoop)
            }.get()
        } catch {
            channel.close(promise: nil)
            throw .protocolViolation("\(error)")
        }
        let session = SMTPSession(channel: channel, replies: replies, settings: settings)
        do {
            try await session.start()
        } catch {
            channel.close(promise: nil)
            throw error
        }
        return session
    }

    private func start() async throws(SMTPError) {
        let greeting = try await expect(nil, as: SMTPError.unreachable)
        guard greeting.code == 220 else { throw .unreachable("接続を断られました: \(greeting)") }
        var features = try await expect("EHLO juchu", as: SMTPError.unreachable)
        guard features.code == 250 else { throw .protocolViolation("EHLO: \(features)") }
        if settings.startTLS {
            guard features.lines.contains(where: { $0.uppercased() == "STARTTLS" }) else { throw .noStartTLS }
            let ready = try await expect("STARTTLS", as: SMTPError.tlsFailed)
            guard ready.code == 220 else { throw .tlsFailed("STARTTLS: \(ready)") }
            try await startTLS()
            let host = settings.host
            // The handshake's failure comes with the first answer after it.
            features = try await expect("EHLO juchu", as: SMTPError.tlsFailed, tls: { SMTPError.tls($0, host: host) })
            guard features.code == 250 else { throw .protocolViolation("EHLO: \(features)") }
        }
        guard !settings.username.isEmpty else { return }
        let mechanisms = features.lines.first { $0.uppercased().hasPrefix("AUTH") }?.uppercased().split(separator: " ").dropFirst() ?? []
        if mechanisms.contains("PLAIN") {
            let token = Data(([0] + Array(settings.username.utf8) + [0] + Array(settings.password.utf8))).base64EncodedString()
            let reply = try await expect("AUTH PLAIN \(token)", as: SMTPError.connectionLost)
            guard reply.code == 235 else { throw .authenticationFailed(reply) }
        } else if mechanisms.contains("LOGIN") {
            var reply = try await expect("AUTH LOGIN", as: SMTPError.connectionLost)
            if reply.code == 334 { reply = try await expect(Data(settings.username.utf8).base64EncodedString(), as: SMTPError.connectionLost) }
            if reply.code == 334 { reply = try await expect(Data(settings.password.utf8).base64EncodedString(), as: SMTPError.connectionLost) }
            guard reply.code == 235 else { throw .authenticationFailed(reply) }
        } else {
            throw .authenticationFailed(SMTPReply(code: 0, lines: ["サーバがSMTP AUTH（PLAIN・LOGIN）を提供していません"]))
        }
    }

    private func startTLS() async throws(SMTPError) {
        do {
            var configuration = TLSConfiguration.makeClientConfiguration()
            if let caFile = settings.caFile { configuration.trustRoots = .file(caFile) }
            let context = try NIOSSLContext(configuration: configuration)
            // An IP address is not a name to send in SNI (RFC 6066 §3): the certificate is checked
            // against the address instead.
            let host = Self.isIPAddress(settings.host) ? nil : settings.host
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
            }.get()
        } catch {
            throw SMTPError.tls(error, host: settings.host)
        }
    }

    /// `127.0.0.1`, `::1`: an address, not a host name.
    static func isIPAddress(_ host: String) -> Bool {
        var v4 = in_addr(), v6 = in6_addr()
        return inet_pton(AF_INET, host, &v4) == 1 || inet_pton(AF_INET6, host, &v6) == 1
    }

    /// Sends one mail: the envelope (`envelopeFrom`, the message's recipients), then the message.
    /// Returns the relay's acceptance; throws what kept it from going, or that its fate is unknown.
    @discardableResult
    public func send(_ message: MailMessage, envelopeFrom: String) async throws(SMTPError) -> SMTPReply {
        // Every address is checked before anything is written: a line break in one would be a
        // command of its own on the shop's authenticated connection.
        for address in [envelopeFrom] + message.recipients {
            if let problem = EmailAddress.problem(address) { throw .invalidAddress(address, problem: problem) }
        }
        let sender = try await expect("MAIL FROM:<\(envelopeFrom)>", as: SMTPError.connectionLost)
        guard sender.code == 250 else {
            try await reset()
            throw .senderRejected(sender)
        }
        for recipient in message.recipients {
            let reply = try await expect("RCPT TO:<\(recipient)>", as: SMTPError.connectionLost)
            guard reply.code == 250 || reply.code == 251 else {
                try await reset()
                throw message.bcc.contains(recipient) ? .bccRejected(recipient, reply) : .recipientRejected(recipient, reply)
            }
        }
        let go = try await expect("DATA", as: SMTPError.connectionLost)
        guard go.code == 354 else {
            try await reset()
            throw .messageRejected(go)
        }
        let accepted = try await expect(bytes: Self.dotStuffed(message.data) + Array(".\r\n".utf8), as: SMTPError.unclear)
        guard accepted.code == 250 else { throw .messageRejected(accepted) }
        return accepted
    }

    /// Says goodbye and closes. Every mail of the batch has its answer by now, so a goodbye that
    /// fails changes nothing sent; it is returned for the caller to log, not dropped.
    @discardableResult
    public func close() async -> SMTPError? {
        var failure: SMTPError?
        do {
            _ = try await expect("QUIT", as: SMTPError.connectionLost)
        } catch {
            failure = error
        }
        do {
            try await channel.close()
        } catch ChannelError.alreadyClosed {
            // The relay closed it after QUIT, as it may.
        } catch {
            failure = failure ?? .connectionLost("\(error)")
        }
        return failure
    }

    /// Forgets a refused mail's envelope so that the next can go on this connection.
    private func reset() async throws(SMTPError) {
        let reply = try await expect("RSET", as: SMTPError.connectionLost)
        guard reply.code == 250 else { throw .protocolViolation("RSET: \(reply)") }
    }

    private func expect(
        _ line: String?, as failure: @escaping (String) -> SMTPError, tls: ((any Error) -> SMTPError)? = nil
    ) async throws(SMTPError) -> SMTPReply {
        try await expect(bytes: line.map { Array(($0 + "\r\n").utf8) }, as: failure, tls: tls)
    }

    /// Writes `bytes` (nothing for the greeting) and waits for the reply to them; a connection that
    /// ends or fails gives `failure` (a TLS library's error `tls`, when given); a relay silent for
    /// the timeout, whether it does not read what was written or does not answer, stalls the
    /// session (``hasStalled``) and gives ``SMTPError/stalled(_:)`` — or `failure` when that is
    /// ``SMTPError/unclear(_:)``, after a message's last line.
    private func expect(
        bytes: [UInt8]?, as failure: @escaping (String) -> SMTPError, tls: ((any Error) -> SMTPError)? = nil
    ) async throws(SMTPError) -> SMTPReply {
        let channel = self.channel
        let replies = self.replies
        let stall = self.stall
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.eventLoop.execute {
            replies.value.next(promise)
            if let bytes { channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil) }
        }
        let seconds = settings.timeoutSeconds
        let timeout = channel.eventLoop.scheduleTask(in: .seconds(seconds)) {
            stall.withLockedValue { $0 = true }
            channel.close(promise: nil)
        }
        defer { timeout.cancel() }
        do {
            return try await promise.futureResult.get()
        } catch {
            if let smtp = error as? SMTPError, case .protocolViolation = smtp { throw smtp }
            if stall.withLockedValue({ $0 }) {
                let detail = "\(seconds)秒応答がありません"
                if case .unclear = failure("") { throw failure(detail) }
                throw .stalled(detail)
            }
            if let tls, !(error is SMTPError) { throw tls(error) }
            // A lost connection's own words, not its advice (「再送できます」 inside a 結果不明 would mislead).
            if let smtp = error as? SMTPError { throw failure(smtp.detail) }
            throw failure(SMTPError.plain("\(error)"))
        }
    }

    /// RFC 5321 §4.5.2: a line that starts with a period gets another.
    static func dotStuffed(_ data: [UInt8]) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(data.count + 16)
        var atLineStart = true
        for byte in data {
            if atLineStart, byte == UInt8(ascii: ".") { result.append(byte) }
            result.append(byte)
            atLineStart = byte == UInt8(ascii: "\n")
        }
        return result
    }
}
