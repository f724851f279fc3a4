/// One parcel as a carrier's label carries it (送り状1枚): one basket of one order, or for a
/// bundle (同梱) the one basket of every member order — one address, every member's items, and the
/// cash to collect summed over the members paid 代金引換 (a card or 後払い member is paid already).
/// Made only by ``make(_:)``, which holds every rule of cash on delivery and bundling that all the
/// carriers' files share; what a carrier's file can say of it is the layout's to decide.
public struct LabelParcel: Sendable {
    public struct Member: Sendable {
        public let order: Order
        public let package: Package
    }

    /// The orders and baskets in the parcel, the lowest order number first (the bundle's lead).
    public let members: [Member]
    public let service: ParcelService
    /// What the carrier collects at the door; nil when nothing is collected.
    public let cashOnDelivery: CashOnDelivery?
    /// The お届け日 and 時間帯 the parcel carries: the one the members asked for.
    public let deliveryDate: CalendarDate?
    public let timeSlot: Int?
    /// What the operator should know of how the parcel was made (a bundle sent as 宅配便).
    public let notes: [String]

    public var lead: Member { members[0] }
    public var isBundle: Bool { members.count > 1 }
    public var destination: Contact { lead.package.destination }
    public var handling: PackageHandling? { lead.package.handling }
    public var items: [Item] { members.flatMap(\.package.items) }
    public var targets: [ShipmentTarget] { members.map { ShipmentTarget(order: $0.order.number, basketID: $0.package.basketID) } }
    /// 出荷予定日: the earliest a member's shop wrote.
    public var plannedShipmentDate: CalendarDate? { members.compactMap { $0.order.dates[.plannedShipmentDate] }.min() }
    /// The time slot in words (「14〜16時」), when one is asked.
    public var timeSlotText: String? { timeSlot.flatMap(DeliveryDetails.text(ofTimeSlot:)) }
}

/// The cash a carrier collects for a parcel: RMS's 請求金額 (requestPrice), and the consumption
/// tax in it as RMS states it per rate (TaxSummaryModelList) — the share of it the cash pays when
/// points paid part.
public struct CashOnDelivery: Sendable, Hashable {
    public let amount: Int
    public let tax: Int

    public init(amount: Int, tax: Int) {
        self.amount = amount
        self.tax = tax
    }

    /// What `order` leaves to collect, or why it cannot be known: amounts changed here and not in
    /// RMS (RMS would bill the buyer otherwise), an amount RMS has not set, no tax per rate.
    /// Nil when nothing is left to pay (points paid it all).
    static func of(_ order: Order) throws(LabelRefusal) -> CashOnDelivery? {
        if order.hasUnsentAmounts {
            throw LabelRefusal("金額の変更がRMSに未反映です。代金引換で受け取る金額が決まらないため、入力内容を反映する（RMS）の後に出力してください")
        }
        guard let amount = order.requestPrice.yen else {
            throw LabelRefusal("請求金額が未設定です（代金引換で受け取る金額が決まりません）")
        }
        if amount < 0 { throw LabelRefusal("請求金額がマイナスです（\(amount)円）。代金引換で受け取る金額が決まらないため、RMSで確かめてください") }
        guard amount > 0 else { return nil }
        let taxes: TaxBreakdown
        do {
            taxes = try TaxBreakdown.of(order)
        } catch {
            throw LabelRefusal("代金引換の消費税額が分かりません: \(error.description)")
        }
        let tax = taxes.lines.reduce(0) { $0 + $1.tax }
        // RMS's per-rate 請求金額 is before points (points are a payment): the cash pays its share.
        let billed = taxes.total
        let share = billed > amount && billed > 0 ? tax * amount / billed : tax
        return CashOnDelivery(amount: amount, tax: min(share, amount))
    }

    /// What the carrier collects for the parcel of `orders` (one order, or a bundle's members): the
    /// sum over those paid 代金引換, in yen; nil when none is, or when one's amount is not known
    /// (its label is refused with why).
    public static func collected(from orders: [Order]) -> Int? {
        var total: Int?
        for order in orders where order.payment.isCashOnDelivery {
            do throws(LabelRefusal) {
                total = (total ?? 0) + (try of(order)?.amount ?? 0)
            } catch {
                return nil
            }
        }
        return total
    }

    static func + (lhs: CashOnDelivery, rhs: CashOnDelivery) -> CashOnDelivery {
        CashOnDelivery(amount: lhs.amount + rhs.amount, tax: lhs.tax + rhs.tax)
    }
}

/// Why an order gets no label, in the operator's words.
public struct LabelRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public let description: String
    public init(_ description: String) { self.description = description }
}

/// The orders and baskets one label row names: what its shipment key maps back to.
public struct ShipmentTarget: Sendable, Hashable {
    public let order: OrderNumber
    public let basketID: Int

    public init(order: OrderNumber, basketID: Int) {
        self.order = order
        self.basketID = basketID
    }
}

extension LabelParcel {
    /// Why a bundle's members (lead first) cannot go as one parcel to one address — a member with
    /// more than one basket, or its address not the lead's — or nil. The label and the 納品書 ask
    /// the same.
    public static func notOneParcel(_ group: [Order]) -> String? {
        let lead = group[0]
        for order in group where order.packages.count != 1 {
            return "同梱の注文 \(order.number) の送付先が\(order.packages.count)件あります。同梱を解除してください"
        }
        for order in group.dropFirst() where !order.packages[0].destination.isSameRecipient(as: lead.packages[0].destination) {
            return "同梱の注文 \(order.number) の送付先が \(lead.number) と違います（RMSで変わった可能性があります）。同梱を解除するか送付先を揃えてください"
        }
        return nil
    }

