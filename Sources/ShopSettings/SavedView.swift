import OrderEngine

/// A named view of the grid from config.toml (保存した表示): a status tab and a search line.
public struct SavedView: Sendable, Equatable {
    public let name: String
    public let status: LocalStatus?
    /// The search line, filters included (支払:代金引換 チェック:メール便).
    public let search: String?

    public init(name: String, status: LocalStatus?, search: String?) {
        self.name = name
        self.status = status
        self.search = search
    }

    /// The views a shop starts with when its config names none.
    public static let defaults: [SavedView] = [
        SavedView(name: "新規受付", status: .newOrder, search: nil),
        SavedView(name: "代金引換の新規", status: .newOrder, search: "支払:代金引換"),
        SavedView(name: "メール便", status: nil, search: "チェック:メール便"),
        SavedView(name: "入金待ち", status: .awaitingPayment, search: nil),
        SavedView(name: "出荷待ち", status: .awaitingShipment, search: nil),
        SavedView(name: "保留", status: .onHold, search: nil),
    ]
}
