/// Every action an operator can run, in one place: the id the journal, the outbox and keymap.toml
/// use, the panel's words for it, and what the journal shows for it. What the desk and the worker
/// record on their own is a ``JournalEvent``.
public enum ActionID: String, Sendable, Hashable, CaseIterable, Codable {
    // The processing panel's rows (処理パネル), in its order.
    case confirm
    case refreshRMSStatus = "refresh-rms-status"
    case cancel
    case changeStatus = "change-status"
    case writeDate = "write-date"
    case writeFee = "write-fee"
    case setCarrier = "set-carrier"
    case setFlag = "set-flag"
    case clearFlag = "clear-flag"
    case bundle
    case unbundle
    case duplicate
    case pushEdit = "push-edit"
    case acceptRMSChanges = "accept-rms"
    case writeLabels = "write-labels"
    case importTracking = "import-tracking"
    case importRMSCSV = "import-rms-csv"
    case shipReport = "ship-report"
    case shipCorrection = "ship-correct"
    case sendMail = "send-mail"
    case testMail = "test-mail"
    case printSlips = "print-slips"
    case printReceipt = "print-receipt"
    case testRules = "test-rules"
    case runRules = "run-rules"
    case undo
    case fetch
    /// 受注を登録: the form for an order taken by phone, FAX, at the counter (`juchu order new`).
    case enterOrder = "enter-order"
    /// 取りこぼしの確認: RMS's orders of a period against the store (`juchu reconcile`).
    case reconcile

    /// The panel's words for it (注文確認通知を送る), or the journal's for what no panel row does.
    public var title: String {
        switch self {
        case .confirm: "注文確認通知を送る"
        case .refreshRMSStatus: "RMSステータスを取得"
        case .cancel: "キャンセルする"
        case .changeStatus: "受注ステータスを変更"
        case .writeDate: "日付を書き込む"
        case .writeFee: "手数料を書き込む"
        case .setCarrier: "配送業者を設定"
        case .setFlag: "チェック項目を適用"
        case .clearFlag: "チェック項目をはずす"
        case .bundle: "同梱する"
        case .unbundle: "同梱を解除する"
        case .duplicate: "受注を複製する（手入力の注文）"
        case .pushEdit: "入力内容を反映する（RMS）"
        case .acceptRMSChanges: "RMSの変更を受け入れる（差分あり）"
        case .writeLabels: "送り状データを書き出す"
        case .importTracking: "荷物番号を取り込む（受取フォルダ）"
        case .importRMSCSV: "RMSの受注CSVを取り込む（受取フォルダ）"
        case .shipReport: "発送完了を報告する（RMS）"
        case .shipCorrection: "荷物番号の訂正・削除を送る（RMS）"
        case .undo: "直前の一括処理を取り消す"
        case .fetch: "今すぐ取得する"
        case .enterOrder: "受注を登録する（電話・FAX・店舗）"
        case .reconcile: "取りこぼしを確認する（RMS）"
        case .sendMail: "メール送信"
        case .testMail: "自分宛にテスト送信（カーソル行のメール）"
        case .printSlips: "帳票作成"
        case .printReceipt: "領収書"
        case .testRules: "ルールを試す"
        case .runRules: "ルールを今すぐ適用"
        }
    }

    /// What the journal (the detail's 履歴, the undo's title) calls it.
    public var journalLabel: String {
        switch self {
        case .confirm: "注文確認通知"
        case .refreshRMSStatus: "RMSステータスを取得"
        case .cancel: "キャンセル"
        case .changeStatus: "受注ステータス変更"
        case .writeDate: "日付の書き込み"
        case .writeFee: "手数料の書き込み"
        case .setCarrier: "配送業者の設定"
        case .setFlag: "チェック項目の適用"
        case .clearFlag: "チェック項目の解除"
        case .bundle: "同梱"
        case .unbundle: "同梱の解除"
        case .duplicate: "複製"
        case .pushEdit: "注文内容修正の反映"
        case .acceptRMSChanges: "RMSの変更の受け入れ"
        case .writeLabels: "送り状データの書き出し"
        case .importTracking: "荷物番号の取り込み"
        case .importRMSCSV: "RMSの受注CSVの取り込み"
        case .shipReport: "発送完了報告"
        case .shipCorrection: "荷物番号の訂正・削除"
        case .sendMail: "メール送信"
        case .testMail: "自分宛のテスト送信"
        case .printSlips: "帳票の印刷"
        case .printReceipt: "領収書の発行"
        case .testRules: "ルールの試行"
        case .runRules: "ルールの適用"
        case .undo: "取り消し"
        case .fetch: "受注取得"
        case .enterOrder: "受注の登録"
        case .reconcile: "取りこぼしの確認"
        }
    }

}
