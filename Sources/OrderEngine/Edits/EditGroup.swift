/// What one of RMS's update functions changes. An order's edit is saved here first and pushed
/// (入力内容を反映する) group by group, each with its own function, so that RMS refusing one
/// leaves only that one to send again.
public enum EditGroup: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Fees, quantities and unit prices (updateOrderSender).
    case amounts
    /// 送付先 and 置き配 of each package (updateOrderSender; updateOrderSenderAfterShipping once shipped).
    case sender
    /// 注文者 (updateOrderOrderer).
    case orderer
    /// 配送方法 (updateOrderDelivery).
    case delivery
    /// お届け日, お届け時間帯 and ひとことメモ (updateOrderMemo).
    case memo
    /// 備考 and ギフト配送希望 (updateOrderRemarks).
    case remarks
    /// サブステータス (updateOrderSubStatus).
    case subStatus

    public var label: String {
        switch self {
        case .amounts: "金額・数量"
        case .sender: "送付先"
        case .orderer: "注文者"
        case .delivery: "配送方法"
        case .memo: "お届け日時・メモ"
        case .remarks: "備考・ギフト"
        case .subStatus: "サブステータス"
        }
    }

    /// The RMS function that sends the group for an order at `progress` (rpay-api.md §2, §9).
    public func function(at progress: RMSProgress) -> String {
        switch self {
        case .amounts: "updateOrderSender"
        case .sender: progress.code >= RMSProgress.shipped.code ? "updateOrderSenderAfterShipping" : "updateOrderSender"
        case .orderer: "updateOrderOrderer"
        case .delivery: "updateOrderDelivery"
        case .memo: "updateOrderMemo"
        case .remarks: "updateOrderRemarks"
        case .subStatus: "updateOrderSubStatus"
        }
    }

    /// Why RMS would not take the group for an order at `progress` (nil: it would). RMS takes
    /// amounts and the delivery method before shipping only (100, 200, 300), 送付先 before
    /// shipping and after it (500, 600, 700) with its own function, and nothing but the memo and
    /// the remarks once the order is cancelled (rpay-api.md §2 #8, #11, #12, #16).
    public func refusal(at progress: RMSProgress) -> String? {
        switch self {
        case .amounts:
            return progress.acceptsChanges ? nil : "金額・数量は発送前（RMSステータス 注文確認待ち・楽天処理中・発送待ち）にだけ変更できます（いまは\(progress.label)）"
        case .delivery:
            return progress.acceptsChanges ? nil : "配送方法は発送前にだけ変更できます（いまは\(progress.label)）"
        case .sender:
            if progress.acceptsChanges || [500, 600, 700].contains(progress.code) { return nil }
            return "送付先はRMSステータスが\(progress.label)のあいだは変更できません"
        case .orderer, .subStatus:
            return progress.isCancelling ? "キャンセルされた注文の\(label)は変更できません" : nil
        case .memo, .remarks:
            return nil
        }
    }

    public static func < (lhs: EditGroup, rhs: EditGroup) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
