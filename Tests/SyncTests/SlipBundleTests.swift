import Foundation
import OrderEngine
import OrderStore
import OrderSync
import Slips
import Testing
import TestSupport

/// A bundle's 納品書 through the shop's templates: one document for the parcel, each order with
/// its own values (never the lead's), what the door collects when a member is paid by card, and a
/// template from before bundles printing each order on its own, said.
@Suite("同梱の納品書 through the shop's templates")
struct SlipBundleTests {
    let directory = TemporaryDirectory("juchu-slip-bundle")

    /// A 代金引換 lead with a memo and a card member, bundled, in a store.
    func bundled() throws -> (OrderStore, cod: Order, card: Order) {
        let bundle = BundleID("B-1")
        var cod = OrderFixtures.order(1, progress: .awaitingShipment, sync: .rakutenDone, bundle: bundle)
        cod.payment = Payment(methodCode: 2, methodName: "代金引換")
        cod.memo = "リードのメモ"
        let card = OrderFixtures.order(2, progress: .awaitingShipment, sync: .rakutenDone, bundle: bundle)
        let store = try OrderStore(path: directory.file("slips.sqlite"), operatorName: "suzuki")
        try store.importOrders([cod, card].map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        return (store, cod, card)
    }

    func maker(template: String? = nil) throws -> SlipMaker {
        let folder = directory.file("slips")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        if let template { try Data(template.utf8).write(to: URL(fileURLWithPath: folder + "/\(SlipKind.deliveryNote.rawValue).html")) }
        return SlipMaker(library: try SlipTemplateLibrary(folder: folder), shop: SlipShop(name: "楽天デモ米店"),
                         renderer: PDFRenderer(), printer: SlipPrinter(printer: nil), shelves: [:])
    }

    func request(_ order: Order) -> SlipMaker.Request {
        SlipMaker.Request(kind: .deliveryNote, numbers: [order.number], path: directory.file("納品書.pdf"), today: CalendarDate(year: 2026, month: 12, day: 6)!)
    }

    @Test("the default template: one document, each order with its 支払方法, the sum and what the door collects (the 代金引換 member's only)")
    func defaultTemplate() throws {
        defer { directory.remove() }
        let (store, cod, card) = try bundled()
        let maker = try maker()
        let preview = try maker.preview(request(card), store: store)
        #expect(preview.batch.documents.count == 1 && preview.plan.cautions.isEmpty)
        let html = maker.library.template(.deliveryNote).render(preview.batch)
        #expect(html.contains("注文番号 \(cod.number)") && html.contains("注文番号 \(card.number)"))
        #expect(html.contains("お支払い方法 代金引換") && html.contains("お支払い方法 クレジットカード"))
        let collect = try #require(cod.requestPrice.yen)
        #expect(html.contains("うち代金引換でお支払いいただく金額</span>\(Money.groupedYen(collect))"), "\(html)")
    }

    @Test("a shop's template inside {{#bundleOrders}}: each order's own memo and coupon, the member without one shows nothing (not the lead's, not 「false」)")
    func ownValues() throws {
        defer { directory.remove() }
        let (store, cod, card) = try bundled()
        let maker = try maker(template: """
            {{#documents}}<section>{{#bundleOrders}}[{{orderNumber}}|{{memo}}|{{couponAllTotalPrice}}|{{#remarks}}備考あり{{/remarks}}|{{shopName}}]{{/bundleOrders}}</section>{{/documents}}
            """)
        let html = maker.library.template(.deliveryNote).render(try maker.preview(request(cod), store: store).batch)
        #expect(html.contains("[\(cod.number)|リードのメモ|||楽天デモ米店]") && html.contains("[\(card.number)||||楽天デモ米店]"), "\(html)")
        #expect(!html.contains("false"))
    }

    @Test("a template from before bundles (no {{#bundleOrders}}): each order its own 納品書, and the preview says why")
    func oldTemplate() throws {
        defer { directory.remove() }
        let (store, cod, card) = try bundled()
        let maker = try maker(template: "{{#documents}}<section>{{orderNumber}} {{requestPrice}}</section>{{/documents}}\n")
        let preview = try maker.preview(request(cod), store: store)
        #expect(preview.batch.documents.map(\.order.number) == [cod.number, card.number], "\(preview.plan.skips.map(\.reason.text))")
        #expect(preview.plan.cautions.count == 2 && preview.plan.cautions.allSatisfy { $0.text.contains("{{#bundleOrders}}") })
    }
}
