import CustomerMail
import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// One SMTP submission connection: greeted, STARTTLS'd and authenticated once, then any number
/// of mails over it, each MAIL FROM, RCPT TO per recipient, DATA. Every reply is checked; a
/// refused mail is reset (RSET) so the next can go; a connection lost after a message's last line
/// and before its answer makes that mail 結果不明, never sent again here.
public final class SMTPSession: Sendable {
    private let channel: any Channel
    private let replies: NIOLoopBound<SMTPReplyHandler>
    private let settings: SMTPSettings

    private init(channel: any Channel, replies: NIOLoopBound<SMTPReplyHandler>, settings: SMTPSettings) {
        self.channel = channel
        self.replies = replies
        self.settings = settings
    }

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
            guard features.lines.contains(where: { $0.uppercased() == "STARTTLS" }) else {
                throw .tlsFailed("サーバがSTARTTLSを提供していません")
            }
            let ready = try await expect("STARTTLS", as: SMTPError.tlsFailed)
            guard ready.code == 220 else { throw .tlsFailed("STARTTLS: \(ready)") }
            try await startTLS()
            features = try await expect("EHLO juchu", as: SMTPError.tlsFailed)
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
            let host = settings.host
            try await channel.eventLoop.submit { [channel] in
                try channel.pipeline.syncOperations.addHandler(try NIOSSLClientHandler(context: context, serverHostname: host), position: .first)
            }.get()
        } catch {
            throw .tlsFailed("\(error)")
        }
    }

    /// Sends one mail: the envelope (`envelopeFrom`, the message's recipients), then the message.
    /// Returns the relay's acceptance; throws what kept it from going, or that its fate is unknown.
    @discardableResult
    public func send(_ message: MailMessage, envelopeFrom: String) async throws(SMTPError) -> SMTPReply {
        let sender = try await expect("MAIL FROM:<\(envelopeFrom)>", as: SMTPError.connectionLost)
        guard sender.code == 250 else {
            try await reset()
            throw .senderRejected(sender)
        }
        for recipient in message.recipients {
            let reply = try await expect("RCPT TO:<\(recipient)>", as: SMTPError.connectionLost)
            guard reply.code == 250 || reply.code == 251 else {
                try await reset()
                throw .recipientRejected(recipient, reply)
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

    private func expect(_ line: String?, as failure: @escaping (String) -> SMTPError) async throws(SMTPError) -> SMTPReply {
        try await expect(bytes: line.map { Array(($0 + "\r\n").utf8) }, as: failure)
    }

    /// Writes `bytes` (nothing for the greeting) and waits for the reply to them; a connection that
    /// ends, fails or is silent for the timeout gives `failure`.
    private func expect(bytes: [UInt8]?, as failure: @escaping (String) -> SMTPError) async throws(SMTPError) -> SMTPReply {
        let channel = self.channel
        let replies = self.replies
        let promise = channel.eventLoop.makePromise(of: SMTPReply.self)
        channel.eventLoop.execute {
            replies.value.next(promise)
            if let bytes { channel.writeAndFlush(channel.allocator.buffer(bytes: bytes), promise: nil) }
        }
        let timeout = channel.eventLoop.scheduleTask(in: .seconds(settings.timeoutSeconds)) { channel.close(promise: nil) }
        defer { timeout.cancel() }
        do {
            return try await promise.futureResult.get()
        } catch let error as SMTPError {
            if case .protocolViolation = error { throw error }
            throw failure("\(error)")
        } catch {
            throw failure("\(error)")
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
