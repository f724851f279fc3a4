import OrderEngine

/// One document of a batch: an order, or for a 納品書 one basket of it, with what that copy says
/// (which copy it is, a receipt's 宛名 and 但し書き) and the order's per-rate totals.
public struct SlipDocument: Sendable {
    public let order: Order
    /// The basket a 納品書 is for; nil for a document of the whole order.
    public let package: Package?
    /// 1 for the first, 2 and more for a 再発行.
    public let copy: Int
    public let taxes: TaxBreakdown?
    /// 領収書: 宛名 and 但し書き.
    public let addressee: String
    public let purpose: String

    public init(order: Order, package: Package? = nil, copy: Int = 1, taxes: TaxBreakdown? = nil, addressee: String = "", purpose: String = "") {
        self.order = order
        self.package = package
        self.copy = copy
        self.taxes = taxes
        self.addressee = addressee
        self.purpose = purpose
    }

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
    /// one per order. `copies`: which copy each order's document is (1 when absent). A receipt is
    /// made out to `addressee`, or to the orderer when none is asked. An order whose amounts cannot
    /// be printed is refused here too, never left out quietly (it would be recorded as printed).
    public static func make(
        kind: SlipKind, orders: [Order], copies: [OrderNumber: Int] = [:], shop: SlipShop, printedOn: CalendarDate,
        shelves: [String: String] = [:], perOrderPicking: Bool = false, pickingSort: PickingList.Sort = .shelf,
        addressee: String? = nil, purpose: String = SlipDocument.defaultPurpose
    ) throws(SlipRefusal) -> SlipBatch {
        var documents: [SlipDocument] = []
        for order in orders {
            let taxes = kind.showsAmounts ? try TaxBreakdown.of(order) : nil
            let copy = copies[order.number] ?? 1
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
