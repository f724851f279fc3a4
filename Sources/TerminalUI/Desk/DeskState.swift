import Foundation
import OrderEngine
import OrderStore
import ShopSettings

/// Everything the desk shows, and how keys change it. Pure: loading and sending are asked for as
/// ``DeskEffect``s, which the controller carries out and answers with ``DeskEvent``s.
public struct DeskState: Sendable {
    public enum Pane: Int, Sendable, CaseIterable {
        case grid, panel, detail
    }

    public let shopID: String
    public let operatorName: String
    /// The operator's role: what the desk offers (config.toml's [operators]; 管理 without it).
    public var permission: OperatorPermission
    public let statuses: [LocalStatus]
    /// Where an order goes with its 発送完了報告 (nil: its status is left).
    public var statusAfterShipReport: LocalStatus? = .shipped
    public let keymap: Keymap
    public var tabIndex = 0
    /// The tab 全件 was reached from, for the same key to go back.
    public var tabBeforeAllOrders: Int?
    public var counts: [LocalStatus: Int] = [:]
    public var grid = GridModel()
    /// Checked orders, in the order they were checked; they survive tab changes.
    public var marks: [OrderNumber] = [] {
        didSet {
            markSet = Set(marks)
            marksVersion &+= 1
        }
    }
    /// Moves on with every change of the checks (what a value typed for one order is kept against).
    private(set) var marksVersion = 0
    /// The checked orders as a set, kept with `marks`: every frame asks each row, and the
    /// checks may be thousands.
    private(set) var markSet: Set<OrderNumber> = []
    public var detail: Order?
    public var detailJournal: [JournalEntry] = []
    /// The detail order's mails (template, state, when, by whom).
    public var detailMails: [OrderStore.MailRecord] = []
    /// The detail order's bundle, every member with its 請求金額 (empty when not bundled).
    public var detailBundle: [OrderStore.BundleMember] = []
    /// What the shop's rules did to the detail's order: each rule that acted and what it matched.
    public var detailRules: [RuleAct] = []
    /// The detail order's cautions (``DeskEvent/detailLoaded(_:journal:mails:bundle:rules:cautions:)``).
    public var detailCautions: [String] = []
    /// A kept mail opened over the desk (m).
    public var mailViewer: MailViewer?
    public var detailScroll = 0
    public var focus: Pane = .grid
    public var panelItems: [PanelItem]
    public var panelCursor = 0
    /// The input of the chosen panel row the keys go to; nil while the row itself has the focus
    /// (keys choose and run rows). An input takes the focus on Enter, Right, or a character it
    /// takes that no key is bound to; Esc gives it back to the row.
    public var panelInput: Int?
    /// The pane an action's key or the palette took the focus from to open a panel input: the
    /// focus goes back there after the action runs (or Esc leaves the input).
    public var focusBeforeInput: Pane?
    /// The command palette (`:`), while it is open.
    public var palette: CommandPalette?
    public var dialog: ActionDialog?
    /// 注文内容修正 of the cursor row, while it is open.
    public var editForm: OrderEditForm?
    /// 荷物番号の入力, open over the desk.
    public var parcelForm: ParcelForm?
    /// 受注を登録, open over the desk.
    public var orderEntry: HandOrderForm?
    /// 取りこぼしを確認する is asking RMS (one at a time).
    public var reconciling = false
    /// Its report, waiting for the form or dialog open when it came to close.
    public var pendingReport: ActionDialog?
    public var showingHelp = false
    /// The help's page, when it takes more than one screen.
    public var helpPage = 0
    /// The terminal's height when the desk was last drawn (how many pages the help takes).
    public var screenHeight = 24
    /// Ctrl-C asks before the desk closes.
    public var askingToQuit = false
    /// The text searched for (`/`); nil when the grid is not searched.
    public var search: String?
    /// A search is being read in the background: its rows are not shown yet.
    public var searching = false
    /// Checked orders the view does not show (another status tab, a search): read with the rows.
    public var marksOutsideView = 0
    /// A search that finds nothing in this tab: how many it finds in every status (nil: not asked).
    public var foundElsewhere: Int?
    /// Whether keys are going into the search line.
    public var typingSearch = false
    /// The last row checked, where a range (mark-range) starts.
    public var lastMarked: OrderNumber?
    /// Named views from the config (`v`, then the view's number).
    public let views: [SavedView]
    /// The grid's columns, in the shop's order (config.toml).
    public let columns: [GridColumn]
    /// Whether the list of views is open, waiting for a number.
    public var choosingView = false
    public var message: DeskMessage?
    public var status = DeskStatus()
    public var quitRequested = false

