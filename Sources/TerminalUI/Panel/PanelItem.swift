import OrderEngine

/// A row of the processing panel (処理パネル), as operators know them from GoQ's panel, with its
/// inputs in place: the status to change to, the date field, its value and 追記/上書き, the fee...
public struct PanelItem: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case confirm, refreshRMSStatus, cancel
        case changeStatus, writeDate, writeFee, setCarrier, setFlag, clearFlag
        case bundle, unbundle, duplicate
        case pushEdit, acceptRMSChanges
        case undo, fetch
    }

    public let kind: Kind
    public let group: String
    public let title: String
    public var inputs: [PanelInput]

    public init(_ kind: Kind, group: String, title: String, inputs: [PanelInput] = []) {
        self.kind = kind
        self.group = group
        self.title = title
        self.inputs = inputs
    }

    /// The panel a shop starts with: its statuses and flags in the pick lists.
    public static func standard(statuses: [LocalStatus], flags: [String]) -> [PanelItem] {
        let carriers = Carrier.names.keys.sorted()
        return [
            PanelItem(.confirm, group: "楽天ペイ", title: "注文確認通知を送る"),
            PanelItem(.refreshRMSStatus, group: "楽天ペイ", title: "RMSステータスを取得"),
            PanelItem(.cancel, group: "楽天ペイ", title: "キャンセルする", inputs: [
                PanelInput("理由", choices: CancelAction.reasons.map(\.label)),
            ]),
            PanelItem(.changeStatus, group: "受注ステータス", title: "受注ステータスを変更", inputs: [
                PanelInput("変更先", choices: statuses.map(\.name)),
            ]),
            PanelItem(.writeDate, group: "一括入力", title: "日付を書き込む", inputs: [
                PanelInput("項目", choices: DateField.allCases.map(\.label)),
                PanelInput("日付", text: "", placeholder: "\(PanelInput.today)（空白: 消す）"),
                PanelInput("方法", choices: WriteDateAction.Mode.allCases.map(\.label)),
            ]),
            PanelItem(.writeFee, group: "一括入力", title: "手数料を書き込む", inputs: [
                PanelInput("項目", choices: WriteFeeAction.Kind.allCases.map(\.label)),
                PanelInput("金額", text: "", placeholder: "円（0〜999,999）"),
            ]),
            PanelItem(.setCarrier, group: "一括入力", title: "配送業者を設定", inputs: [
                PanelInput("業者", choices: carriers.map { Carrier(code: $0).name }),
            ]),
            PanelItem(.setFlag, group: "チェック項目", title: "チェック項目を適用", inputs: [
                PanelInput("項目", choices: flags),
            ]),
            PanelItem(.clearFlag, group: "チェック項目", title: "チェック項目をはずす", inputs: [
                PanelInput("項目", choices: flags),
            ]),
            PanelItem(.bundle, group: "同梱・複製", title: "同梱する"),
            PanelItem(.unbundle, group: "同梱・複製", title: "同梱を解除する"),
            PanelItem(.duplicate, group: "同梱・複製", title: "受注を複製する（手入力の注文）"),
            PanelItem(.pushEdit, group: "注文内容修正", title: "入力内容を反映する（RMS）"),
            PanelItem(.acceptRMSChanges, group: "注文内容修正", title: "RMSの変更を受け入れる（差分あり）"),
            PanelItem(.undo, group: "取り消し", title: "直前の一括処理を取り消す"),
            PanelItem(.fetch, group: "受注取得", title: "今すぐ取得する"),
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

    /// Types a character into a text input: digits, "-", "/", ",", and a space (a blank date),
    /// full-width ones as their ASCII forms. False for any other key: it is not the input's.
    mutating func type(_ character: Character) -> Bool {
        let typed = character.typedASCII
        guard case .text(var text) = value, typed.isASCII, typed.isNumber || "-/, ".contains(typed) else { return false }
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
