import Foundation
import OrderEngine
import Testing
import TestSupport

@Suite("帳票: the 登録番号, per-rate totals, who gets a document, the picking list")
struct SlipRuleTests {
    @Test("a 登録番号 is T and 13 digits whose first checks the rest as a 法人番号's does; full-width and hyphens are forgiven")
    func registrationNumber() throws {
        // 国税庁's own 法人番号 7000012050002.
        #expect(try RegistrationNumber("T7000012050002").rawValue == "T7000012050002")
        #expect(try RegistrationNumber("Ｔ７０００-０１２０-５０００２").rawValue == "T7000012050002")
        #expect(try RegistrationNumber("t7123456789012").rawValue == "T7123456789012")
        #expect(throws: RegistrationNumberError.self) { try RegistrationNumber("T8000012050002") }
        #expect(throws: RegistrationNumberError.self) { try RegistrationNumber("7000012050002") }
        #expect(throws: RegistrationNumberError.self) { try RegistrationNumber("T700001205000") }
        #expect(throws: RegistrationNumberError.self) { try RegistrationNumber("T70000120500A2") }
        do {
            _ = try RegistrationNumber("T7000012050003")
            Issue.record("a wrong check digit was taken")
        } catch {
            #expect(error.description.contains("チェックデジット"))
        }
    }

    static func withSummary(_ lines: [RMSAmounts.TaxLine], postage: Money = .yen(800)) -> Order {
        var order = OrderFixtures.order(1, shipping: postage)
        order.rmsAmounts = RMSAmounts(
            goods: .yen(3980), postage: postage, cashOnDelivery: .zero, paymentCharge: .zero, total: .yen(4780), request: .yen(4780),
            coupons: 0, points: 0, additionalFee: .zero, taxSummary: lines)
        return order
    }

    static func line(_ rate: Double, _ request: Money, _ tax: Money) -> RMSAmounts.TaxLine {
        RMSAmounts.TaxLine(rate: rate, request: request, requestTax: tax, total: request, paymentCharge: .zero, coupons: .zero, points: .zero)
    }

    @Test("RMS's per-rate figures are printed as RMS gives them, 10 % first; -9999, a change not in RMS, no summary: no document, with the reason")
    func breakdownFromRMS() throws {
        let order = Self.withSummary([Self.line(0.08, .yen(3980), .yen(294)), Self.line(0.1, .yen(800), .yen(72))])
        let taxes = try TaxBreakdown.of(order)
        #expect(taxes.fromRMS && taxes.lines.map(\.rateText) == ["10%", "8%"] && taxes.lines.map(\.tax) == [72, 294] && taxes.total == 4780)
        #expect(taxes.lines[1].isReduced && !taxes.lines[0].isReduced)

        func refusal(_ order: Order) -> SkipReason? {
            do { _ = try TaxBreakdown.of(order); return nil } catch { return error.reason }
        }
        #expect(refusal(Self.withSummary([Self.line(0.08, .unset, .unset)])) == .amountUnset("税率別の請求金額（8%）"))
        #expect(refusal(Self.withSummary([], postage: .unset)) == .shippingFeeUnset)
        #expect(refusal(Self.withSummary([])) == .noTaxSummary)
        var edited = order
        edited.fees.shipping = .yen(1000)
        #expect(refusal(edited) == .amountsNotInRMS, "RMS's figures are not the order's once a fee changed here")
    }

    @Test("for an order entered here, tax is rounded once per rate, never line by line (¥105 ×3 at 10 % tax-exclusive: ¥31, not ¥30)")
    func breakdownComputed() throws {
        var order = OrderFixtures.order(1, origin: .enteredByHand(.phone), shipping: .zero)
        order.packages[0].items = (1...3).map {
            Item(itemDetailID: $0, name: "品\($0)", manageNumber: "m\($0)", selectedChoice: nil, unitPrice: 105, units: 1, taxRate: 0.1, includesTax: false)
        }
        let taxes = try TaxBreakdown.of(order)
        #expect(!taxes.fromRMS && taxes.lines == [TaxBreakdown.Line(rate: 0.1, amount: 346, tax: 31)])
        order.packages[0].items.append(Item(itemDetailID: 9, name: "米", manageNumber: "rice", selectedChoice: nil, unitPrice: 1080, units: 2, taxRate: 0.08, includesTax: true))
        order.fees.shipping = .yen(880)
        let mixed = try TaxBreakdown.of(order)
        // 10 %: 346 + 880 postage = 1,226 → tax ⌊1,226 × 10/110⌋ = 111; 8 %: 2,160 → ⌊2,160 × 8/108⌋ = 160.
        #expect(mixed.lines == [TaxBreakdown.Line(rate: 0.1, amount: 1226, tax: 111), TaxBreakdown.Line(rate: 0.08, amount: 2160, tax: 160)])
        order.couponTotal = 100
        #expect(throws: SlipRefusal.self) { try TaxBreakdown.of(order) }
    }

