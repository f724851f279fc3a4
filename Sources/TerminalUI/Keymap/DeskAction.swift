import OrderEngine

/// Everything a key can do at the desk, by the name keymap.toml uses. A key that runs a panel row
/// directly has the row's action id as its name (``panelAction``).
public enum DeskAction: String, Sendable, CaseIterable {
    case cursorDown = "cursor-down"
    case cursorUp = "cursor-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case top
    case bottom
    case toggleMark = "toggle-mark"
    case clearMarks = "clear-marks"
    case markAll = "mark-all"
    case invertMarks = "invert-marks"
    case markRange = "mark-range"
    case search
    case clearSearch = "clear-search"
    case views
    case nextTab = "next-tab"
    case previousTab = "previous-tab"
    case focusNext = "focus-next"
    case focusPrevious = "focus-previous"
    case activate
    case confirm
    case editOrder = "edit-order"
    case enterTracking = "enter-tracking"
    case openMail = "open-mail"
    case refreshRMSStatus = "refresh-rms-status"
    case fetch
    case allOrders = "all-orders"
    case palette
    // Every other row of the processing panel, each by its ActionID's name.
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
    case enterOrder = "enter-order"
    case reconcile
    case help
    case redraw
    case quit
    case interrupt
    case suspend
    // In the processing panel.
    case panelNextInput = "panel-next-input"
    case panelPreviousInput = "panel-previous-input"
    case panelNextChoice = "panel-next-choice"
    case panelPreviousChoice = "panel-previous-choice"
    case panelAddRow = "panel-add-row"
    case panelRemoveRow = "panel-remove-row"
    // In a dialog.
    case dialogNextButton = "dialog-next-button"
    case dialogAccept = "dialog-accept"
    case dialogCancel = "dialog-cancel"
    case dialogRetry = "dialog-retry"
    case dialogIncludeHidden = "dialog-include-hidden"

    /// The panel row a key runs directly, by the same name in keymap.toml as in the journal.
    public var panelAction: ActionID? { ActionID(rawValue: rawValue) }

    /// The least role (config.toml's [operators]) that may use it: a panel row's own, 担当 for the
    /// forms that change an order here, 閲覧 for looking and moving.
    public var requiredRole: OperatorRole {
        if let panelAction { return panelAction.requiredRole }
        switch self {
        case .editOrder: return OperatorTask.editOrder.requiredRole
        case .enterTracking: return OperatorTask.enterTracking.requiredRole
        default: return .viewer
        }
    }

    /// Which table of keymap.toml the action belongs to.
    public var context: KeyContext {
        switch self {
        case .dialogNextButton, .dialogAccept, .dialogCancel, .dialogRetry, .dialogIncludeHidden: .dialog
        case .panelNextInput, .panelPreviousInput, .panelNextChoice, .panelPreviousChoice, .panelAddRow, .panelRemoveRow: .panel
        default: .desk
        }
    }

    /// The label in at most 22 cells, for the help in two columns at 80×24.
    public var shortLabel: String {
        switch self {
        case .toggleMark: "チェック（次の行へ）"
        case .markAll: "表示中をすべてチェック"
        case .invertMarks: "表示中のチェックを反転"
        case .markRange: "ここまで範囲チェック"
        case .search: "検索・絞り込み"
        case .clearSearch: "確定した検索を解除"
        case .views: "保存した表示（番号）"
        case .editOrder: "注文内容修正"
        case .enterTracking: "荷物番号の入力"
        case .openMail: "送ったメールを開く"
        case .panelAddRow: "荷物・商品を追加"
        case .panelRemoveRow: "荷物・商品を削除"
        case .suspend: "一時停止（fgで再開）"
        case .allOrders: "全件タブ／元のタブ"
        case .palette: "コマンドを探して実行"
        case .importTracking: "荷物番号を取り込む"
        case .importRMSCSV: "RMSの受注CSVを取り込む"
        case .shipReport: "発送完了を報告する"
        case .shipCorrection: "荷物番号の訂正・削除"
        case .pushEdit: "入力内容を反映する"
        case .acceptRMSChanges: "RMSの変更を受け入れる"
        case .duplicate: "受注を複製する"
        case .enterOrder: "受注を登録"
        case .reconcile: "取りこぼしを確認"
        case .testMail: "自分宛にテスト送信"
        case .undo: "直前の一括処理を取消"
        case .dialogIncludeHidden: "表示外のチェックも含む"
        default: label
        }
    }

    /// What the help screen calls it.
    public var label: String {
        switch self {
        case .cursorDown: "下へ"
        case .cursorUp: "上へ"
        case .pageDown: "次のページ"
        case .pageUp: "前のページ"
        case .top: "先頭へ"
        case .bottom: "末尾へ"
        case .toggleMark: "チェックを付ける／外す（次の行へ）"
        case .clearMarks: "チェックをすべて外す"
        case .markAll: "表示中の注文をすべてチェック（絞り込み・検索の結果すべて）"
        case .invertMarks: "表示中の注文のチェックを反転"
        case .markRange: "直前にチェックした行からカーソル行までチェック"
        case .search: "検索（注文番号・電話番号・名前・商品名、Enterで確定・Escで解除）"
        case .clearSearch: "確定した検索を解除（一覧をすべて表示）"
        case .views: "保存した表示を選ぶ（続けて番号）"
        case .nextTab: "次のステータスへ"
        case .previousTab: "前のステータスへ"
        case .focusNext: "次のペインへ"
        case .focusPrevious: "前のペインへ"
        case .activate: "処理パネルの項目を実行"
        case .allOrders: "全件タブ（すべてのステータスの注文・検索）へ。全件でもう一度押すと元のタブへ"
        case .palette: "コマンド: 処理を名前・読み・英語名で探して実行（例: そうりょう、送料、fee）"
        case .editOrder: "注文内容修正（カーソル行の送料・手数料・数量・単価）"
        case .enterTracking: "荷物番号の入力（カーソル行の送付先ごとに配送会社・荷物番号・発送日）"
        case .openMail: "送ったメールを開く（カーソル行の注文。[ ] で前後のメール）"
        case .fetch: "受注取得（今すぐ）"
        case .help: "キー一覧"
        case .redraw: "画面を再描画"
        case .quit: "終了"
        case .interrupt: "終了（確認あり）"
        case .suspend: "一時停止してシェルに戻る（fg で再開）"
        case .panelNextInput: "次の入力欄へ"
        case .panelPreviousInput: "前の入力欄へ"
        case .panelNextChoice: "選択肢を次へ"
        case .panelPreviousChoice: "選択肢を前へ"
        case .panelAddRow: "荷物を追加（荷物番号の入力）／商品を追加（受注を登録）"
        case .panelRemoveRow: "荷物を削除／取り消し（荷物番号の入力）／商品を削除（受注を登録）"
        case .dialogNextButton: "ボタンを切り替え"
        case .dialogAccept: "実行する"
        case .dialogCancel: "やめる／閉じる／中止"
        case .dialogRetry: "失敗した注文だけ再実行"
        case .dialogIncludeHidden: "表示外のチェックも含める／外す"
        default: panelAction?.title ?? rawValue
        }
    }
}

/// Where a binding applies: at the desk, or inside a dialog.
public enum KeyContext: String, Sendable, CaseIterable {
    case desk
    case panel
    case dialog
}
