import OrderEngine

/// The command palette (`:`, as in vim, k9s and lazygit): every action of the desk found by its
/// Japanese name, its reading or its English key name as the operator types (「そうりょう」「送料」
/// 「fee」 find 手数料を書き込む), each shown with its key, and run as its key runs it.
public struct CommandPalette: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let action: DeskAction
        /// For メール送信: the template it sends (a row of its own per template).
        public let template: String?
        public let title: String
        /// Where it belongs (the panel's group, or 一覧 for the desk's own keys).
        public let group: String
        /// Why the operator's role does not allow it (shown beside it; Enter says it); nil: allowed.
        public let refusal: String?
        /// The title and the words it is known by, folded for matching (kana as hiragana, ASCII lower case).
        let searched: String
    }

    public var query = ""
    /// The match chosen among ``matches``.
    public var cursor = 0
    public let entries: [Entry]

    /// Every panel row (メール送信 once per template) and the desk's actions that are not movement;
    /// `refusal` says which the operator's role does not allow, and why.
    public init(panel: [PanelItem], refusal: (DeskAction) -> String? = { _ in nil }) {
        var entries: [Entry] = []
        for item in panel {
            guard let action = DeskAction(rawValue: item.kind.rawValue) else { continue }
            if item.kind == .sendMail, case .choice(let templates, _)? = item.inputs.first?.value, !templates.isEmpty {
                entries += templates.map { template in
                    Entry(action: action, template: template, title: "\(item.title): \(template)", group: item.group, refusal: refusal(action),
                          searched: Self.searchText(action, "\(item.title) \(template)"))
                }
            } else {
                entries.append(Entry(action: action, template: nil, title: item.title, group: item.group, refusal: refusal(action),
                                     searched: Self.searchText(action, item.title)))
            }
        }
        for action in Self.deskActions {
            entries.append(Entry(action: action, template: nil, title: action.label, group: "一覧", refusal: refusal(action),
                                 searched: Self.searchText(action, action.label)))
        }
        self.entries = entries
    }

    /// The desk's own actions the palette offers besides the panel's rows.
    static let deskActions: [DeskAction] = [
        .allOrders, .search, .views, .editOrder, .enterTracking, .openMail, .markAll, .invertMarks, .clearMarks, .help, .quit,
    ]

    /// The entries the query finds, best first: a title or reading that begins with it, then the rest
    /// in the panel's order. Every word of the query must be found.
    public var matches: [Entry] {
        let words = query.split(whereSeparator: \.isWhitespace).map { Self.folded(String($0)) }
        guard !words.isEmpty else { return entries }
        let found = entries.filter { entry in words.allSatisfy { entry.searched.contains($0) } }
        let first = words[0]
        return found.filter { $0.searched.hasPrefix(first) } + found.filter { !$0.searched.hasPrefix(first) }
    }

    public var chosen: Entry? {
        let matches = matches
        return matches.indices.contains(cursor) ? matches[cursor] : matches.first
    }

    mutating func move(by delta: Int) {
        let count = matches.count
        guard count > 0 else { return }
        cursor = ((cursor + delta) % count + count) % count
    }

    mutating func type(_ character: Character) {
        guard query.count < 40 else { return }
        query.append(character)
        cursor = 0
    }

    mutating func deleteBackward() {
        if !query.isEmpty { query.removeLast() }
        cursor = 0
    }

    private static func searchText(_ action: DeskAction, _ title: String) -> String {
        folded([title, readings[action] ?? "", action.rawValue, english[action] ?? ""].joined(separator: " "))
    }

    /// Kana folded as the search folds them (``KanaFolding``), full-width ASCII as typed ASCII, lower
    /// case, without spaces: 「そうりょう」 finds 「ソウリョウ」, 「ＦＥＥ」 finds fee.
    static func folded(_ text: String) -> String {
        KanaFolding.folded(String(text.filter { !$0.isWhitespace }.map(\.typedASCII)).lowercased())
    }

    /// How each action reads, and the words operators use for it (the 項目 it writes, what RMS and
    /// the peers call it), for the palette to find it by.
    static let readings: [DeskAction: String] = [
        .confirm: "ちゅうもんかくにんつうち 注文確認 かくにん",
        .refreshRMSStatus: "すてーたすをしゅとく RMSステータス",
        .cancel: "きゃんせる 取消 とりけし",
        .fetch: "じゅちゅうしゅとく 受注取得 しゅとく",
        .changeStatus: "じゅちゅうすてーたすをへんこう ステータス変更 へんこう",
        .setFlag: "ちぇっくこうもく チェック項目 ふらぐ",
        .clearFlag: "ちぇっくこうもくをはずす チェック項目 ふらぐ",
        .writeDate: "ひづけをかきこむ 日付 入金日 出荷予定日 発送日 お届け日 にゅうきんび しゅっかよていび",
        .writeFee: "てすうりょうをかきこむ 手数料 送料 そうりょう 代引手数料 だいびきてすうりょう 決済手数料 けっさいてすうりょう",
        .setCarrier: "はいそうぎょうしゃ 配送業者 運送会社 ヤマト 佐川 日本郵便",
        .bundle: "どうこん 同梱 まとめる",
        .unbundle: "どうこんかいじょ 同梱解除",
        .duplicate: "ふくせい 複製 こぴー",
        .enterOrder: "じゅちゅうをとうろく 受注登録 手入力 てにゅうりょく 電話 でんわ FAX ふぁっくす 店舗 てんぽ 伝票新規作成",
        .reconcile: "とりこぼし 取りこぼし しょうごう 照合 つきあわせ 突き合わせ 漏れ もれ RMS",
        .pushEdit: "にゅうりょくないようをはんえい 反映 注文内容修正 しゅうせい",
        .acceptRMSChanges: "へんこうをうけいれる 差分 さぶん",
        .writeLabels: "おくりじょうでーた 送り状 伝票 ラベル B2 e飛伝 ゆうプリ",
        .importTracking: "にもつばんごうをとりこむ 荷物番号 問い合わせ番号 追跡番号 取込",
        .importRMSCSV: "じゅちゅうCSVをとりこむ 受注CSV データダウンロード 取込 楽天 RMS",
        .shipReport: "はっそうかんりょうほうこく 発送完了 発送連絡 出荷",
        .shipCorrection: "にもつばんごうのていせい 訂正 削除",
        .sendMail: "めーるそうしん メール 送信 発送通知 サンクスメール",
        .testMail: "てすとそうしん テスト メール",
        .printSlips: "ちょうひょう 帳票 納品書 のうひんしょ 受注伝票 ピッキングリスト 印刷 いんさつ",
        .printReceipt: "りょうしゅうしょ 領収書 印刷",
        .testRules: "るーるをためす ルール",
        .runRules: "るーるをてきよう ルール 自動",
        .undo: "とりけし 取り消し もとにもどす 元に戻す",
        .allOrders: "ぜんけん 全件 すべて",
        .search: "けんさく 検索 絞り込み しぼりこみ",
        .views: "ほぞんしたひょうじ 表示 ビュー",
        .editOrder: "ちゅうもんないようしゅうせい 注文内容修正 数量 単価 送料 そうりょう",
        .enterTracking: "にもつばんごうのにゅうりょく 荷物番号",
        .openMail: "おくったメール メール",
        .markAll: "すべてちぇっく 全選択",
        .invertMarks: "はんてん 反転",
        .clearMarks: "ちぇっくをはずす 解除",
        .help: "きーいちらん キー一覧 ヘルプ",
        .quit: "しゅうりょう 終了",
    ]

    /// English words beside the keymap name.
    static let english: [DeskAction: String] = [
        .writeFee: "fee shipping postage cod charge",
        .writeDate: "date payment shipment delivery",
        .confirm: "order confirmation notify",
        .cancel: "cancel",
        .writeLabels: "label shipping data b2 csv",
        .importTracking: "tracking number import",
        .importRMSCSV: "rms order csv import",
        .shipReport: "shipping report shipped",
        .sendMail: "mail email send",
        .printSlips: "print slip delivery note picking pdf",
        .printReceipt: "receipt print",
        .undo: "undo revert",
        .allOrders: "all orders everything",
        .search: "search find filter",
        .bundle: "bundle merge",
        .fetch: "fetch import orders",
        .enterOrder: "new order phone fax hand entry",
        .reconcile: "reconcile missing orders compare",
        .setCarrier: "carrier",
        .setFlag: "flag check",
        .changeStatus: "status",
        .help: "help keys",
        .quit: "quit exit",
    ]
}
