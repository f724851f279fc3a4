import OrderEngine
import OrderSync

/// A bulk action from preview to result: who will change and how, who is skipped and why, and the
/// buttons (the default is Cancel); then its progress; then each order's outcome.
public struct ActionDialog: Sendable {
    public enum Button: Sendable, Hashable {
        case cancel, proceed
    }

    public enum Stage: Sendable {
        case preview
        /// Being applied or sent: `done` of `total` orders.
        case running(done: Int, total: Int)
        case result(ActionResult)
    }

    public let item: PanelItem
    /// What the plan does, kept without the orders it was made from.
    public let plan: PlanPreview
    /// "選択 4件" or "カーソル行 1件": what the action was asked to apply to.
    public let scope: String
    /// Checked orders that the current view does not show, and whether the operator chose to include them.
    public let hidden: HiddenChecks
    /// For an undo: the batch it takes back.
    public let undoBatch: String?
    /// For 荷物番号を取り込む: the files read and matched, every line of them.
    public var tracking: TrackingPreview?
    /// For RMSの受注CSVを取り込む: the files read and compared, every order of them.
    public var rmsCSV: RMSCSVPreview?
    /// For メール送信: the action as planned (its template, the mails already sent), and what each
    /// mail will be — the cursor order's whole, the others' first lines.
    public var mail: MailPreview?
    /// For 帳票作成 and 領収書: what will be made, and per order its copy and Rakuten's receipts.
    public var slips: SlipPreview?
    /// For ルールを試す and ルールを今すぐ適用: the rules and what each does to each order.
    public var rules: RulesPreview?
    public var stage: Stage = .preview
    public var focused: Button = .cancel
    /// First line of the list shown (the list scrolls).
    public var scroll = 0

    public init(item: PanelItem, plan: Plan, scope: String, hidden: HiddenChecks = HiddenChecks(), undoBatch: String? = nil) {
        self.item = item
        self.plan = PlanPreview(plan)
        self.scope = scope
        self.hidden = hidden
        self.undoBatch = undoBatch
    }

    /// Whether there is anything to do: with nothing to change, only Close is offered.
    public var canProceed: Bool {
        if rules?.testOnly == true { return false }
        return !plan.changes.isEmpty || plan.creationCount > 0 || tracking?.movesFiles == true || rmsCSV?.movesFiles == true
    }

    public var isRunning: Bool { if case .running = stage { true } else { false } }

    public var result: ActionResult? { if case .result(let result) = stage { result } else { nil } }
}

/// Checked orders the view hides (another tab, outside the search): an action leaves them out and
/// its preview names them; the operator may choose to include them there.
public struct HiddenChecks: Sendable, Equatable {
    public var numbers: [OrderNumber]
    public var included: Bool

    public init(numbers: [OrderNumber] = [], included: Bool = false) {
        self.numbers = numbers
        self.included = included
    }
}

/// ルールを試す and ルールを今すぐ適用's preview: per order the rules that act and each step's plan
/// (適用 or スキップ with why), as `juchu rules test` prints it.
public struct RulesPreview: Sendable {
    public let rules: RuleSet
    /// Only tried: nothing is changed, and only Close is offered.
    public let testOnly: Bool
    /// Per order the rules act on: 「代引は保留: 受注ステータス→保留 / 保留（…）」.
    public let lines: [OrderNumber: String]
    /// What the operator must know first (a confirm or a mail goes out and cannot be taken back).
    public let summary: [String]

    public init(rules: RuleSet, testOnly: Bool, lines: [OrderNumber: String], summary: [String]) {
        self.rules = rules
        self.testOnly = testOnly
        self.lines = lines
        self.summary = summary
    }
}

/// メール送信's preview: per order the recipient, the subject and the first lines; the cursor
/// order's mail whole; and the action to run as planned.
public struct MailPreview: Sendable {
    public let action: MailAction
    /// Per order to be mailed: 宛先, 件名 and the body's first lines, on one line.
    public let lines: [OrderNumber: String]
    /// The cursor order's (or the first one's) mail as it will go: headers, then the body.
    public let whole: [String]

    public init(action: MailAction, lines: [OrderNumber: String], whole: [String]) {
        self.action = action
        self.lines = lines
        self.whole = whole
    }
}

/// 荷物番号を取り込む's preview: the files read and matched (every line of each), and whether a
/// file with refused lines is taken in with its valid lines (moved to 取込済) or left to be fixed.
public struct TrackingPreview: Sendable {
    public let imported: TrackingFileImport
    public let takingValidLines: Bool

    public init(imported: TrackingFileImport, takingValidLines: Bool) {
        self.imported = imported
        self.takingValidLines = takingValidLines
    }

    /// Whether going ahead moves a file out of the inbox (even one whose lines are all in already).
    public var movesFiles: Bool {
        imported.files.contains { file in
            if case .failure = file.result { return false }
            return file.refusedCount == 0 || takingValidLines
        }
    }

