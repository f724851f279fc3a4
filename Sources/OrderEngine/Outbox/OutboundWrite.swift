/// A write that leaves the machine — to RMS, or a mail to the buyer through Rakuten's relay — one
/// command type for every kind: what it sends, how many orders one call takes, how an unclear
/// outcome is settled (by reading RMS back; a mail's cannot be), and what the answer does to the
/// order. The outbox records its kind before it is sent; one sender and one settler carry out
/// every kind.
public enum OutboundWrite: Sendable, Hashable {
    /// 注文確認通知 (confirmOrder).
    case confirm
    /// 注文キャンセル (cancelOrder) with RMS's reason code (changeReasonDetailApply).
    case cancel(reasonCode: Int)
    /// The order's saved edit, group by group with each group's update function, laid over
    /// RMS's own copy of the order.
    case pushEdit
    /// 発送完了報告 (updateOrderShippingAsync): the parcels being sent, per basket.
    case shippingReport
    /// Reported parcels corrected or deleted by their 発送明細ID (updateOrderShippingAsync).
    case shippingCorrection
    /// A mail to the buyer from the shop's template `template` (its file name), through the relay;
    /// `resend`: the operator chose to send it again after it was sent (or may have been).
    case mail(template: String, resend: Bool = false)

    public var kind: Kind {
        switch self {
        case .confirm: .confirm
        case .cancel: .cancel
        case .pushEdit: .pushEdit
        case .shippingReport: .shippingReport
        case .shippingCorrection: .shippingCorrection
        case .mail: .mail
        }
    }

    /// What the outbox keeps beside the kind: the mail's template.
    public var detail: String? {
        if case .mail(let template, _) = self { template } else { nil }
    }

    /// A kind of write, as the outbox records it (its raw value is the action's id).
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        case confirm
        case cancel
        case pushEdit = "push-edit"
        case shippingReport = "ship-report"
        case shippingCorrection = "ship-correct"
        case mail = "send-mail"

        /// The action that records and sends it.
        public var action: ActionID {
            switch self {
            case .confirm: .confirm
            case .cancel: .cancel
            case .pushEdit: .pushEdit
            case .shippingReport: .shipReport
            case .shippingCorrection: .shipCorrection
            case .mail: .sendMail
            }
        }

        /// What the journal calls the change RMS's answer makes.
        public var resultAction: JournalEvent {
            switch self {
            case .confirm: .confirmResult
            case .cancel: .cancelResult
            case .pushEdit: .pushEditResult
            case .shippingReport: .shipReportResult
            case .shippingCorrection: .shipCorrectionResult
            case .mail: .sendMailResult
            }
        }

        /// Orders one call to RMS takes: confirmOrder 100, cancelOrder and updateOrderSender one.
        /// RMS takes it into a queue and applies it later (updateOrderShippingAsync): its answer is
        /// a requestId, its outcome that request's result.
        public var isAsync: Bool { self == .shippingReport || self == .shippingCorrection }

        public var ordersPerCall: Int {
            switch self {
            case .confirm, .shippingReport, .shippingCorrection: 100
            case .cancel, .pushEdit, .mail: 1
            }
        }

        /// Whether RMS's copy is read again once the write is accepted: a pushed edit's totals
        /// are RMS's to work out.
        public var readsBackWhenAccepted: Bool { self == .pushEdit || self == .shippingReport || self == .shippingCorrection }

        /// Whether RMS's copy is read again after RMS refused the write: a push RMS took in part
        /// (one group taken, the next refused) leaves only what RMS does not hold to send again.
        public var readsBackWhenRefused: Bool { self == .pushEdit }

        /// Whether an unclear outcome can be settled by reading the order back from RMS: a mail's
        /// cannot (the relay tells nothing afterwards), and it stays 結果不明 until the operator decides.
        public var settlesByReadingRMS: Bool { self != .mail }

        /// Why RMS's copy is read back after an accepted write.
        public var readbackAction: JournalEvent { self == .pushEdit ? .pushEditReadback : .shipReportReadback }

        /// Why an order is skipped while the same write is in flight for it.
        public var inFlight: SkipReason {
            switch self {
            case .confirm: .confirmInFlight
            case .cancel: .cancelInFlight
            case .pushEdit: .pushInFlight
            case .shippingReport, .shippingCorrection: .shipReportInFlight
            case .mail: .mailAlreadySent
            }
        }

