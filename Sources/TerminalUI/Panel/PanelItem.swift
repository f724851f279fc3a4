import OrderEngine
import OrderSync
import ShippingFiles

/// A row of the processing panel (処理パネル), as operators know them from GoQ's panel, with its
/// inputs in place: the status to change to, the date field, its value and 追記/上書き, the fee...
public struct PanelItem: Sendable, Equatable {
    /// The action the row runs; its title is the action's (``ActionID/title``).
    public let kind: ActionID
    public let group: String
    public var inputs: [PanelInput]

    public init(_ kind: ActionID, group: String, inputs: [PanelInput] = []) {
        self.kind = kind
        self.group = group
        self.inputs = inputs
    }

    public var title: String { kind.title }

    /// The panel a shop starts with: its statuses and flags in the pick lists.
    /// `mailTemplates`: the 名前 of the shop's mail templates, for メール送信's pick list.
    public static func standard(statuses: [LocalStatus], flags: [String], mailTemplates: [String] = []) -> [PanelItem] {
        let carriers = Carrier.names.keys.sorted()
        return [
            PanelItem(.confirm, group: "楽天ペイ・受注取得"),
            PanelItem(.refreshRMSStatus, group: "楽天ペイ・受注取得"),
            PanelItem(.cancel, group: "楽天ペイ・受注取得", inputs: [
                PanelInput("理由", choices: CancelAction.reasons.map(\.label)),
            ]),
            PanelItem(.fetch, group: "楽天ペイ・受注取得"),
            PanelItem(.importRMSCSV, group: "楽天ペイ・受注取得", inputs: [
                // A file with a refused order: left in the folder (to be fixed), or its valid orders taken in.
                PanelInput("拒否した注文", choices: ["残す", "正しい注文を取込"]),
            ]),
            PanelItem(.reconcile, group: "楽天ペイ・受注取得", inputs: [
                PanelInput("期間", choices: ReconcilePeriod.allCases.map(\.label)),
                PanelInput("ない注文", choices: ["確かめるだけ", "取り込む"]),
            ]),
            PanelItem(.changeStatus, group: "ステータス・チェック項目", inputs: [
                PanelInput("変更先", choices: statuses.map(\.name)),
            ]),
            PanelItem(.setFlag, group: "ステータス・チェック項目", inputs: [
                PanelInput("項目", choices: flags),
            ]),
            PanelItem(.clearFlag, group: "ステータス・チェック項目", inputs: [
                PanelInput("項目", choices: flags),
            ]),
            PanelItem(.writeDate, group: "一括入力", inputs: [
                PanelInput("項目", choices: DateField.allCases.map(\.label)),
                PanelInput("日付", text: "", placeholder: "\(PanelInput.today)（空白: 消す）"),
                PanelInput("方法", choices: WriteDateAction.Mode.allCases.map(\.label)),
            ]),
            PanelItem(.writeFee, group: "一括入力", inputs: [
                PanelInput("項目", choices: WriteFeeAction.Kind.allCases.map(\.label)),
                PanelInput("金額", text: "", placeholder: "円（0〜999,999）"),
            ]),
            PanelItem(.setCarrier, group: "一括入力", inputs: [
                PanelInput("業者", choices: carriers.map { Carrier(code: $0).name }),
            ]),
            PanelItem(.enterOrder, group: "登録・同梱・複製"),
            PanelItem(.bundle, group: "登録・同梱・複製"),
            PanelItem(.unbundle, group: "登録・同梱・複製"),
            PanelItem(.duplicate, group: "登録・同梱・複製"),
            PanelItem(.pushEdit, group: "注文内容修正"),
            PanelItem(.acceptRMSChanges, group: "注文内容修正"),
            PanelItem(.writeLabels, group: "出荷", inputs: [
                PanelInput("形式", choices: LabelFormat.allCases.map(\.shortLabel)),
            ]),
            PanelItem(.importTracking, group: "出荷", inputs: [
                // A file with a refused line: left in the folder (to be fixed), or its valid lines taken in.
                PanelInput("拒否行", choices: ["残す", "有効行を取込"]),
            ]),
            PanelItem(.shipReport, group: "出荷"),
            PanelItem(.shipCorrection, group: "出荷"),
            PanelItem(.sendMail, group: "メール", inputs: [
                PanelInput("テンプレート", choices: mailTemplates),
                PanelInput("送信済みの注文", choices: ["送らない", "再送信する"]),
            ]),
            PanelItem(.testMail, group: "メール", inputs: [
                PanelInput("テンプレート", choices: mailTemplates),
            ]),
            PanelItem(.printSlips, group: "帳票", inputs: [
                PanelInput("種類", choices: SlipChoice.allCases.map(\.label)),
                PanelInput("出力", choices: SlipChoice.outputs),
            ]),
            PanelItem(.printReceipt, group: "帳票", inputs: [
                PanelInput("宛名", freeText: "", placeholder: "空白: 注文者の氏名", perOrder: true),
                PanelInput("但し書き", freeText: "", placeholder: "空白: 既定の但し書き"),
                PanelInput("出力", choices: SlipChoice.outputs),
            ]),
            PanelItem(.testRules, group: "ルール・取り消し"),
            PanelItem(.runRules, group: "ルール・取り消し"),
            PanelItem(.undo, group: "ルール・取り消し", inputs: [
                PanelInput("対象", choices: UndoTarget.allCases.map(\.label)),
            ]),
        ]
    }

