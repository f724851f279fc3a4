import Foundation
import OrderEngine
import OrderStore
import Slips

/// 帳票作成 and 領収書, for the desk and `juchu slips` alike: the plan (which orders, and why the
/// others are skipped), the PDF of the orders it keeps, printed if asked, and then — only once the
/// file is whole, and the printer took it — each document recorded with its copy number, so that
/// the next one says 再発行.
public struct SlipMaker: Sendable {
    public let library: SlipTemplateLibrary
    public let shop: SlipShop
    public let renderer: PDFRenderer
    public let printer: SlipPrinter
    public let shelves: [String: String]

    public init(library: SlipTemplateLibrary, shop: SlipShop, renderer: PDFRenderer, printer: SlipPrinter, shelves: [String: String]) {
        self.library = library
        self.shop = shop
        self.renderer = renderer
        self.printer = printer
        self.shelves = shelves
    }

    /// What is asked: the kind, the orders, and for a receipt its 宛名 (nil: each orderer's name)
    /// and 但し書き.
    public struct Request: Sendable {
        public var kind: SlipKind
        public var numbers: [OrderNumber]
        public var path: String
        public var print = false
        public var addressee: String?
        public var purpose = SlipDocument.defaultPurpose
        public var perOrderPicking = false
        public var pickingSort: PickingList.Sort = .shelf
        public var today: CalendarDate

        public init(kind: SlipKind, numbers: [OrderNumber], path: String, today: CalendarDate) {
            self.kind = kind
            self.numbers = numbers
            self.path = path
            self.today = today
        }
    }

    /// The plan for `request`, and the documents it makes as they will be printed.
    public struct Preview: Sendable {
        public let plan: Plan
        public let orders: [Order]
        /// Which copy each order's document will be: 1, or more for a 再発行.
        public let copies: [OrderNumber: Int]
        public let batch: SlipBatch

        public func copy(of number: OrderNumber) -> Int { copies[number] ?? 1 }

        /// 領収書: the receipts the buyer issued through Rakuten, for the orders that have any.
        public var rakutenReceipts: [OrderNumber: RakutenReceipts] {
            Dictionary(uniqueKeysWithValues: orders.compactMap { order in order.rakutenReceipts.flatMap { $0.count > 0 ? (order.number, $0) : nil } })
        }
    }

    public func preview(_ request: Request, store: any ShopStore) throws -> Preview {
        // A bundle ships as one parcel: its 納品書 and its picking take every member.
        let widens = request.kind == .deliveryNote || request.kind == .picking
        let all = try store.orders(widens ? try store.withBundlePartners(request.numbers) : request.numbers)
        var plan = SlipAction(kind: request.kind).plan(all)
        let kept = Set(plan.changes.map(\.number))
        let orders = all.filter { kept.contains($0.number) }
        let printed = try store.printedCopies(request.kind, of: orders.map(\.number))
        let copies = Dictionary(uniqueKeysWithValues: orders.map { ($0.number, (printed[$0.number] ?? 0) + 1) })
        // A shop's template from before bundles lists one order: each member gets its own, said.
        let template = library.template(request.kind)
        let bundlesTogether = template.printsBundles
        if request.kind == .deliveryNote || (request.kind == .picking && request.perOrderPicking), !bundlesTogether {
            let section = request.kind == .deliveryNote ? "{{#bundleOrders}}" : "{{#isBundle}}"
            for order in orders where order.bundleID != nil {
                plan.caution(order.number, "\((template.file as NSString).lastPathComponent) に同梱の欄（\(section)）がないため、同梱の注文も1件ずつ印刷します（テンプレートを消すと新しい既定が書き出されます）")
            }
        }
        let batch = try SlipBatch.make(
            kind: request.kind, orders: orders, copies: copies, shop: shop, printedOn: request.today, shelves: shelves,
            perOrderPicking: request.perOrderPicking, pickingSort: request.pickingSort, addressee: request.addressee, purpose: request.purpose,
            bundlesTogether: bundlesTogether)
        return Preview(plan: plan, orders: orders, copies: copies, batch: batch)
    }

    public struct Outcome: Sendable {
        public let preview: Preview
        public let output: PDFRenderer.Output?
        /// The print job CUPS answered with.
        public let printJob: String?
    }

    /// Makes (and prints) the documents; records them once they are made and printed. When
    /// making fails, nothing is recorded and no file is left; when printing fails, the whole PDF
    /// stays at its path, unrecorded, for the operator to print by hand.
    public func make(_ request: Request, store: any ShopStore) async throws -> Outcome {
        let preview = try preview(request, store: store)
        guard !preview.orders.isEmpty else { return Outcome(preview: preview, output: nil, printJob: nil) }
        let output = try await renderer.render(preview.batch, with: library, to: request.path)
        var job: String?
        if request.print { job = try await printer.print(request.path) }
        let addressees = request.kind == .receipt
            ? Dictionary(uniqueKeysWithValues: preview.batch.documents.map { ($0.order.number, $0.addressee) }) : [:]
        let destination = job.map { "プリンタ \(printer.printer ?? "既定") \($0)" } ?? request.path
        try store.recordPrintedSlips(request.kind, copies: preview.copies, destination: destination, addressee: addressees,
                                     purpose: request.kind == .receipt ? request.purpose : nil)
        return Outcome(preview: preview, output: output, printJob: job)
    }
}