    /// The shop's flags (チェック項目) when the config names none.
    public init(
        shopID: String, operatorName: String, statuses: [LocalStatus] = LocalStatus.defaults,
        flags: [String] = ShopConfig.defaultFlags, views: [SavedView] = SavedView.defaults,
        columns: [GridColumn] = GridColumn.defaults, mailTemplates: [String] = [], mailTemplateFiles: [String: String] = [:],
        keymap: Keymap
    ) {
        self.mailTemplateFiles = mailTemplateFiles
        self.views = views
        self.columns = columns
        self.shopID = shopID
        self.operatorName = operatorName
        self.permission = OperatorPermission(name: operatorName, role: .manager)
        self.statuses = statuses
        self.keymap = keymap
        self.panelItems = PanelItem.standard(statuses: statuses, flags: flags, mailTemplates: mailTemplates)
    }

    /// The tabs: each status, then 全件 (every order of every status: a search there finds any).
    public var tabCount: Int { statuses.count + 1 }
    /// The 全件 tab's index.
    public var allOrdersTab: Int { statuses.count }
    /// The status of the tab shown; nil on 全件.
    public var currentStatus: LocalStatus? { tabIndex < statuses.count ? statuses[tabIndex] : nil }
    /// The tab's name: the status, or 全件.
    public var tabName: String { currentStatus?.name ?? Self.allOrdersName }
    public static let allOrdersName = "全件"
    public var filter: GridFilter { GridFilter(localStatus: currentStatus, search: search, mailTemplates: mailTemplateFiles) }
    /// The shop's mail templates, 名前 → file name (メール: in the search line takes either).
    public let mailTemplateFiles: [String: String]

    /// Why the operator's role does not allow `action` (to be said where it is offered), or nil.
    public func refusal(for action: DeskAction) -> String? {
        permission.refusal(action.panelAction?.title ?? action.label, needs: action.requiredRole)
    }

    /// The panel row chosen, and the one the confirm key (c) plans.
    public var chosenPanelItem: PanelItem { panelItems[panelCursor] }

    public func isMarked(_ number: OrderNumber) -> Bool { markSet.contains(number) }

    /// 「選択 8件（うち表示外 3件）」: how many are checked, and how many of them the view hides.
    public var marksText: String {
        "選択 \(marks.count)件" + (marksOutsideView > 0 && !marks.isEmpty ? "（うち表示外 \(marksOutsideView)件）" : "")
    }

    /// The orders an action applies to: the checked ones, or the cursor row when none is checked.
    public var targets: (numbers: [OrderNumber], scope: String) {
        if !marks.isEmpty { return (marks, marksText) }
        if let row = grid.cursorRow { return ([row.number], "カーソル行 1件（\(row.number)）") }
        return ([], "対象なし")
    }
}

