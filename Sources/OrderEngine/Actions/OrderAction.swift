/// An action as a value: what an operator asks for at the panel or on the command line, what a
/// rule (rules.toml) asks for, what a test builds — the action and its inputs, typed and checked.
/// Every caller builds this one value; ``engineAction(today:statusAfterShipReport:)`` turns it
/// into what the engine plans. The desk's own commands (取り消し, 取得, メール, 帳票, 荷物番号の取り込み)
/// are values here too, planned by the services that hold what they need (templates, files).
public enum OrderAction: Sendable, Equatable {
    case confirm
    case refreshRMSStatus
    case cancel(reasonCode: Int)
    case changeStatus(LocalStatus)
    /// 一括入力 of a date field; nil clears it (上書き only).
    case writeDate(DateField, CalendarDate?, WriteDateAction.Mode)
    /// 手数料一括入力, in whole yen.
    case writeFee(WriteFeeAction.Kind, amount: Int)
    case setCarrier(Carrier)
    case setFlag(String)
    case clearFlag(String)
    case bundle
    case unbundle
    case duplicate
    case pushEdit
    case acceptRMSChanges
    /// 送り状データ in this carrier's format (``WriteLabelsAction``).
    case writeLabels(LabelFormatChoice)
    /// 荷物番号を取り込む from the tracking folder; `takingValidLines`: a file with a refused line
    /// is taken in with its valid lines rather than left in the folder.
    case importTracking(takingValidLines: Bool)
    /// RMSの受注CSVを取り込む from the orders folder; `takingValidOrders`: a file with a refused
    /// order is taken in with its valid orders rather than left in the folder.
    case importRMSCSV(takingValidOrders: Bool)
    case shipReport
    case shipCorrection
    /// メール送信 with the template of this 名前; `resend`: to orders that already have it too.
    case sendMail(template: String, resend: Bool)
    /// 自分宛にテスト送信: the cursor order's mail of this template to the shop's own address.
    case testMail(template: String)
    /// 帳票作成 and 領収書.
    case printSlips(SlipOrder)
    /// ルールを試す (nothing changed) and ルールを今すぐ適用: the shop's rules on the orders chosen.
    case rules(run: Bool)
    /// 直前の一括処理を取り消す: this desk's last batch, or the rules' last (any desk may take a
    /// rule's batch back: no operator made it).
    case undo(UndoTarget)
    case fetch
    /// 受注を登録: opens the form (the order is the form's, not a plan's).
    case enterOrder
    /// 取りこぼしの確認 of the last `days` days (注文日, today included); `fetching`: the orders
    /// RMS has and the store lacks are brought in through the fetch's own import.
    case reconcile(days: Int, fetching: Bool)

    /// Its identity: what the journal, the outbox and keymap.toml call it.
    public var id: ActionID {
        switch self {
        case .confirm: .confirm
        case .refreshRMSStatus: .refreshRMSStatus
        case .cancel: .cancel
        case .changeStatus: .changeStatus
        case .writeDate: .writeDate
        case .writeFee: .writeFee
        case .setCarrier: .setCarrier
        case .setFlag: .setFlag
        case .clearFlag: .clearFlag
        case .bundle: .bundle
        case .unbundle: .unbundle
        case .duplicate: .duplicate
        case .pushEdit: .pushEdit
        case .acceptRMSChanges: .acceptRMSChanges
        case .writeLabels: .writeLabels
        case .importTracking: .importTracking
        case .importRMSCSV: .importRMSCSV
        case .shipReport: .shipReport
        case .shipCorrection: .shipCorrection
        case .sendMail: .sendMail
        case .testMail: .testMail
        case .printSlips(let slip): slip.kind == .receipt ? .printReceipt : .printSlips
        case .rules(let run): run ? .runRules : .testRules
        case .undo: .undo
        case .fetch: .fetch
        case .enterOrder: .enterOrder
        case .reconcile: .reconcile
        }
    }

    /// 一括入力 of a date as operators type it: blank clears (上書き only), anything else must be a date.
    public static func writeDate(_ field: DateField, text: String, mode: WriteDateAction.Mode) throws(ActionInputError) -> OrderAction {
        let action = try WriteDateAction(field, text: text, mode: mode)
        return .writeDate(field, action.date, mode)
    }

    /// 手数料一括入力 as operators type it (1,200円).
    public static func writeFee(_ kind: WriteFeeAction.Kind, text: String) throws(ActionInputError) -> OrderAction {
        .writeFee(kind, amount: try WriteFeeAction(kind, text: text).amount)
    }

    /// What the engine plans for it; nil for the desk's own commands (undo, fetch, mail, slips,
    /// tracking import), which their services plan. An input out of range is refused with the
    /// engine's words. `today`: the day in Japan, which a ship date may not be after;
    /// `statusAfterShipReport`: where a reported order goes (config.toml's shipping.status_after_report).
    public func engineAction(today: CalendarDate, statusAfterShipReport: LocalStatus? = .shipped) throws(ActionInputError) -> (any BulkAction)? {
        switch self {
        case .confirm: ConfirmAction()
        case .refreshRMSStatus: RefreshRMSStatusAction()
        case .cancel(let code): try CancelAction(reasonCode: code)
        case .changeStatus(let status): ChangeStatusAction(to: status)
        case .writeDate(let field, let date, let mode): try WriteDateAction(field, date: date, mode: mode)
        case .writeFee(let kind, let amount): try WriteFeeAction(kind, amount: amount)
        case .setCarrier(let carrier): try SetCarrierAction(carrier)
        case .setFlag(let flag): try FlagAction(flag, set: true)
        case .clearFlag(let flag): try FlagAction(flag, set: false)
        case .bundle: BundleAction()
        case .unbundle: UnbundleAction()
        case .duplicate: DuplicateAction()
        case .pushEdit: PushEditAction()
        case .acceptRMSChanges: AcceptRMSChangesAction()
        case .writeLabels(let format): WriteLabelsAction(format)
        case .shipReport: ShipReportAction(today: today, statusAfter: statusAfterShipReport)
        case .shipCorrection: ShipCorrectionAction()
        case .importTracking, .importRMSCSV, .sendMail, .testMail, .printSlips, .rules, .undo, .fetch, .enterOrder, .reconcile: nil
        }
    }
}

/// Whose batch 直前の一括処理を取り消す takes back.
public enum UndoTarget: Sendable, Equatable, CaseIterable {
    /// The last batch this desk made.
    case thisDesk
    /// The last batch a rule made (rules.toml), whichever process ran it.
    case rules

    /// How the panel's 対象 reads it.
    public var label: String {
        switch self {
        case .thisDesk: "この端末の処理"
        case .rules: "ルールの処理"
        }
    }
}

/// A document asked for: its kind, a picking list's form, a receipt's 宛名 and 但し書き (nil: the
/// orderer's name, the shop's default), and whether it goes to the printer.
public struct SlipOrder: Sendable, Equatable {
    public var kind: SlipKind
    public var perOrderPicking = false
    public var addressee: String?
    public var purpose: String?
    public var toPrinter = false

    public init(kind: SlipKind, perOrderPicking: Bool = false, addressee: String? = nil, purpose: String? = nil, toPrinter: Bool = false) {
        self.kind = kind
        self.perOrderPicking = perOrderPicking
        self.addressee = addressee
        self.purpose = purpose
        self.toPrinter = toPrinter
    }
}
