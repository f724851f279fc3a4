/// This process can no longer be sure the writes it claimed are its own: its heartbeat in the
/// shared database has gone quiet long enough that another host may take them for abandoned and
/// settle them. Nothing more of them is sent; what was not sent is recorded as such.
public struct ClaimsLapsed: Error, Sendable, CustomStringConvertible {
    public init() {}

    public var description: String {
        "この端末の生存の記録がデータベースで20秒以上途切れたため、送信を止めました（送信していません）。データベースへの接続を確かめてから、もう一度実行してください"
    }
}
