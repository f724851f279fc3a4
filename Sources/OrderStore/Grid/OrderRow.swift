import Foundation
import OrderEngine

/// What one grid row shows, read from the mapped columns only (no JSON decoding).
public struct OrderRow: Sendable, Hashable, Identifiable {
    public let number: OrderNumber
    public let orderedAt: Date
    public let ordererName: String
    public let ordererKana: String
    /// 総合計 as RMS's screen computes it.
    public let grandTotal: Money
    /// 合計金額 (RMS's totalPrice).
    public let totalPrice: Money
    /// 請求金額 (RMS's requestPrice).
    public let requestPrice: Money
    /// A field of RMS's JSON that could not be read (要確認).
    public let readProblem: String?
    public let shippingFee: Money
    public let rmsProgress: RMSProgress
    public let localStatus: LocalStatus
    public let sync: SyncState
    public let paymentMethod: String
    public let bundleID: BundleID?
    public let isRakutenAPI: Bool
    /// An edit saved here and not yet pushed to RMS (未反映).
    public let hasPendingEdit: Bool
    /// RMS changed the order in a way the shop has not accepted (差分あり).
    public let hasRMSDifference: Bool
    /// 配送方法, お届け日 and 時間帯 as asked, サブステータス and 特記事項, as RMS gives them.
    public var delivery = Delivery()
    /// The kinds of document printed for it (帳票済), in the order they were first printed.
    public var printedSlips: [SlipKind] = []
    /// 同梱計: the 請求金額 of every order of its bundle together (nil when not bundled).
    public var bundleRequestPrice: Money?
    /// 同梱候補: another open order to the same destination could ship with it.
    public var isBundleCandidate = false
    /// The check items that ask the operator to look: 住所要確認, 再発行が必要.
    public var attention: [String] = []

    /// What the grid shows of the delivery (nil, empty: RMS gives none, or an order entered here).
    public struct Delivery: Sendable, Hashable {
        public var method: String?
        /// お届け日指定.
        public var date: CalendarDate?
        /// お届け時間帯 (shippingTerm), 0 left out.
        public var timeSlot: Int?
        public var subStatus: String?
        /// ``Order/handlingMarks``.
        public var marks: [String] = []

        public init(method: String? = nil, date: CalendarDate? = nil, timeSlot: Int? = nil, subStatus: String? = nil, marks: [String] = []) {
            self.method = method
            self.date = date
            self.timeSlot = timeSlot
            self.subStatus = subStatus
            self.marks = marks
        }

        /// お届け指定 as the grid shows it: 「12/05 午前中」, 「12/05」, 「14〜16時」.
        public var wishText: String {
            let day = date.map { String(format: "%02d/%02d", $0.month, $0.day) }
            let slot = timeSlot.flatMap(DeliveryDetails.text(ofTimeSlot:))
            return [day, slot].compactMap { $0 }.joined(separator: " ")
        }
    }

    public var id: OrderNumber { number }
    public var key: GridKey { GridKey(orderedAt: Int64(orderedAt.timeIntervalSince1970), number: number) }
    public var isBundled: Bool { bundleID != nil }
    public var isShippingFeeUnset: Bool { shippingFee.isUnset }

    public init(
        number: OrderNumber, orderedAt: Date, ordererName: String, ordererKana: String, grandTotal: Money,
        shippingFee: Money, rmsProgress: RMSProgress, localStatus: LocalStatus, sync: SyncState,
        paymentMethod: String, bundleID: BundleID?, isRakutenAPI: Bool, hasPendingEdit: Bool = false,
        hasRMSDifference: Bool = false, totalPrice: Money? = nil, requestPrice: Money? = nil, readProblem: String? = nil
    ) {
        self.readProblem = readProblem
        self.totalPrice = totalPrice ?? grandTotal
        self.requestPrice = requestPrice ?? grandTotal
        self.hasRMSDifference = hasRMSDifference
        self.hasPendingEdit = hasPendingEdit
        self.number = number
        self.orderedAt = orderedAt
        self.ordererName = ordererName
        self.ordererKana = ordererKana
        self.grandTotal = grandTotal
        self.shippingFee = shippingFee
        self.rmsProgress = rmsProgress
        self.localStatus = localStatus
        self.sync = sync
        self.paymentMethod = paymentMethod
        self.bundleID = bundleID
        self.isRakutenAPI = isRakutenAPI
    }
}

/// A row's place in the grid's order (newest first): where a page starts or ends.
public struct GridKey: Sendable, Hashable, Comparable {
    public let orderedAt: Int64
    public let number: OrderNumber

    public init(orderedAt: Int64, number: OrderNumber) {
        self.orderedAt = orderedAt
        self.number = number
    }

    /// Grid order: newer first, then by number descending.
    public static func < (lhs: GridKey, rhs: GridKey) -> Bool {
        (lhs.orderedAt, lhs.number.rawValue) > (rhs.orderedAt, rhs.number.rawValue)
    }
}