    @Test("who gets a document: not a cancelled order; not from an unset amount; no shop receipt for 代金引換 or 後払い; a picking list needs no amounts")
    func slipAction() {
        let card = OrderFixtures.order(1)
        var cod = OrderFixtures.order(2)
        cod.payment = Payment(methodCode: 2, methodName: "代金引換")
        var deferred = OrderFixtures.order(3)
        deferred.payment = Payment(methodCode: 21, methodName: "後払い決済")
        let unset = OrderFixtures.order(4, shipping: .unset)
        var cancelled = OrderFixtures.order(5)
        cancelled.localStatus = .cancelled
        let orders = [card, cod, deferred, unset, cancelled]
        let receipts = SlipAction(kind: .receipt).plan(orders)
        #expect(receipts.changes.map(\.number) == [card.number])
        #expect(receipts.skips.map(\.reason) == [
            .receiptNotForPayment("代金引換"), .receiptNotForPayment("後払い決済"), .shippingFeeUnset, .slipForCancelled("領収書"),
        ])
        #expect(SlipAction(kind: .deliveryNote).plan(orders).changes.map(\.number) == [card.number, cod.number, deferred.number])
        #expect(SlipAction(kind: .picking).plan(orders).changes.map(\.number) == [card.number, cod.number, deferred.number, unset.number])
        #expect(SlipAction(kind: .picking).plan(orders).changes.allSatisfy { $0.fields.isEmpty }, "a document changes nothing of the order")
    }

    @Test("a bundle's 納品書 and picking are made whole or not at all: a member cancelled or without amounts skips every member, named; members on two addresses get no 納品書; what the door collects is the 代金引換 members' sum")
    func bundleWhole() {
        let bundle = BundleID("B-1")
        var cod = OrderFixtures.order(1, bundle: bundle)
        cod.payment = Payment(methodCode: 2, methodName: "代金引換")
        let card = OrderFixtures.order(2, bundle: bundle)
        let alone = OrderFixtures.order(3)
        #expect(SlipAction(kind: .deliveryNote).plan([cod, card, alone]).changes.count == 3)
        #expect(cod.requestPrice.yen != nil && CashOnDelivery.collected(from: [cod, card]) == cod.requestPrice.yen, "the card member is paid already")
        #expect(CashOnDelivery.collected(from: [card, alone]) == nil)

        var cancelled = card
        cancelled.localStatus = .cancelled
        for kind in [SlipKind.deliveryNote, .picking] {
            let plan = SlipAction(kind: kind).plan([cod, cancelled, alone])
            #expect(plan.changes.map(\.number) == [alone.number], "\(kind)")
            #expect(plan.skips.first { $0.number == cod.number }?.reason == .bundleMemberSkipped(card.number, SkipReason.slipForCancelled(kind.label).text))
        }
        #expect(SlipAction(kind: .orderSlip).plan([cod, cancelled]).changes.map(\.number) == [cod.number], "a 受注伝票 is each order's own")

        let unset = OrderFixtures.order(2, shipping: .unset, bundle: bundle)
        #expect(SlipAction(kind: .deliveryNote).plan([cod, unset]).changes.isEmpty)
        #expect(SlipAction(kind: .picking).plan([cod, unset]).changes.count == 2, "a picking list needs no amounts")

        var moved = card
        moved.packages[0].destination = OrderFixtures.otherPerson
        let apart = SlipAction(kind: .deliveryNote).plan([cod, moved])
        #expect(apart.changes.isEmpty && apart.skips.allSatisfy { $0.reason.text.contains("送付先が") })
    }

    @Test("the picking list totals units per item and option over the orders, in shelf order (natural: A-2 before A-10), items without a shelf last")
    func pickingList() {
        func order(_ serial: Int, _ items: [(String, String?, Int)]) -> Order {
            var order = OrderFixtures.order(serial)
            order.packages[0].items = items.enumerated().map { index, item in
                Item(itemDetailID: index, name: item.0, manageNumber: item.0, selectedChoice: item.1, unitPrice: 100, units: item.2, taxRate: 0.1, includesTax: true)
            }
            return order
        }
        let orders = [
            order(1, [("towel", "カラー:白", 2), ("rice", nil, 1)]),
            order(2, [("towel", "カラー:白\r\n", 1), ("towel", "カラー:紺", 1), ("cup", nil, 3)]),
        ]
        let list = PickingList(totalling: orders, shelves: ["towel": "A-10", "rice": "A-2"])
        #expect(list.lines.map { "\($0.shelf ?? "-") \($0.manageNumber) \($0.choice ?? "") \($0.units) \($0.orders.count)" } == [
            "A-2 rice  1 1", "A-10 towel カラー:白 3 2", "A-10 towel カラー:紺 1 1", "- cup  3 1",
        ])
        #expect(list.totalUnits == 8 && list.orderCount == 2)
        #expect(PickingList(totalling: orders, shelves: [:], sort: .item).lines.map(\.manageNumber) == ["cup", "rice", "towel", "towel"])
    }
}
