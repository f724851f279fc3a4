/// Everything a key can do at the desk, by the name keymap.toml uses.
public enum DeskAction: String, Sendable, CaseIterable {
    case cursorDown = "cursor-down"
    case cursorUp = "cursor-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case top
    case bottom
    case toggleMark = "toggle-mark"
    case clearMarks = "clear-marks"
    case nextTab = "next-tab"
    case previousTab = "previous-tab"
    case focusNext = "focus-next"
    case focusPrevious = "focus-previous"
    case activate
    case confirm
    case refreshRMSStatus = "refresh-rms-status"
    case fetch
    case help
    case redraw
    case quit
    // In a dialog.
    case dialogNextButton = "dialog-next-button"
    case dialogAccept = "dialog-accept"
    case dialogCancel = "dialog-cancel"

    /// Which table of keymap.toml the action belongs to.
    public var context: KeyContext {
        switch self {
        case .dialogNextButton, .dialogAccept, .dialogCancel: .dialog
        default: .desk
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
        case .nextTab: "次のステータスへ"
        case .previousTab: "前のステータスへ"
        case .focusNext: "次のペインへ"
        case .focusPrevious: "前のペインへ"
        case .activate: "処理パネルの項目を実行"
        case .confirm: "注文確認通知を送る"
        case .refreshRMSStatus: "RMSステータスを取得"
        case .fetch: "受注取得（今すぐ）"
        case .help: "キー一覧"
        case .redraw: "画面を再描画"
        case .quit: "終了"
        case .dialogNextButton: "ボタンを切り替え"
        case .dialogAccept: "実行する"
        case .dialogCancel: "キャンセル"
        }
    }
}

/// Where a binding applies: at the desk, or inside a dialog.
public enum KeyContext: String, Sendable, CaseIterable {
    case desk
    case dialog
}
