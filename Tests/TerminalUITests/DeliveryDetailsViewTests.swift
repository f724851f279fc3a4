import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import OrderStore
import Testing
import TestSupport
@testable import TerminalUI

/// What the operator needs from an order before labels: the sandbox generates each kind, the
/// mapping keeps it, and the detail shows it.
@Suite("Delivery, gift and handling in the detail")
struct DeliveryDetailsViewTests {
    func detail(of order: Order) -> String {
        let row = OrderRow(
            number: order.number, orderedAt: order.orderedAt, ordererName: order.orderer.fullName, ordererKana: order.orderer.fullNameKana,
            grandTotal: order.grandTotal, shippingFee: order.fees.shipping, rmsProgress: order.rmsProgress, localStatus: order.localStatus,
            sync: order.sync, paymentMethod: order.payment.methodName, bundleID: nil, isRakutenAPI: true)
        var state = DeskFixtures.state(rows: [row])
        _ = state.apply(.detailLoaded(order, journal: []))
        let view = DeskView(theme: Theme(colored: false, glyphs: .unicode))
        return view.render(state, width: 160, height: 60, now: Date(timeIntervalSince1970: 1_795_400_000)).text
    }

    @Test("every kind the sandbox generates reaches the detail: gift and wrapping, date and slot, コンビニ受取, 置き配, ソーシャルギフト 入力待ち, サブステータス")
    func generatedKinds() throws {
        var generator = OrderGenerator(seed: 9, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: 3_000, now: RakutenDateTime(epochSeconds: 1_795_000_000)).map { Order(rakuten: $0, localStatus: .newOrder) }
        let gift = try #require(orders.first { $0.delivery?.isGift == true && $0.rmsAmounts?.wrappings.isEmpty == false })
        #expect(detail(of: gift).contains("ギフト") && detail(of: gift).contains("包装紙"))
        let dated = try #require(orders.first { $0.delivery?.date != nil && $0.delivery?.timeSlotText != nil })
        #expect(detail(of: dated).contains("お届け日 \(dated.delivery!.date!)") && detail(of: dated).contains(dated.delivery!.timeSlotText!))
        let store = try #require(orders.first { $0.packages.first?.handling?.convenienceStore != nil })
        let storeName = store.packages[0].handling!.convenienceStore!.name
        #expect(detail(of: store).contains("コンビニ受取 \(storeName)"), "the store is the destination")
        #expect(!detail(of: store).contains(store.orderer.postalAddress) || store.packages[0].destination.isSameRecipient(as: store.orderer))
        let dropOff = try #require(orders.first { $0.packages.first?.handling?.dropOffLocation != nil })
        #expect(detail(of: dropOff).contains("置き配 \(dropOff.packages[0].handling!.dropOffLocation!)"))
        let social = try #require(orders.first { $0.packages.first?.handling?.awaitingRecipient == true })
        #expect(detail(of: social).contains("受取人の入力待ち") && !detail(of: social).contains("入力待ち 入力待ち"))
        let sub = try #require(orders.first { $0.delivery?.subStatus != nil })
        #expect(detail(of: sub).contains("サブステータス \(sub.delivery!.subStatus!)"))
    }

    @Test("time slots read as RMS's screen writes them", arguments: [(1, "午前中"), (2, "午後"), (1416, "14〜16時"), (812, "8〜12時"), (0, nil)] as [(Int, String?)])
    func timeSlots(code: Int, text: String?) {
        #expect(DeliveryDetails(method: "宅配便", timeSlot: code).timeSlotText == text)
    }
}
