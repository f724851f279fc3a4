import Foundation

/// Why a mail did not go, in the operator's words — its own cause and what to do about it — and
/// whether it may have gone all the same.
public enum SMTPError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The relay could not be reached (name, port, network): nothing sent.
    case unreachable(String)
    /// The relay offers no STARTTLS: nothing sent, nothing in clear.
    case noStartTLS
    /// The relay's certificate is not one to trust (an issuer not trusted, a name that is not the
    /// host's): nothing sent.
    case certificateUntrusted(String)
    /// STARTTLS refused or the TLS handshake failed otherwise: nothing sent.
    case tlsFailed(String)
    /// SMTP AUTH refused — the ID or password (535), for now (4xx), or otherwise — or not offered
    /// (code 0): nothing sent.
    case authenticationFailed(SMTPReply)
    /// MAIL FROM refused (552 sender rejected: the address is not one RMS has registered).
    case senderRejected(SMTPReply)
    /// A recipient refused: 4xx for now, 5xx for good. The mail was not sent (RSET).
    case recipientRejected(String, SMTPReply)
    /// A Bcc refused (552: not an address RMS has registered). The mail was not sent (RSET).
    case bccRejected(String, SMTPReply)
    /// The relay refused the message after reading it: not sent.
    case messageRejected(SMTPReply)
    /// An address that cannot go into SMTP as it is (a line break, two @): nothing was written.
    case invalidAddress(String, problem: String)
    /// The connection ended before the message was handed over: not sent, may be sent again.
    case connectionLost(String)
    /// The relay stopped answering before the message was handed over: not sent, may be sent again.
    case stalled(String)
    /// The connection ended or timed out after the message's last line, before the relay's answer:
    /// it may have been accepted. Never sent again on its own (結果不明).
    case unclear(String)
    /// The relay answered what SMTP does not allow.
    case protocolViolation(String)
    /// No server is set up for the mail's route (an order the shop took itself, with no
    /// `[mail.own_server]`): nothing sent, and it is never handed to another route instead.
    case noRoute(String)

    /// Whether the mail may have reached the relay.
    public var mayHaveBeenSent: Bool { if case .unclear = self { true } else { false } }

    /// Whether asking again later may succeed (a 4xx, a lost connection before the message).
    public var isTemporary: Bool {
        switch self {
        case .unreachable, .connectionLost, .stalled: true
        case .authenticationFailed(let reply): (400..<500).contains(reply.code)
        case .recipientRejected(_, let reply), .bccRejected(_, let reply), .messageRejected(let reply): !reply.isPermanent
        case .senderRejected(let reply): !reply.isPermanent
        default: false
        }
    }

    /// Whether the rest of a batch can go over the same connection.
    public var endsSession: Bool {
        switch self {
        case .recipientRejected, .bccRejected, .messageRejected, .invalidAddress, .noRoute: false
        default: true
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let detail):
            "メールサーバに接続できません（\(detail)）。config.toml の [mail] smtp_host・smtp_port とネットワークを確かめてください。送信していません"
        case .noStartTLS:
            "メールサーバがSTARTTLS（暗号化）に対応していません。楽天のメールサーバ（sub.fw.rakuten.ne.jp、587番）か [mail] smtp_host・smtp_port を確かめてください。暗号化なしでは送りません。送信していません"
        case .certificateUntrusted(let detail):
            "メールサーバの証明書を信頼できません（\(detail)）。[mail] smtp_host が正しいか、社内の中継サーバなら [mail] ca_file にその認証局を設定してください。送信していません"
        case .tlsFailed(let detail):
            "メールサーバとの暗号化（STARTTLS）ができません（\(detail)）。送信していません"
        case .authenticationFailed(let reply) where reply.code == 535:
            "SMTP AUTH のIDかパスワードが違います（\(reply)）。RMSのあんしんメルアド設定（メールサーバ設定情報）で確かめ、config.toml の [mail] username・password を直してください（R-Loginでパスワードを更新したときも）。送信していません"
        case .authenticationFailed(let reply) where (400..<500).contains(reply.code):
            "メールサーバが一時的に認証（SMTP AUTH）できませんでした（\(reply)）。送信していません。後で再送できます"
        case .authenticationFailed(let reply):
            "メールサーバに認証（SMTP AUTH）を断られました（\(reply)）。[mail] smtp_host・smtp_port がRMSのメールサーバ設定情報どおりか確かめてください。送信していません"
        case .senderRejected(let reply):
            "差出人のアドレスがメールサーバに拒否されました（\(reply)）。RMSに登録したアドレス（店舗連絡先・注文確認メール送り先・資料請求確認メール送り先）を [mail] from にしてください。送信していません"
        case .recipientRejected(let address, let reply):
            reply.isPermanent
                ? "宛先 \(address) が拒否されました（\(reply)）。RMSで注文者のメールアドレスを確かめてください。送信していません"
                : "宛先 \(address) は一時的に受け付けられませんでした（\(reply)）。送信していません。後で再送できます"
        case .bccRejected(let address, let reply):
            "Bcc \(address) がメールサーバに拒否されました（\(reply)）。RMSに登録したアドレスだけを [mail] bcc にしてください。送信していません"
        case .messageRejected(let reply):
            reply.isPermanent
                ? "メールサーバがこのメールを受け付けませんでした（\(reply)）。件名・本文・宛先を確かめてください。送信していません"
                : "メールサーバが一時的に受け付けませんでした（\(reply)）。送信していません。後で再送できます"
        case .invalidAddress(let address, let problem):
            "「\(Self.escaped(address))」はメールアドレスとして使えません（\(problem)）。送信していません"
        case .connectionLost(let detail): "送信前に接続が切れました（\(detail)）。送信していません。再送できます"
        case .stalled(let detail): "メールサーバが応答しません（\(detail)）。送信していません。再送できます"
        case .unclear(let detail): "本文を送った後に接続が切れ、受け付けられたか分かりません（\(detail)）。結果不明: 自動では再送しません"
        case .protocolViolation(let detail): "メールサーバの応答が読めません（\(detail)）。送信していません"
        case .noRoute(let detail): "\(detail)。送信していません"
        }
    }
}