/// What the desk asks the controller to do.
public enum DeskEffect: Sendable {
    /// Reload the grid from the top for the current filter (and the tab counts).
    case reloadRows
    /// Load more rows after the last one.
    case loadMoreRows
    case loadDetail(OrderNumber)
    /// Read a panel row's inputs, plan its action for these orders and open the preview.
    /// `checks`: the orders are the checked ones (those the view hides are left out and named,
    /// unless `includingHidden`).
    case plan(PanelItem, [OrderNumber], scope: String, checks: Bool = false, includingHidden: Bool = false)
    /// Carry out the plan the operator accepted.
    case run(ActionDialog)
    /// Stop the running action after the part in hand.
    case stopRunning
    /// Find every order the current filter shows, to check them all or invert their checks.
    case markAllMatching(invert: Bool)
    case refreshRMSStatus([OrderNumber])
    case fetch
    case redrawAll
    /// Read the order to open 注文内容修正 on it.
    case openEdit(OrderNumber)
    /// Save an edit of the order the form opened on: its amounts (nil: not changed) and its details.
    case saveEdit(OrderEdit?, DetailEdit, original: Order, context: DetailEdit.Context)
    /// Look a postcode (seven digits) up in Japan Post's data, to fill the form's address.
    case lookUpPostcode(String)
    /// Read the order's kept mails to open them.
    case openMail(OrderNumber)
    /// Read the order to open 荷物番号の入力 on it.
    case openParcels(OrderNumber)
    /// Save the changes to an order's parcels, as they were when the form opened (`expected`).
    case saveParcels([ParcelEdit], of: OrderNumber, expected: [Parcel])
    /// Give the terminal back to the shell until the operator resumes the desk (Ctrl-Z, fg).
    case suspend
    /// Read the shop's products and open 受注を登録.
    case openOrderEntry
    /// Store the order the form made (checked again against the clock), with a number of its own.
    case enterOrder(HandOrderDraft)
}

/// Why 受注を登録 did not store the order: the problems of its fields, or the store's refusal.
public enum OrderEntryRefusal: Error, Sendable {
    case fields(HandOrderProblems)
    case notStored(String)
}

/// What the controller tells the desk.
public enum DeskEvent: Sendable {
    /// `elsewhere`: a search that finds nothing in the tab, counted in every status.
    case rowsLoaded([OrderRow], hasMore: Bool, total: Int, counts: [LocalStatus: Int], appended: Bool, elsewhere: Int? = nil)
    /// `bundle`: the detail order's bundle (同梱), each member with its 請求金額.
    /// `cautions`: what the operator must check that the order does not hold (an address its
    /// postcode does not belong to).
    case detailLoaded(
        Order?, journal: [JournalEntry], mails: [OrderStore.MailRecord] = [], bundle: [OrderStore.BundleMember] = [], rules: [RuleAct] = [],
        cautions: [String] = [])
    /// The cursor order's kept mails, to read (nil: it has none).
    case mailOpened(MailViewer?)
    case planned(ActionDialog)
    case progress(done: Int, total: Int)
    case finished(ActionResult)
    /// Every order the filter shows (for mark-all / invert-marks).
    case matching([OrderNumber], invert: Bool)
    case message(DeskMessage)
    case sync(StatusChange)
    case editOpened(Order?, context: DetailEdit.Context = OrderEditForm.defaultContext)
    /// Japan Post's places for a postcode typed into the form (`problem`: why none could be read).
    case postcodeFound(String, places: [PostcodePlace], problem: String? = nil)
    /// The save's refusals; empty when it was saved.
    case editSaved(problems: [String])
    case parcelsOpened(Order?, today: CalendarDate)
    /// Why the parcels were not saved; nil when they were.
    case parcelsSaved(problem: String?)
    case orderEntryOpened(HandOrderForm)
    /// 取りこぼしを確認する's report, as a result to read.
    case reconciled(ActionDialog)
    /// 取りこぼしを確認する could not finish: why.
    case reconcileFailed(String)
    /// The order stored (with its number), or why it was not.
    case orderEntered(Result<Order, OrderEntryRefusal>)

    public enum StatusChange: Sendable {
        case fetchStarted
        case fetchProgress(done: Int, total: Int)
        /// `isWarning`: orders RMS listed were not returned or could not be read.
        case fetchFinished(at: Date, message: String, isWarning: Bool)
        case writeProgress(label: String, sent: Int, total: Int)
        case writeFinished(message: String, failed: Bool)
        case failed(message: String)
        case nextFetch(Date?)
        /// This desk's worker holds the lease (syncs) or another process does.
        case workerActive(Bool)
        /// Something the operator should know, not an error.
        case notice(String)
        /// Days until the licenceKey expires, as RMS says.
        case licenseDaysLeft(Int)
        /// Orders late for their 発送完了報告, and reported ones RMS has not moved to 発送済 (``ShippingWatch``).
        case shippingWatch(late: Int, stuck: Int)
    }
}
