/// The operator's name for an action as the journal records it (its id).
enum ActionNames {
    static func label(for id: String) -> String {
        switch id {
        case "change-status": "受注ステータス変更"
        case "write-date": "日付の書き込み"
        case "write-fee": "手数料の書き込み"
        case "set-carrier": "配送業者の設定"
        case "set-flag": "チェック項目の適用"
        case "clear-flag": "チェック項目の解除"
        case "bundle": "同梱"
        case "unbundle": "同梱の解除"
        case "duplicate": "複製"
        case "undo": "取り消し"
        case "fetch": "受注取得"
        case "confirm": "注文確認通知"
        case "confirm-result", "confirm-poll": "注文確認の結果"
        case "cancel": "キャンセル"
        case "cancel-result": "キャンセルの結果"
        case "refresh-rms-status": "RMSステータスを取得"
        default: id
        }
    }
}
