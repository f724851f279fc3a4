/// The keymap the desk ships with: the text of keymap.toml at the package root, written to the
/// config folder on first run. A test checks that the two are identical.
extension Keymap {
    public static let defaultText = #"""
# Juchu (受注) key bindings.
#
# Each action takes a list of keys. An action left out keeps its default keys; an empty list
# unbinds it. Press ? at the desk to see the bindings in effect.
#
# Key names: one character ("j", "?", "/"), Space, Enter, Tab, S-Tab, Esc, Backspace, Delete,
# Up, Down, Left, Right, PageUp, PageDown, Home, End, F1 … F12, C-a … C-z (Ctrl with a letter).

[desk]
cursor-down = ["j", "Down"]
cursor-up = ["k", "Up"]
page-down = ["PageDown", "C-f"]
page-up = ["PageUp", "C-b"]
top = ["g", "Home"]
bottom = ["G", "End"]
toggle-mark = ["Space"]          # チェックを付ける／外す（次の行へ）
clear-marks = ["u"]              # チェックをすべて外す
mark-all = ["A"]                 # 表示中（絞り込み・検索の結果）をすべてチェック
invert-marks = ["I"]             # チェックを反転
mark-range = ["V"]               # 直前にチェックした行からカーソル行まで
search = ["/"]                   # 検索（入力のたびに絞り込み）
clear-search = ["Esc"]           # 一覧で: 確定した検索を解除（パネル・詳細では一覧に戻るだけ）
views = ["v"]                    # 保存した表示（config.toml の [[desk.views]]）を番号で選ぶ
next-tab = ["]", "Right"]        # 次のステータス
previous-tab = ["[", "Left"]     # 前のステータス
focus-next = ["Tab"]             # 一覧 → 処理パネル → 詳細
focus-previous = ["S-Tab"]
activate = ["Enter"]             # 処理パネル: 行を実行（入力する行はその欄へ）、欄で実行
confirm = ["c"]                  # 注文確認通知を送る
edit-order = ["e"]               # 注文内容修正（カーソル行）
enter-tracking = ["t"]           # 荷物番号の入力（カーソル行の送付先ごと）
open-mail = ["m"]                # 送ったメールを開く（カーソル行の注文）
refresh-rms-status = ["r"]       # RMSステータスを取得
fetch = ["F5"]                   # 受注取得（今すぐ）
help = ["?", "F1"]
redraw = ["C-l"]
quit = ["q"]
interrupt = ["C-c"]              # 終了してよいか尋ねます
suspend = ["C-z"]                # 一時停止してシェルに戻る（fg で再開）
all-orders = ["0"]               # 全件タブ（すべてのステータス。もう一度で元のタブ）
palette = [":"]                  # コマンド: 処理を名前・読み・英語名で探して実行
# 処理パネルの行を直接（確認画面が先に開きます）。金額・日付を入力する行はパネルのその欄へ。
# ここにない行（write-date, set-carrier, clear-flag, unbundle, duplicate, accept-rms, ship-correct,
# import-rms-csv, reconcile, test-mail, print-receipt, test-rules, run-rules）にも同じ名前でキーを割り当てられます。
cancel = ["X"]                   # キャンセルする
change-status = ["s"]            # 受注ステータスを変更
set-flag = ["f"]                 # チェック項目を適用
write-fee = ["F"]                # 手数料を書き込む（金額の欄へ）
bundle = ["B"]                   # 同梱する
push-edit = ["E"]                # 入力内容を反映する（RMS）
write-labels = ["L"]             # 送り状データを書き出す
import-tracking = ["T"]          # 荷物番号を取り込む
ship-report = ["R"]              # 発送完了を報告する（RMS）
send-mail = ["M"]                # メール送信
print-slips = ["P"]              # 帳票作成
undo = ["U"]                     # 直前の一括処理を取り消す
enter-order = ["N"]              # 受注を登録（電話・FAX・店舗の注文を入力）

[panel]
# 処理パネル: 行では 1〜9 でグループへ、Enter/Right で入力欄へ。欄では Esc で行に戻る。
panel-next-input = ["Right"]     # 処理パネル: 次の入力欄
panel-previous-input = ["Left"]
panel-next-choice = ["Space", "+"]   # 選択肢を切り替え
panel-previous-choice = ["-"]
panel-add-row = ["C-n"]          # 荷物番号の入力: 荷物を追加／受注を登録: 商品を追加
panel-remove-row = ["Delete"]    # 荷物番号の入力: 荷物を削除（もう一度で取り消し）／受注を登録: 商品を削除

[dialog]
dialog-next-button = ["Tab", "S-Tab", "Left", "Right", "h", "l"]
dialog-accept = ["y"]            # 実行する
dialog-cancel = ["n", "Esc", "q"]    # キャンセル／閉じる（実行中なら中止）
dialog-retry = ["r"]             # 結果画面: 失敗した注文だけ再実行
dialog-include-hidden = ["a"]    # 確認画面: 表示外のチェックも含める／外す

"""#
}
