import OrderEngine

/// One document of a batch: an order, or for a 納品書 one basket of it, or for a 納品書 or a
/// picking entry a bundle (同梱: one parcel, one document listing each of its orders), with what
/// that copy says (which copy it is, a receipt's 宛名 and 但し書き) and the per-rate totals.
public struct SlipDocument: Sendable {
    /// The order, or a bundle's lead (its lowest number).
    public let order: Order
    /// The basket a 納品書 is for; nil for a document of the whole order.
    public let package: Package?
    /// A bundle's orders, the lead first, each with its own per-rate totals (each order is its own
    /// invoice); empty for a document of one order.
    public let bundle: [(order: Order, taxes: TaxBreakdown?)]
    /// 1 for the first, 2 and more for a 再発行.
    public let copy: Int
    public let taxes: TaxBreakdown?
    /// 領収書: 宛名 and 但し書き.
    public let addressee: String
    public let purpose: String

    public init(
        order: Order, package: Package? = nil, bundle: [(order: Order, taxes: TaxBreakdown?)] = [], copy: Int = 1, taxes: TaxBreakdown? = nil,
        addressee: String = "", purpose: String = ""
    ) {
        self.order = order
        self.package = package
        self.bundle = bundle
        self.copy = copy
        self.taxes = taxes
        self.addressee = addressee
        self.purpose = purpose
    }

    public var isBundle: Bool { bundle.count > 1 }

    /// The orders the document is for: the bundle's, or its one order.
    public var orders: [Order] { isBundle ? bundle.map(\.order) : [order] }

    public var isReissue: Bool { copy > 1 }

    /// A receipt's 但し書き unless the shop or the operator writes another.
    public static let defaultPurpose = "お品代として"
}

/// What one PDF is made from: the kind, the documents in order and, for a totalled picking list,
/// its lines. `shelves` gives the shop's 棚番 by 商品管理番号.
public struct SlipBatch: Sendable {
    public let kind: SlipKind
    public let documents: [SlipDocument]
    public let picking: PickingList?
    public let shop: SlipShop
    public let printedOn: CalendarDate
    public let shelves: [String: String]
    public let pickingSort: PickingList.Sort

    public init(
        kind: SlipKind, documents: [SlipDocument], picking: PickingList? = nil, shop: SlipShop, printedOn: CalendarDate,
        shelves: [String: String] = [:], pickingSort: PickingList.Sort = .shelf
    ) {
        self.pickingSort = pickingSort
        self.kind = kind
        self.documents = documents
        self.picking = picking
        self.shop = shop
        self.printedOn = printedOn
        self.shelves = shelves
    }

    /// The same batch with only some of its documents: a part rendered on its own.
    func with(documents: ArraySlice<SlipDocument>) -> SlipBatch {
        SlipBatch(kind: kind, documents: Array(documents), picking: picking, shop: shop, printedOn: printedOn, shelves: shelves, pickingSort: pickingSort)
    }
}

extension SlipBatch {
    /// The documents of `kind` for the orders the plan kept: a 納品書 per basket, every other kind
    /// one per order — but a bundle (同梱), one parcel, gets one 納品書 and one picking entry for
    /// all its members among `orders` (`bundlesTogether` false: each order its own, for a template
    /// without a bundle section). `copies`: which copy each order's document is (1 when
    /// absent; a bundle's, its members' latest). A receipt is made out to `addressee`, or to the
    /// orderer when none is asked. An order whose amounts cannot be printed is refused here too,
    /// never left out quietly (it would be recorded as printed).
    public static func make(
        kind: SlipKind, orders: [Order], copies: [OrderNumber: Int] = [:], shop: SlipShop, printedOn: CalendarDate,
        shelves: [String: String] = [:], perOrderPicking: Bool = false, pickingSort: PickingList.Sort = .shelf,
        addressee: String? = nil, purpose: String = SlipDocument.defaultPurpose, bundlesTogether: Bool = true
    ) throws(SlipRefusal) -> SlipBatch {
        var documents: [SlipDocument] = []
        let bundles = Dictionary(grouping: orders.filter { $0.bundleID != nil }, by: { $0.bundleID! })
        var placed: Set<BundleID> = []
        for order in orders {
            let taxes = kind.showsAmounts ? try TaxBreakdown.of(order) : nil
            let copy = copies[order.number] ?? 1
            if bundlesTogether, kind == .deliveryNote || (kind == .picking && perOrderPicking), let id = order.bundleID,
                let members = bundles[id]?.sorted(by: { $0.number < $1.number }), members.count > 1, members.allSatisfy({ $0.packages.count == 1 })
            {
                guard placed.insert(id).inserted else { continue }
                var bundle: [(order: Order, taxes: TaxBreakdown?)] = []
                for member in members { bundle.append((member, kind.showsAmounts ? try TaxBreakdown.of(member) : nil)) }
                documents.append(SlipDocument(
                    order: members[0], package: members[0].packages[0], bundle: bundle,
                    copy: members.map { copies[$0.number] ?? 1 }.max() ?? 1, taxes: bundle[0].taxes))
                continue
            }
            switch kind {
            case .deliveryNote:
                for package in order.packages {
                    documents.append(SlipDocument(order: order, package: package, copy: copy, taxes: taxes))
                }
            case .receipt:
                documents.append(SlipDocument(
                    order: order, copy: copy, taxes: taxes, addressee: Self.addressee(addressee, of: order), purpose: purpose))
            case .orderSlip:
                documents.append(SlipDocument(order: order, copy: copy, taxes: taxes))
            case .picking:
                if perOrderPicking { documents.append(SlipDocument(order: order, copy: copy)) }
            }
        }
        let picking = kind == .picking && !perOrderPicking ? PickingList(totalling: orders, shelves: shelves, sort: pickingSort) : nil
        return SlipBatch(kind: kind, documents: documents, picking: picking, shop: shop, printedOn: printedOn, shelves: shelves, pickingSort: pickingSort)
    }

    /// A receipt's 宛名: the one asked for, or the orderer's name.
    public static func addressee(_ asked: String?, of order: Order) -> String { asked ?? order.orderer.fullName }

    /// How many documents the PDF holds: a totalled picking list is one.
    public var documentCount: Int { picking != nil ? 1 : documents.count }
}
