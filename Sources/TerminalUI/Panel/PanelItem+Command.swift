import Foundation
import OrderEngine
import ShippingFiles

extension PanelItem {
    /// The row's inputs turned into the action they say; a bad input (a date that is not one, a
    /// fee out of range) is refused with the engine's words.
    public func action(statuses: [LocalStatus]) throws(ActionInputError) -> OrderAction {
        switch kind {
        case .confirm: return .confirm
        case .refreshRMSStatus: return .refreshRMSStatus
        case .cancel: return .cancel(reasonCode: CancelAction.reasons[choice(0)].code)
        case .changeStatus:
            guard statuses.indices.contains(choice(0)) else { throw ActionInputError("受注ステータスを選んでください") }
            return .changeStatus(statuses[choice(0)])
        case .writeDate:
            return try .writeDate(DateField.allCases[choice(0)], text: text(1), mode: WriteDateAction.Mode.allCases[choice(2)])
        case .writeFee:
            return try .writeFee(WriteFeeAction.Kind.allCases[choice(0)], text: text(1))
        case .setCarrier:
            return .setCarrier(Carrier(code: Carrier.names.keys.sorted()[choice(0)]))
        case .setFlag, .clearFlag:
            guard !inputs.isEmpty, case .choice(let flags, let index) = inputs[0].value, flags.indices.contains(index) else {
                throw ActionInputError("チェック項目がありません（設定で追加してください）")
            }
            return kind == .setFlag ? .setFlag(flags[index]) : .clearFlag(flags[index])
        case .bundle: return .bundle
        case .unbundle: return .unbundle
        case .duplicate: return .duplicate
        case .pushEdit: return .pushEdit
        case .acceptRMSChanges: return .acceptRMSChanges
        case .shipReport: return .shipReport
        case .shipCorrection: return .shipCorrection
        case .importTracking: return .importTracking(takingValidLines: choice(0) == 1)
        case .importRMSCSV: return .importRMSCSV(takingValidOrders: choice(0) == 1)
        case .writeLabels:
            let format = LabelFormat.allCases[min(choice(0), LabelFormat.allCases.count - 1)]
            return .writeLabels(format.choice)
        case .testRules, .runRules: return .rules(run: kind == .runRules)
        case .undo: return .undo(UndoTarget.allCases[min(choice(0), UndoTarget.allCases.count - 1)])
        case .fetch: return .fetch
        case .enterOrder: return .enterOrder
        case .reconcile:
            return .reconcile(days: ReconcilePeriod.allCases[min(choice(0), ReconcilePeriod.allCases.count - 1)].days, fetching: choice(1) == 1)
        case .sendMail, .testMail:
            guard !inputs.isEmpty, case .choice(let templates, let index) = inputs[0].value, templates.indices.contains(index) else {
                throw ActionInputError("メールのテンプレートがありません（config.toml の [mail] と、メールのテンプレートのフォルダを確かめてください）")
            }
            return kind == .sendMail ? .sendMail(template: templates[index], resend: choice(1) == 1) : .testMail(template: templates[index])
        case .printSlips:
            let choice = SlipChoice.allCases[min(choice(0), SlipChoice.allCases.count - 1)]
            return .printSlips(SlipOrder(kind: choice.kind, perOrderPicking: choice == .pickingPerOrder, toPrinter: self.choice(1) == 1))
        case .printReceipt:
            let addressee = text(0).trimmingCharacters(in: .whitespaces), purpose = text(1).trimmingCharacters(in: .whitespaces)
            return .printSlips(SlipOrder(kind: .receipt, addressee: addressee.isEmpty ? nil : addressee,
                                    purpose: purpose.isEmpty ? nil : purpose, toPrinter: choice(2) == 1))
        }
    }
}
