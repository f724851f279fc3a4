/// Why a mail did not go, in the operator's words, and whether it may have gone all the same.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The relay could not be reached (name, port, network): nothing sent.
    case unreachable(String)
    /// STARTTLS not offered, refused, or the certificate not trusted: nothing sent, nothing in clear.
    case tlsFailed(String)
    /// The ID or password was refused (535): nothing sent.
    case authenticationFailed(SMTPReply)
    /// MAIL FROM refused (552 sender rejected: the address is not one RMS has registered).
    case senderRejected(SMTPReply)
    /// A recipient refused: 4xx for now, 5xx for good. The mail was not sent (RSET).
    case recipientRejected(String, SMTPReply)
    /// The relay refused the message after reading it: not sent.
    case messageRejected(SMTPReply)
    /// The connection ended before the message was handed over: not sent, may be sent again.
    case connectionLost(String)
    /// The connection ended or timed out after the message's last line, before the relay's answer:
    /// it may have been accepted. Never sent again on its own (結果不明).
    case unclear(String)
    /// The relay answered what SMTP does not allow.
    case protocolViolation(String)

    /// Whether the mail may have reached the relay.
    public var mayHaveBeenSent: Bool { if case .unclear = self { true } else { false } }

    /// Whether asking again later may succeed (a 4xx, a lost connection before the message).
    public var isTemporary: Bool {
        switch self {
        case .unreachable, .connectionLost: true
        case .recipientRejected(_, let reply), .messageRejected(let reply): !reply.isPermanent
        case .senderRejected(let reply): !reply.isPermanent
        default: false
        }
    }

    /// Whether the rest of a batch can go over the same connection.
    public var endsSession: Bool {
        switch self {
        case .recipientRejected, .messageRejected: false
        default: true
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let detail): "メールサーバに接続できません（\(detail)）。送信していません"
        case .tlsFailed(let detail): "メールサーバとの暗号化（STARTTLS）ができません（\(detail)）。送信していません"
        case .authenticationFailed(let reply):
            "SMTP AUTH のIDかパスワードが違います（\(reply)）。RMSのあんしんメルアド設定で確かめ、config.toml の [mail] を直してください。送信していません"
        case .senderRejected(let reply):
            "差出人のアドレスがメールサーバに拒否されました（\(reply)）。RMSに登録したアドレスを [mail] from にしてください。送信していません"
        case .recipientRejected(let address, let reply):
            reply.isPermanent
                ? "宛先 \(address) が拒否されました（\(reply)）。送信していません"
                : "宛先 \(address) は一時的に受け付けられませんでした（\(reply)）。送信していません。後で再送できます"
        case .messageRejected(let reply):
            reply.isPermanent ? "メールサーバが受け付けませんでした（\(reply)）。送信していません" : "メールサーバが一時的に受け付けませんでした（\(reply)）。送信していません。後で再送できます"
        case .connectionLost(let detail): "送信前に接続が切れました（\(detail)）。送信していません。再送できます"
        case .unclear(let detail): "本文を送った後に接続が切れ、受け付けられたか分かりません（\(detail)）。結果不明: 自動では再送しません"
        case .protocolViolation(let detail): "メールサーバの応答が読めません（\(detail)）"
        }
    }
}
