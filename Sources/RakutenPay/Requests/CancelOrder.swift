/// cancelOrder request (§7): allowed while RMS shows 100, 200 or 300; the order goes to 800, then 900.
public struct CancelOrderRequest: Sendable, Hashable, Codable {
    public var orderNumber: String
    /// 0 follow the item's setting, 1 restore stock, 2 do not restore.
    public var inventoryRestoreType: Int
    /// The reason (§10.5): 1 キャンセル, 4 未入金, 8 欠品, 10 その他(店舗都合)...
    public var changeReasonDetailApply: Int

    public init(orderNumber: String, inventoryRestoreType: Int = 0, changeReasonDetailApply: Int) {
        self.orderNumber = orderNumber
        self.inventoryRestoreType = inventoryRestoreType
        self.changeReasonDetailApply = changeReasonDetailApply
    }

    /// The reasons RMS accepts, with their names (§10.5).
    public static let reasons: [Int: String] = [
        1: "キャンセル", 2: "受取後の返品", 3: "長期不在による受取拒否", 4: "未入金", 5: "代引決済の受取拒否",
        6: "その他(お客様都合)", 8: "欠品", 10: "その他(店舗都合)", 13: "発送遅延", 14: "顧客・配送対応注意表示",
        15: "返品（破損・品間違い）",
    ]
}