    /// The choice made in input `index` (0 when the input is text or missing).
    func choice(_ index: Int) -> Int {
        guard inputs.indices.contains(index), case .choice(_, let chosen) = inputs[index].value else { return 0 }
        return chosen
    }

    /// The text typed in input `index`.
    func text(_ index: Int) -> String {
        guard inputs.indices.contains(index), case .text(let text) = inputs[index].value else { return "" }
        return text
    }
}

/// One input of a panel row: a pick list, or a line of text.
public struct PanelInput: Sendable, Equatable {
    public enum Value: Sendable, Equatable {
        case choice([String], Int)
        case text(String)
    }

    public let label: String
    public var value: Value
    /// Shown while a text input is empty; ``today`` in it is today's date in Japan.
    public let placeholder: String
    /// Takes any character (a receipt's 宛名), not only what a date or an amount is made of.
    public var takesAnyText = false
    /// Typed for one order: never offered for another.
    public var perOrder = false
    /// The kept value is replaced by the next character typed, not added to (the input has just
    /// been reached); Backspace edits it instead.
    public var replacesOnType = false

    /// Where today's date goes in a placeholder.
    public static let today = "{today}"

    public init(_ label: String, choices: [String]) {
        self.label = label
        self.value = .choice(choices, 0)
        self.placeholder = ""
    }

    public init(_ label: String, text: String, placeholder: String) {
        self.label = label
        self.value = .text(text)
        self.placeholder = placeholder
    }

    /// Any text, up to 40 characters: a name, a 但し書き. `perOrder`: typed for one order (a
    /// receipt's 宛名), forgotten when the action has run or the order in hand changes.
    public init(_ label: String, freeText: String, placeholder: String, perOrder: Bool = false) {
        self.init(label, text: freeText, placeholder: placeholder)
        takesAnyText = true
        self.perOrder = perOrder
    }

    /// What a text input takes, for the message when a key is refused.
    public var takes: String { takesAnyText ? "40文字まで" : "数字と - / , と空白" }

    public var isText: Bool { if case .text = value { true } else { false } }

    /// What the input shows: the choice made, or the text typed.
    public var display: String {
        switch value {
        case .choice(let choices, let index): choices.indices.contains(index) ? choices[index] : "（なし）"
        case .text(let text): text
        }
    }

    /// Moves to the next (or previous) choice, wrapping round.
    mutating func cycle(by delta: Int) {
        guard case .choice(let choices, let index) = value, !choices.isEmpty else { return }
        value = .choice(choices, ((index + delta) % choices.count + choices.count) % choices.count)
    }

    /// Whether a text input takes `character` (what ``type(_:)`` would type).
    func takes(_ character: Character) -> Bool {
        var probe = self
        return probe.type(character)
    }

    /// Types a character into a text input: digits, "-", "/", ",", and a space (a blank date),
    /// full-width ones as their ASCII forms. False for any other key: it is not the input's.
    mutating func type(_ character: Character) -> Bool {
        let typed = takesAnyText ? character : character.typedASCII
        guard case .text(var text) = value else { return false }
        if takesAnyText {
            guard !character.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
        } else {
            guard typed.isASCII, typed.isNumber || "-/, ".contains(typed) else { return false }
        }
        if replacesOnType { text = "" }
        replacesOnType = false
        guard text.count < 40 else { return true }
        value = .text(text + String(typed))
        return true
    }

    mutating func deleteBackward() {
        replacesOnType = false
        guard case .text(let text) = value, !text.isEmpty else { return }
        value = .text(String(text.dropLast()))
    }
}

/// 取りこぼしを確認する's 期間: the last days by 注文日, today included, up to RMS's reach.
public enum ReconcilePeriod: CaseIterable, Sendable {
    case week, month, quarter, reach

    public var days: Int {
        switch self {
        case .week: 7
        case .month: 30
        case .quarter: 90
        case .reach: SyncService.reconcileReachDays
        }
    }

    public var label: String { self == .reach ? "過去\(days)日（RMSの上限）" : "過去\(days)日" }
}

/// 帳票作成's 種類: the kinds it makes, the picking list in its two forms. (領収書 is a row of its own.)
public enum SlipChoice: CaseIterable, Sendable {
    case deliveryNote, orderSlip, pickingTotals, pickingPerOrder

    public var label: String {
        switch self {
        case .deliveryNote: "納品書"
        case .orderSlip: "受注伝票"
        case .pickingTotals: "ピッキングリスト（商品ごとの合計）"
        case .pickingPerOrder: "ピッキングリスト（注文ごと）"
        }
    }

    public var kind: SlipKind {
        switch self {
        case .deliveryNote: .deliveryNote
        case .orderSlip: .orderSlip
        case .pickingTotals, .pickingPerOrder: .picking
        }
    }

    /// 出力: a PDF in the desk's slip folder, or that PDF sent to the printer too.
    public static let outputs = ["PDFファイル", "プリンタ"]
}