    /// The parcels `orders` make, in their order, and each order refused with the reason. A bundle
    /// is one parcel of all its members, which must all be among `orders`; a member refused
    /// refuses its bundle, each member named with why. `takesConvenienceStores`: whether the
    /// carrier's file can address a コンビニ受取 basket.
    public static func make(_ orders: [Order], takesConvenienceStores: Bool) -> (parcels: [LabelParcel], refusals: [(order: OrderNumber, reason: String)]) {
        var parcels: [LabelParcel] = []
        var refusals: [(order: OrderNumber, reason: String)] = []
        var bundles: [BundleID: [Order]] = [:]
        for order in orders { if let bundle = order.bundleID { bundles[bundle, default: []].append(order) } }
        var placed: Set<BundleID> = []
        for order in orders {
            let group: [Order]
            if let bundle = order.bundleID {
                guard placed.insert(bundle).inserted else { continue }
                group = bundles[bundle]!.sorted { $0.number < $1.number }
            } else {
                group = [order]
            }
            do throws(LabelRefusal) {
                parcels += try Self.parcels(of: group, takesConvenienceStores: takesConvenienceStores)
            } catch {
                refusals += group.map { ($0.number, error.description) }
            }
        }
        return (parcels, refusals)
    }

    /// One order's parcels (one per basket), or one bundle's single parcel.
    private static func parcels(of group: [Order], takesConvenienceStores: Bool) throws(LabelRefusal) -> [LabelParcel] {
        var collects: [OrderNumber: CashOnDelivery] = [:]
        for order in group {
            if let refusal = LabelEligibility.refusal(of: order, takesConvenienceStores: takesConvenienceStores) {
                throw LabelRefusal(group.count > 1 ? "同梱の注文 \(order.number): \(refusal)" : refusal)
            }
            guard order.payment.isCashOnDelivery else { continue }
            do throws(LabelRefusal) {
                if order.packages.count > 1 {
                    throw LabelRefusal("代金引換で送付先が\(order.packages.count)件ある注文です。どの荷物で代金を受け取るか決められないため、送り状は配送会社のソフトで作ってください")
                }
                collects[order.number] = try CashOnDelivery.of(order)
            } catch {
                throw LabelRefusal(group.count > 1 ? "同梱の注文 \(order.number): \(error.description)" : error.description)
            }
        }
        guard group.count > 1 else {
            let order = group[0]
            let service = ParcelService.of(order)
            let collect = collects[order.number]
            if collect != nil, service == .postbox {
                throw LabelRefusal(postboxRefusal([order]))
            }
            return order.packages.map { package in
                LabelParcel(
                    members: [Member(order: order, package: package)], service: service, cashOnDelivery: collect,
                    deliveryDate: order.delivery?.date, timeSlot: order.delivery?.timeSlot.flatMap { $0 == 0 ? nil : $0 }, notes: [])
            }
        }
        return [try bundle(group, collects: collects)]
    }

    /// A bundle's one parcel: its members share one address and one delivery wish; a letterbox
    /// service only when every member asks for one (a member asking for the door makes it a
    /// parcel handed over, said in the notes), and never for cash on delivery.
    private static func bundle(_ group: [Order], collects: [OrderNumber: CashOnDelivery]) throws(LabelRefusal) -> LabelParcel {
        if let problem = notOneParcel(group) { throw LabelRefusal(problem) }
        let dates = Set(group.compactMap { $0.delivery?.date })
        let slots = Set(group.compactMap { $0.delivery?.timeSlot }.filter { $0 != 0 })
        if dates.count > 1 || slots.count > 1 {
            let wishes = group.map { order in
                let wish = [order.delivery?.date?.description, order.delivery?.timeSlotText].compactMap { $0 }.joined(separator: " ")
                return "\(order.number.withoutShopID) \(wish.isEmpty ? "指定なし" : wish)"
            }
            throw LabelRefusal("同梱の注文でお届け日時の指定が違います（\(wishes.joined(separator: "、"))）。揃えてから出力してください")
        }
        let services = group.map(ParcelService.of)
        var notes: [String] = []
        let service: ParcelService
        if Set(services).count == 1 {
            service = services[0]
        } else {
            service = .standard
            let asked = zip(group, services).filter { $0.1 != .standard }.map { "\($0.0.number.withoutShopID) \($0.1.label)" }
            notes.append("同梱のため宅配便で出力します（\(asked.joined(separator: "、")) の指定）")
        }
        let collect = group.compactMap { collects[$0.number] }.reduce(nil as CashOnDelivery?) { sum, next in sum.map { $0 + next } ?? next }
        if collect != nil, service == .postbox {
            throw LabelRefusal(postboxRefusal(group.filter { collects[$0.number] != nil }))
        }
        return LabelParcel(
            members: group.map { Member(order: $0, package: $0.packages[0]) }, service: service, cashOnDelivery: collect,
            deliveryDate: dates.first, timeSlot: slots.first, notes: notes)
    }

    /// What to change, where: 配送方法 is RMS's (changed there, then read again), the check item the shop's own.
    private static func postboxRefusal(_ orders: [Order]) -> String {
        let causes = orders.map(ParcelService.postboxCause).joined(separator: "・")
        var remedies: [String] = []
        if orders.contains(where: { order in ParcelService.postboxWords.contains { (order.delivery?.method ?? "").contains($0) } }) {
            remedies.append("配送方法はRMSで直してRMSステータスを取得")
        }
        if orders.contains(where: { $0.flags.contains(OrderFlag.mailDelivery) }) { remedies.append("チェック項目「\(OrderFlag.mailDelivery)」ははずして") }
        return "代金引換なのに\(causes)はポスト投函で代金を受け取れません。\(remedies.joined(separator: "、"))から出力してください"
    }
}
