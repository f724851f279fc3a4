import Foundation
import OrderEngine
import ShippingFiles

/// What a panel row asks for once its inputs are read: an engine action to plan, or one of the
/// desk's own commands.
public enum PanelCommand: Sendable {
    case bulk(any BulkAction)
    case undo
    case fetch
    /// 荷物番号を取り込む: the files waiting in the desk's tracking folder.
    case importTracking
    /// メール送信 with the template of this 名前; `resend`: to orders that already have it too.
    case mail(template: String, resend: Bool)
    /// 自分宛にテスト送信: the cursor order's mail of this template to the shop's own address.
    case testMail(template: String)
    /// 帳票作成 and 領収書: what to make and where it goes.
    case slips(SlipOrder)
}

/// A document the panel asks for: its kind, a picking list's form, a receipt's 宛名 and
/// 但し書き (nil: the orderer's name, the shop's default), and whether it goes to the printer.
public struct SlipOrder: Sendable, Equatable {
    public var kind: SlipKind
    public var perOrderPicking = false
    public var addressee: String?
    public var purpose: String?
    public var toPrinter = false
}

extension PanelItem {
    /// The row's inputs turned into what it does; a bad input (a date that is not one, a fee out
    /// of range) is refused with the engine's words.
    /// `today`: the day in Japan, which a ship date may not be after; `statusAfterShipReport`:
    /// where a reported order goes (config.toml's shipping.status_after_report).
    public func command(
        statuses: [LocalStatus], statusAfterShipReport: LocalStatus? = .shipped,
        today: CalendarDate = CalendarDate(japanDayOf: JapanTime(Date()))
    ) throws(ActionInputError) -> PanelCommand {
        switch kind {
        case .confirm: return .bulk(ConfirmAction())
        case .refreshRMSStatus: return .bulk(RefreshRMSStatusAction())
        case .cancel: return .bulk(try CancelAction(reasonCode: CancelAction.reasons[choice(0)].code))
        case .changeStatus:
            guard statuses.indices.contains(choice(0)) else { throw ActionInputError("受注ステータスを選んでください") }
            return .bulk(ChangeStatusAction(to: statuses[choice(0)]))
        case .writeDate:
            return .bulk(try WriteDateAction(
                DateField.allCases[choice(0)], text: text(1), mode: WriteDateAction.Mode.allCases[choice(2)]))
        case .writeFee:
            return .bulk(try WriteFeeAction(WriteFeeAction.Kind.allCases[choice(0)], text: text(1)))
        case .setCarrier:
            return .bulk(try SetCarrierAction(Carrier(code: Carrier.names.keys.sorted()[choice(0)])))
        case .setFlag, .clearFlag:
            guard !inputs.isEmpty, case .choice(let flags, let index) = inputs[0].value, flags.indices.contains(index) else {
                throw ActionInputError("チェック項目がありません（設定で追加してください）")
            }
            return .bulk(try FlagAction(flags[index], set: kind == .setFlag))
        case .bundle: return .bulk(BundleAction())
        case .unbundle: return .bulk(UnbundleAction())
        case .duplicate: return .bulk(DuplicateAction())
        case .pushEdit: return .bulk(PushEditAction())
        case .acceptRMSChanges: return .bulk(AcceptRMSChangesAction())
        case .shipReport: return .bulk(ShipReportAction(today: today, statusAfter: statusAfterShipReport))
        case .shipCorrection: return .bulk(ShipCorrectionAction())
        case .importTracking: return .importTracking
        case .writeLabels:
            let format = LabelFormat.allCases[min(choice(0), LabelFormat.allCases.count - 1)]
            return .bulk(WriteLabelsAction(formatName: format.shortLabel, takesConvenienceStores: format.takesConvenienceStores))
        case .undo: return .undo
        case .fetch: return .fetch
        case .sendMail, .testMail:
            guard !inputs.isEmpty, case .choice(let templates, let index) = inputs[0].value, templates.indices.contains(index) else {
                throw ActionInputError("メールのテンプレートがありません（config.toml の [mail] と、メールのテンプレートのフォルダを確かめてください）")
            }
            return kind == .sendMail ? .mail(template: templates[index], resend: choice(1) == 1) : .testMail(template: templates[index])
        case .printSlips:
            let choice = SlipChoice.allCases[min(choice(0), SlipChoice.allCases.count - 1)]
            return .slips(SlipOrder(kind: choice.kind, perOrderPicking: choice == .pickingPerOrder, toPrinter: self.choice(1) == 1))
        case .printReceipt:
            let addressee = text(0).trimmingCharacters(in: .whitespaces), purpose = text(1).trimmingCharacters(in: .whitespaces)
            return .slips(SlipOrder(kind: .receipt, addressee: addressee.isEmpty ? nil : addressee,
                                    purpose: purpose.isEmpty ? nil : purpose, toPrinter: choice(2) == 1))
        case .sendMailResult, .edit, .setParcels, .shipReportResult, .shipCorrectionResult, .shipReportReadback, .confirmResult, .cancelResult, .pushEditResult, .confirmPoll, .rmsWatch, .settle, .pushEditReadback, .rmsReadable:
            throw ActionInputError("「\(title)」は処理パネルの項目ではありません")
        }
    }
}
