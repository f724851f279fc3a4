/// A row of the processing panel (処理パネル), as operators know them from GoQ's panel.
public struct PanelItem: Sendable, Hashable {
    /// The panel's group: 楽天ペイ, 受注取得...
    public let group: String
    public let title: String
    public let action: DeskAction

    public static let standard: [PanelItem] = [
        PanelItem(group: "楽天ペイ", title: "注文確認通知を送る", action: .confirm),
        PanelItem(group: "楽天ペイ", title: "RMSステータスを取得", action: .refreshRMSStatus),
        PanelItem(group: "受注取得", title: "今すぐ取得する", action: .fetch),
    ]
}
