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
        public var purpose = "お品代として"
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

    /// The plan for `request` and what the preview shows beside it.
    public struct Preview: Sendable {
        public let plan: Plan
        public let orders: [Order]
        /// How many of this kind each order already had (a 再発行 when present).
        public let copies: [OrderNumber: Int]
        /// Documents the PDF will hold (a 納品書 per basket).
        public let documents: Int
        /// 領収書: the receipts the buyer issued through Rakuten, for the orders that have any.
        public var rakutenReceipts: [OrderNumber: RakutenReceipts] {
            Dictionary(uniqueKeysWithValues: orders.compactMap { order in order.rakutenReceipts.flatMap { $0.count > 0 ? (order.number, $0) : nil } })
        }
    }

    public func preview(_ request: Request, store: OrderStore) throws -> Preview {
        let all = try store.orders(request.numbers)
        let plan = SlipAction(kind: request.kind).plan(all)
        let kept = Set(plan.changes.map(\.number))
        let orders = all.filter { kept.contains($0.number) }
        let copies = try store.printedCopies(request.kind, of: orders.map(\.number))
        let documents = switch request.kind {
        case .deliveryNote: orders.reduce(0) { $0 + $1.packages.count }
        case .picking: request.perOrderPicking ? orders.count : 1
        default: orders.count
        }
        return Preview(plan: plan, orders: orders, copies: copies, documents: documents)
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
    public func make(_ request: Request, store: OrderStore) async throws -> Outcome {
        let preview = try preview(request, store: store)
        guard !preview.orders.isEmpty else { return Outcome(preview: preview, output: nil, printJob: nil) }
        let batch = SlipBatch.make(
            kind: request.kind, orders: preview.orders, copies: preview.copies, shop: shop, printedOn: request.today, shelves: shelves,
            perOrderPicking: request.perOrderPicking, pickingSort: request.pickingSort,
            addressee: { [addressee = request.addressee] order in addressee ?? order.orderer.fullName }, purpose: request.purpose)
        let output = try await renderer.render(
            batch, template: library.template(request.kind), styleSheet: library.styleSheet, folder: library.folder, to: request.path)
        var job: String?
        if request.print { job = try await printer.print(request.path) }
        let copies = Dictionary(uniqueKeysWithValues: preview.orders.map { ($0.number, (preview.copies[$0.number] ?? 0) + 1) })
        let addressees = request.kind == .receipt
            ? Dictionary(uniqueKeysWithValues: preview.orders.map { ($0.number, request.addressee ?? $0.orderer.fullName) }) : [:]
        let destination = job.map { "プリンタ \(printer.printer ?? "既定") \($0)" } ?? request.path
        try store.recordPrintedSlips(request.kind, copies: copies, destination: destination, addressee: addressees,
                                     purpose: request.kind == .receipt ? request.purpose : nil)
        return Outcome(preview: preview, output: output, printJob: job)
    }
}