        /// Fields the action changed that a write RMS did not take puts back as they were before
        /// it (from the journal): a refused cancellation leaves the order in its status; an edit
        /// RMS did not take is pending again, to be pushed once more.
        public var restoredUnlessAccepted: [OrderField] {
            switch self {
            case .confirm: []
            case .cancel: [.localStatus]
            case .pushEdit: [.pendingEdit]
            case .shippingReport: [.parcels, .localStatus]
            case .shippingCorrection: [.parcels]
            case .mail: []
            }
        }

        /// The order once RMS's answer is known. `before`: the values of
        /// ``restoredUnlessAccepted`` before the action changed them.
        /// A journalled value that does not fit its field is thrown, not passed over.
        public func recording(_ outcome: WriteOutcome, on order: Order, before: [OrderField: FieldValue]) throws(FieldValueMismatch) -> Order {
            var order = order
            switch (self, outcome) {
            case (.confirm, .accepted(let progress)):
                if let progress { order.rmsProgress = progress }
                order.sync = .afterConfirmation(rmsProgress: order.rmsProgress)
            case (.confirm, .failed(let errorClass, let detail)):
                order.sync = .failed(errorClass, detail: detail)
            case (.confirm, .unknown):
                order.sync = .confirmSending
            case (.cancel, .accepted(let progress)):
                order.rmsProgress = progress ?? .awaitingCancellation
            case (.cancel, .failed(let errorClass, let detail)):
                try order.restore(before)
                order.sync = .failed(errorClass, detail: detail)
            case (.cancel, .unknown):
                break
            case (.pushEdit, .accepted):
                break
            case (.pushEdit, .failed):
                // RMS's update functions set values: sending the same edit again changes nothing
                // more. A change saved while it was out is kept beside it, not replaced.
                let newer = order.pendingEdit
                try order.restore(before)
                if let newer {
                    order.pendingEdit = if let restored = order.pendingEdit { restored.merging(newer, on: order) } else { newer }
                }
            case (.pushEdit, .unknown):
                // RMS may hold it: nothing is put back (it would be sent again) until RMS's copy
                // says whether it does (``settle(local:rms:)``).
                break
            case (.shippingReport, .accepted):
                order.parcels = order.parcels.map { parcel in
                    var parcel = parcel
                    if parcel.report == .sending { parcel.report = .reported }
                    return parcel
                }
            case (.shippingReport, .failed(let errorClass, let detail)):
                // Not reported: the parcels can be fixed and sent again; the status is as it was.
                try order.restore(before)
                order.sync = .failed(errorClass, detail: detail)
            case (.shippingReport, .unknown), (.shippingCorrection, .unknown):
                // Adding a row twice would report a parcel twice: nothing is sent again until
                // RMS's copy says whether it holds them.
                break
            case (.shippingCorrection, .accepted):
                order.parcels = order.parcels.compactMap { parcel in
                    var parcel = parcel
                    switch parcel.report {
                    case .amendSending: parcel.report = .reported
                    case .deleteSending: return nil
                    default: break
                    }
                    return parcel
                }
            case (.shippingCorrection, .failed(let errorClass, let detail)):
                // 訂正待ち・削除待ち again, to be fixed or sent once more.
                try order.restore(before)
                order.sync = .failed(errorClass, detail: detail)
            case (.mail, _):
                // A mail changes nothing of the order; where it goes next is the template's 送信後ステータス,
                // applied by the sender as a change of its own.
                break
            }
            return order
        }

