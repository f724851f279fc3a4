/// How an order is to be delivered and handled, as RMS gives it: what the operator must see
/// before printing a label (配送方法, お届け日と時間帯, ギフト, あす楽, 離島, サブステータス, 注意表示).
public struct DeliveryDetails: Sendable, Hashable, Codable {
    /// 配送方法 (DeliveryModel.deliveryName): 宅配便, メール便, コンビニ受取…
    public var method: String
    /// お届け日指定.
    public var date: CalendarDate?
    /// お届け時間帯 (shippingTerm): 0 none, 1 午前, 2 午後, 9 その他, or hhHH (1416: 14〜16時).
    public var timeSlot: Int?
    public var isGift: Bool
    public var isAsuraku: Bool
    public var isIsolatedIsland: Bool
    /// サブステータス (the shop's own step in RMS): its name and RMS's id for it.
    public var subStatus: String?
    public var subStatusID: Int?
    /// 医薬品 (drugFlag): to be checked before it is sent.
    public var containsDrug: Bool
    /// RMS's 注意表示 (cautionDisplayType 1 caution, 2 cancellation confirmed).
    public var caution: Int
    public var isSocialGift: Bool

    public init(
        method: String, date: CalendarDate? = nil, timeSlot: Int? = nil, isGift: Bool = false, isAsuraku: Bool = false,
        isIsolatedIsland: Bool = false, subStatus: String? = nil, subStatusID: Int? = nil, containsDrug: Bool = false, caution: Int = 0, isSocialGift: Bool = false
    ) {
        self.method = method
        self.date = date
        self.timeSlot = timeSlot
        self.isGift = isGift
        self.isAsuraku = isAsuraku
        self.isIsolatedIsland = isIsolatedIsland
        self.subStatus = subStatus
        self.subStatusID = subStatusID
        self.containsDrug = containsDrug
        self.caution = caution
        self.isSocialGift = isSocialGift
    }

    /// RMS's delivery method names a shop sets up (rpay-api.md §9.3): what updateOrderDelivery
    /// takes unless config.toml's `[shop] delivery_methods` names the shop's own.
    public static let commonMethods = ["宅配便", "メール便", "宅急便", "ゆうパック", "クール便", "自社配送", "その他配送方法1"]

    /// 「午前中」「14〜16時」; nil when no slot was chosen.
    public var timeSlotText: String? { timeSlot.flatMap(Self.text(ofTimeSlot:)) }

    /// RMS's shippingTerm in words: 「午前中」「14〜16時」; nil for 0 (none chosen).
    public static func text(ofTimeSlot slot: Int) -> String? {
        switch slot {
        case 0: return nil
        case 1: return "午前中"
        case 2: return "午後"
        case 9: return "その他"
        default:
            let from = slot / 100, to = slot % 100
            guard (7...24).contains(from), (7...24).contains(to) else { return "時間帯 \(slot)" }
            return "\(from)〜\(to)時"
        }
    }

    /// The marks the operator must not miss, in the words of RMS's screen.
    public var marks: [String] {
        var marks: [String] = []
        if isGift { marks.append("ギフト") }
        if isAsuraku { marks.append("あす楽") }
        if isIsolatedIsland { marks.append("離島") }
        if isSocialGift { marks.append("ソーシャルギフト") }
        if containsDrug { marks.append("医薬品") }
        if caution == 1 { marks.append("注意表示あり") }
        return marks
    }
}

/// A package's handling: のし, a convenience-store pick-up instead of the home address, 置き配,
/// and a social gift whose recipient has not yet entered where it goes.
public struct PackageHandling: Sendable, Hashable, Codable {
    public var noshi: String?
    /// コンビニ受取: the store, which is where the parcel goes.
    public var convenienceStore: ConvenienceStore?
    /// 置き配: where the parcel may be left (v9).
    public var dropOffLocation: String?
    /// ソーシャルギフト: the recipient's details are 入力待ち until this date (v10).
    public var recipientInputDue: String?

    public struct ConvenienceStore: Sendable, Hashable, Codable {
        public var name: String
        public var zipCode: String
        public var address: String

        public init(name: String, zipCode: String, address: String) {
            self.name = name
            self.zipCode = zipCode
            self.address = address
        }
    }

    public init(noshi: String? = nil, convenienceStore: ConvenienceStore? = nil, dropOffLocation: String? = nil, recipientInputDue: String? = nil) {
        self.noshi = noshi
        self.convenienceStore = convenienceStore
        self.dropOffLocation = dropOffLocation
        self.recipientInputDue = recipientInputDue
    }

    public var isEmpty: Bool { noshi == nil && convenienceStore == nil && dropOffLocation == nil && recipientInputDue == nil }

    /// Whether the recipient of a social gift has yet to say where it goes: no label, no report.
    public var awaitingRecipient: Bool { recipientInputDue != nil }
}
