/// 注文キャンセル. A Rakuten order is cancelled in RMS (allowed only at 100 注文確認待ち,
/// 200 楽天処理中, 300 発送待ち; it cannot be taken back); an order entered by hand only here.
public struct CancelAction: BulkAction {
    /// RMS's cancel reason (changeReasonDetailApply): 1 キャンセル, 8 欠品, 10 その他(店舗都合)...
    public let reasonCode: Int

    public static let reasons: [(code: Int, label: String)] = [
        (1, "キャンセル"), (4, "未入金"), (5, "代引決済の受取拒否"), (6, "その他(お客様都合)"), (8, "欠品"),
        (10, "その他(店舗都合)"), (13, "発送遅延"),
    ]

    public init(reasonCode: Int) throws(ActionInputError) {
        guard Self.reasons.contains(where: { $0.code == reasonCode }) else {
            throw ActionInputError("キャンセル理由 \(reasonCode) は選べません")
        }
        self.reasonCode = reasonCode
    }

    public var id: ActionID { .cancel }
    public var write: OutboundWrite? { .cancel(reasonCode: reasonCode) }
    /// With the reason chosen, so that the preview says why before anything goes to RMS.
    public var title: String { "キャンセルする（理由: \(Self.reasons.first { $0.code == reasonCode }?.label ?? String(reasonCode))）" }
    public var readsOrderContent: Bool { false }

    public func decide(_ order: Order, in selection: Selection) -> Decision {
        if order.isBundled { return .skip(.bundledCancel) }
        if order.localStatus == .cancelled && !order.origin.isRakutenAPI { return .skip(.alreadyCancelled) }
        // RMS has it: cancelled there, not here alone, once RMS's copy has filled it.
        if order.origin == .csvImport { return .skip(.notFromAPI(order.origin)) }
        var after = order
        after.localStatus = .cancelled
        guard order.origin.isRakutenAPI else { return .change(after) }
        // The status it is cancelled from must be RMS's own.
        if let problem = order.readProblem, problem.blocksConfirmation { return .skip(.unreadable(problem)) }
        if order.rmsProgress.isCancelling { return .skip(.alreadyCancelled) }
        guard order.rmsProgress.acceptsChanges else { return .skip(.cancelNotAllowed(order.rmsProgress)) }
        if order.sync == .confirmSending { return .skip(.confirmInFlight) }
        return .change(after, sendsToRMS: true)
    }
}
