import OrderEngine

/// What to fetch from RMS and where to put it (受注取得の設定).
public struct FetchSettings: Sendable {
    /// 楽天ペイ取得ステータス: the RMS progress to fetch from.
    public var rmsProgress: RMSProgress = .awaitingConfirmation
    /// 格納先ステータス: the local status new orders get.
    public var localStatus: LocalStatus = .newOrder
    public var lookBackDays = 7
    /// Orders placed less than this many minutes ago are left for the next fetch; 0 takes all.
    public var skipYoungerThanMinutes = 30
    /// The worker's daily 取りこぼしの確認 (``SyncService/reconcile(from:through:fetch:settings:)``)
    /// over this many days up to today, missing orders brought in; 0: none.
    public var reconcileDays = 0

    public init() {}
}