extension SMTPError {
    /// What happened, without the advice around it: what another error says when this one is its
    /// cause (a lost connection's 「接続が切れました」, not its 「再送できます」).
    var detail: String {
        switch self {
        case .unreachable(let detail), .certificateUntrusted(let detail), .tlsFailed(let detail), .connectionLost(let detail),
             .stalled(let detail), .unclear(let detail), .protocolViolation(let detail), .invalidAddress(_, problem: let detail), .noRoute(let detail):
            detail
        case .authenticationFailed(let reply), .senderRejected(let reply), .recipientRejected(_, let reply),
             .bccRejected(_, let reply), .messageRejected(let reply):
            reply.description
        case .noStartTLS: "STARTTLSがありません"
        }
    }

    /// A buyer's address as a line of a message or the log may hold it: its control characters
    /// written as \r, \n, <U+001B> (a line break in it would forge another line of the log).
    static func escaped(_ address: String) -> String {
        var text = ""
        for scalar in address.unicodeScalars {
            switch scalar {
            case "\r": text += "\\r"
            case "\n": text += "\\n"
            case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
                text += "<U+" + String(scalar.value, radix: 16, uppercase: true) + ">"
            default: text.unicodeScalars.append(scalar)
            }
        }
        return text
    }

    /// A TLS failure in the operator's words: an untrusted certificate said as such, and the TLS
    /// library's own text without the paths of the build it names.
    static func tls(_ error: any Error, host: String) -> SMTPError {
        let text = "\(error)"
        if text.contains("failedToValidateHostname") {
            return .certificateUntrusted("証明書の名前が \(host) と合いません")
        }
        if text.contains("CERTIFICATE_VERIFY_FAILED") {
            return .certificateUntrusted("証明書の発行元を信頼できません")
        }
        return .tlsFailed(plain(text))
    }

    /// `text` without " at /path/file.cc:123" (what the TLS library adds to its errors).
    static func plain(_ text: String) -> String {
        var text = Substring(text)
        var result = ""
        while let at = text.range(of: " at /") {
            result += text[..<at.lowerBound]
            let rest = text[at.upperBound...]
            text = rest[(rest.firstIndex(where: { "]),".contains($0) }) ?? rest.endIndex)...]
        }
        return result + text
    }
}
