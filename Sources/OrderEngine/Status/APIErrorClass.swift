/// The kinds of RMS API failure an operator must tell apart, each with the message the shops'
/// manuals use and what to do about it (domain.md, the error table).
public enum APIErrorClass: String, Sendable, Hashable, Codable, CaseIterable {
    /// 401 or ES01-01: wrong or expired licenseKey. Never retried.
    case authentication
    /// ERROR_102/103: RMS no longer holds the order in 注文確認待ち.
    case notConfirmable
    /// ERROR_105: the shipping fee is still -9999 in RMS.
    case shippingFeeUnset
    /// 500, timeout, reset connection, a body that is not JSON.
    case temporary
    /// 403/429 or a QPS message: too many requests per second.
    case qpsLimit
    /// 503: API maintenance.
    case maintenance
    /// 400 and other answers that say the request itself was wrong.
    case rejected

    /// The message exactly as operators know it.
    public var message: String {
        switch self {
        case .authentication: "認証エラー(licenseKey有効期限切れの可能性があります)"
        case .notConfirmable: "該当の注文は注文確認ができる状態ではありませんでした"
        case .shippingFeeUnset: "送料が未設定の注文です"
        case .temporary: "APIエラー"
        case .qpsLimit: "Forbidden-Exceeded QPS Limitation"
        case .maintenance: "API In Maintenance"
        case .rejected: "リクエストが受け付けられませんでした"
        }
    }

    /// What the operator should do next.
    /// The message with what to do, on one line (a result list, a command's error).
    public var messageWithRemedy: String { "\(message)（対処: \(remedy)）" }

    public var remedy: String {
        switch self {
        case .authentication:
            "RMSでライセンスキーを更新し、新しいキーを設定してから再実行してください（反映に5〜10分かかることがあります）"
        case .notConfirmable:
            "RMSで既に注文確認済みの可能性があります。RMSステータスを取得して楽天処理中／楽天処理済になるか確認してください"
        case .shippingFeeUnset:
            "注文内容修正で送料を設定し、RMSに反映してから注文確認してください"
        case .temporary:
            "一時的な接続エラーです。再実行してください"
        case .qpsLimit:
            "アクセスが集中しています。時間をおいて再実行し、RMSステータスを取得して確認してください"
        case .maintenance:
            "RMS APIのメンテナンス中です。時間をおいて再実行し、RMSステータスを取得して確認してください"
        case .rejected:
            "入力内容を確認してください"
        }
    }

    /// Whether sending the same request again later may succeed.
    public var isRetryable: Bool {
        switch self {
        case .temporary, .qpsLimit, .maintenance: true
        case .authentication, .notConfirmable, .shippingFeeUnset, .rejected: false
        }
    }
}
