import NIOCore

/// One reply of an SMTP server: its code and its lines' text (a multi-line reply joined).
public struct SMTPReply: Sendable, Equatable, CustomStringConvertible {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    /// 5xx: the server will not take it, whenever asked.
    public var isPermanent: Bool { code >= 500 }
    public var text: String { lines.joined(separator: " ") }
    public var description: String { "\(code) \(text)" }
}

/// Cuts the server's bytes into replies: lines ending CRLF, `250-` continuing, `250 ` ending.
final class SMTPReplyDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPReply

    private var lines: [String] = []

    func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let end = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > 8_192 { throw SMTPError.protocolViolation("1行が長すぎる応答です") }
            return .needMoreData
        }
        let length = end - buffer.readerIndex + 1
        var bytes = buffer.readBytes(length: length) ?? []
        // Bytes, not characters: "\r\n" is one Character in Swift.
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        let line = String(decoding: bytes, as: UTF8.self)
        let digits = line.prefix(3)
        guard digits.count == 3, let code = Int(digits) else { throw SMTPError.protocolViolation("SMTPの応答ではありません: \(line.prefix(80))") }
        let separator = line.dropFirst(3).first
        lines.append(String(line.dropFirst(4)))
        if separator != "-" {
            context.fireChannelRead(wrapInboundOut(SMTPReply(code: code, lines: lines)))
            lines = []
        }
        return .continue
    }

    func decodeLast(context: ChannelHandlerContext, buffer: inout ByteBuffer, seenEOF: Bool) throws -> DecodingState {
        while try decode(context: context, buffer: &buffer) == .continue {}
        return .needMoreData
    }
}

/// Hands each reply to the command waiting for it, in order; a reply nobody waits for yet (the
/// greeting) is kept. A connection that ends or fails fails every command still waiting.
final class SMTPReplyHandler: ChannelInboundHandler {
    typealias InboundIn = SMTPReply

    private var waiting = CircularBuffer<EventLoopPromise<SMTPReply>>()
    private var received = CircularBuffer<SMTPReply>()
    private var failure: (any Error)?

    func next(_ promise: EventLoopPromise<SMTPReply>) {
        if let reply = received.popFirst() {
            promise.succeed(reply)
        } else if let failure {
            promise.fail(failure)
        } else {
            waiting.append(promise)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if let promise = waiting.popFirst() { promise.succeed(reply) } else { received.append(reply) }
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError.connectionLost("接続が切れました"))
        context.fireChannelInactive()
    }

    private func fail(_ error: any Error) {
        if failure == nil { failure = error }
        while let promise = waiting.popFirst() { promise.fail(failure!) }
    }
}