        /// How the write stands, given the order as the desk has it (`local`, the edit's values
        /// for a push) and as RMS now sends it.
        public func settle(local: Order, rms: Order) -> UnclearWriteSettlement {
            switch self {
            case .confirm:
                if rms.confirmedAt != nil || rms.rmsProgress != .awaitingConfirmation { return .applied(rms.rmsProgress) }
                return .notApplied(reason: "送信結果が不明でしたが、RMSでは未確認のままです。再送できます")
            case .cancel:
                if rms.rmsProgress.isCancelling { return .applied(rms.rmsProgress) }
                return .notApplied(reason: "送信結果が不明でしたが、RMSではキャンセルされていません（\(rms.rmsProgress.label)）。再実行できます")
            case .pushEdit:
                // RMS holds the edit when every group it may have sent is RMS's now: the amounts,
                // 送付先, 注文者, 配送方法, お届け日時・メモ, 備考 and サブステータス as the order holds them.
                // A change saved since: which of the order's values were the push's is not known
                // any more, so the push is put back beside it and both are sent (they set values).
                if local.pendingEdit != nil {
                    return .notApplied(reason: "送信結果が不明な間に変更が保存されました。その変更と合わせて、もう一度反映できます")
                }
                if EditGroup.allCases.allSatisfy({ $0.holdsSame(local, rms) }) {
                    return .applied(rms.rmsProgress)
                }
                return .notApplied(reason: "送信結果が不明でしたが、RMSには反映されていません。もう一度反映できます")
            case .shippingReport:
                // RMS applies an order's rows all or none: it holds the report when it holds every
                // parcel being sent, in its basket, by its number.
                let held = Set(rms.packages.flatMap { package in package.shipments.map { "\(package.basketID)|\($0.trackingNumber ?? "")" } })
                let sending = local.parcels.filter { $0.report == .sending }
                if !sending.isEmpty, sending.allSatisfy({ held.contains("\($0.basketID)|\($0.trackingNumber ?? "")") }) {
                    return .applied(rms.rmsProgress)
                }
                return .notApplied(reason: "送信結果が不明でしたが、RMSに発送情報はありません。もう一度報告できます")
            case .shippingCorrection:
                // By 発送明細ID: a corrected row holds the new number, a deleted one is gone.
                let rows = Dictionary(rms.packages.flatMap(\.shipments).compactMap { row in row.shippingDetailID.map { ($0, row) } },
                                      uniquingKeysWith: { first, _ in first })
                let done = local.parcels.allSatisfy { parcel in
                    guard let id = parcel.shippingDetailID else { return !parcel.report.isInFlight }
                    switch parcel.report {
                    case .amendSending: return rows[id]?.trackingNumber == parcel.trackingNumber && rows[id]?.carrier == parcel.carrier
                    case .deleteSending: return rows[id] == nil
                    default: return true
                    }
                }
                if done { return .applied(rms.rmsProgress) }
                return .notApplied(reason: "送信結果が不明でしたが、RMSの発送情報は訂正・削除されていません。もう一度送れます")
            case .mail:
                return .unknown
            }
        }

        /// What the status bar says while writes of the kind are sent (注文確認送信中 3/10).
        public var sendingLabel: String {
            switch self {
            case .confirm: "注文確認送信中"
            case .cancel: "キャンセル送信中"
            case .pushEdit: "修正の反映中"
            case .shippingReport: "発送完了報告中"
            case .shippingCorrection: "荷物番号の訂正送信中"
            case .mail: "メール送信中"
            }
        }

        /// The result line of an accepted write.
        public var acceptedMessage: String {
            switch self {
            case .confirm: "注文確認に成功しました"
            case .cancel: "キャンセル申請に成功しました"
            case .pushEdit: "RMSに反映しました"
            case .shippingReport: "報告済（発送済は翌日）"
            case .shippingCorrection: "RMSの発送情報を訂正しました"
            case .mail: "送信済み（メールサーバが受け付けました。配達されたかは分かりません）"
            }
        }

        /// The result line of a write whose fate is not known yet, with what to do.
        public var unknownMessage: String {
            switch self {
            case .confirm: "結果不明（RMSを確認中）"
            case .cancel: "結果不明（RMSステータスを取得してください）"
            case .pushEdit: "結果不明（RMSの内容を読んで確かめます。確かめるまで再送しません）"
            case .shippingReport, .shippingCorrection: "結果不明（RMSの発送情報を確認中。確認できるまで再送しません）"
            case .mail: "結果不明（受け付けられたか分かりません。自動では再送しません。再送は明示して）"
            }
        }

        /// The result line of an order the action changed here only (a hand-entered order's cancellation).
        public var localOnlyMessage: String {
            switch self {
            case .cancel: "キャンセルしました（店舗の注文）"
            default: "この端末で変更しました（RMSには送信しません）"
            }
        }
    }
}

extension Order {
    /// Puts back the fields' values as given (a write RMS did not take).
    mutating func restore(_ values: [OrderField: FieldValue]) throws(FieldValueMismatch) {
        for (field, value) in values { try field.set(value, in: &self) }
    }
}