    /// Every line of every file, in file order: 「3行目 照合 …」 (「ファイル 3行目 …」 when there are several).
    public var lines: [(outcome: TrackingFileImport.Line.Outcome, text: String)] {
        let named = imported.files.count > 1
        return imported.files.flatMap { file -> [(outcome: TrackingFileImport.Line.Outcome, text: String)] in
            if case .failure(let error) = file.result { return [(.refused, "\(file.name)  読めません: \(error.description)")] }
            return file.lines.map { line in
                (line.outcome, (named ? "\(file.name) " : "") + "\(line.line)行目 \(line.label) \(line.trackingNumber)\(line.trackingNumber.isEmpty ? "" : " ")\(line.text)")
            }
        }
    }
}

/// RMSの受注CSVを取り込む's preview: the files read and compared with the store (every order of
/// each, every line accounted for), and whether a file with a refused order is taken in with its
/// valid orders (moved to 取込済) or left to be fixed.
public struct RMSCSVPreview: Sendable {
    public let read: RMSOrderCSVImport.ReadFiles
    public let report: RMSOrderCSVImport.Report
    /// The files going ahead takes in (``RMSOrderCSVImport/preview(_:store:storeAs:takingValidOrders:)``).
    public let takenPaths: Set<String>
    public let takingValidOrders: Bool
    /// The status new orders start at (the fetch's).
    public let storeAs: LocalStatus

    public init(
        read: RMSOrderCSVImport.ReadFiles, report: RMSOrderCSVImport.Report, takenPaths: Set<String>, takingValidOrders: Bool,
        storeAs: LocalStatus
    ) {
        self.read = read
        self.report = report
        self.takenPaths = takenPaths
        self.takingValidOrders = takingValidOrders
        self.storeAs = storeAs
    }

    public var movesFiles: Bool { !takenPaths.isEmpty }

    /// Every order of every file, in file order: 「398211-… 2,3行目 差分あり 送料: …」, and each line refused alone.
    public var lines: [(outcome: RMSOrderCSVImport.Outcome?, text: String)] {
        let named = report.files.count > 1
        return report.files.flatMap { file -> [(outcome: RMSOrderCSVImport.Outcome?, text: String)] in
            let name = file.name
            guard case .success(let read) = file.read else {
                if case .failure(let error) = file.read { return [(.refused(error.description), "\(name)  読めません: \(error.description)")] }
                return []
            }
            let prefix = named ? name + " " : ""
            return file.orders.map { order in
                (order.outcome, prefix + "\(order.number)  \(order.lines.map(String.init).joined(separator: ","))行目 \(order.outcome.label) \(order.outcome.text)")
            } + read.looseRefusals.map { (.refused($0.reason), prefix + "\($0.line)行目 拒否 \($0.reason)") }
        }
    }
}

/// What became of each order of an applied action: every order of its preview, done, failed or
/// skipped (対象 = 成功 + 失敗 + スキップ).
public struct ActionResult: Sendable {
    public enum Outcome: Sendable, Hashable {
        case succeeded, failed, skipped
    }

    public struct Line: Sendable {
        public let number: OrderNumber
        public let outcome: Outcome
        public let text: String

        public init(number: OrderNumber, outcome: Outcome, text: String) {
            self.number = number
            self.outcome = outcome
            self.text = text
        }

        public var ok: Bool { outcome == .succeeded }
    }

    /// Failures first (they are what the operator has to act on), then skips, then the rest.
    public var lines: [Line]
    /// Stopped by the operator before every order was done.
    public var stopped: Bool
    /// The journal batch, when what was done can be undone.
    public var batchID: String?
    /// What the action made, said after the counts (the file written).
    public var note: String?

    public init(lines: [Line], stopped: Bool = false, batchID: String? = nil) {
        self.lines = lines.filter { $0.outcome == .failed } + lines.filter { $0.outcome == .skipped } + lines.filter(\.ok)
        self.stopped = stopped
        self.batchID = batchID
    }

    public var succeeded: Int { lines.filter(\.ok).count }
    /// The orders that failed: what a retry sends again (skipped ones are not retried).
    public var failed: [OrderNumber] { lines.filter { $0.outcome == .failed }.map(\.number) }
    public var skipped: Int { lines.filter { $0.outcome == .skipped }.count }

    /// The result with the preview's skips added: every order the preview listed is in it once.
    func adding(_ skips: [Plan.Skip]) -> ActionResult {
        let present = Set(lines.map(\.number))
        let more = skips.filter { !present.contains($0.number) }.map { Line(number: $0.number, outcome: .skipped, text: $0.reason.text) }
        var result = ActionResult(lines: lines + more, stopped: stopped, batchID: batchID)
        result.note = note
        return result
    }
}

/// 帳票作成's and 領収書's preview: how many documents and about how many pages, where they go,
/// and per order which copy it will be and whether the buyer already issued Rakuten's receipt.
public struct SlipPreview: Sendable {
    public let request: SlipMaker.Request
    public let summary: [String]
    /// Lines said in yellow: 再発行, receipts already issued through Rakuten.
    public let warnings: [String]
    public let lines: [OrderNumber: String]

    public init(request: SlipMaker.Request, summary: [String], warnings: [String], lines: [OrderNumber: String]) {
        self.request = request
        self.summary = summary
        self.warnings = warnings
        self.lines = lines
    }
}
