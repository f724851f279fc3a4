/// A column of the order grid the shop may choose and order in config.toml (`[desk] columns`),
/// by its key or its Japanese title. The checkbox always comes first.
public enum GridColumn: String, Sendable, CaseIterable {
    case number
    case orderedAt = "ordered_at"
    case orderer
    case ordererKana = "orderer_kana"
    case total
    case bundleTotal = "bundle_total"
    case request
    case shippingFee = "shipping_fee"
    case rmsProgress = "rms_status"
    case localStatus = "status"
    case sync
    case notes
    case payment
    case delivery
    case deliveryWish = "delivery_wish"
    case subStatus = "sub_status"
    case marks
    case slips

    /// The columns when the config names none.
    public static let defaults: [GridColumn] = [.number, .orderedAt, .orderer, .total, .bundleTotal, .rmsProgress, .sync, .notes, .payment]

    public var title: String {
        switch self {
        case .number: "受注番号"
        case .orderedAt: "注文日時"
        case .orderer: "注文者"
        case .ordererKana: "注文者カナ"
        case .total: "合計金額"
        case .bundleTotal: "同梱計"
        case .request: "請求金額"
        case .shippingFee: "送料"
        case .rmsProgress: "RMSステータス"
        case .localStatus: "受注ステータス"
        case .sync: "連携"
        case .notes: "注意"
        case .payment: "支払方法"
        case .delivery: "配送方法"
        case .deliveryWish: "お届け指定"
        case .subStatus: "サブステータス"
        case .marks: "特記事項"
        case .slips: "帳票"
        }
    }

    /// The column named `name` by its key ("ordered_at") or its title ("注文日時").
    public init?(name: String) {
        guard let column = Self(rawValue: name) ?? Self.allCases.first(where: { $0.title == name }) else { return nil }
        self = column
    }
}
