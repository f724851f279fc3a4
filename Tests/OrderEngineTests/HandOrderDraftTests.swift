import Foundation
import Testing
import TestSupport
@testable import OrderEngine

/// 受注を登録: an order taken by phone, checked field by field and made with the totals and
/// per-rate tax the slips use.
@Suite("Orders entered by hand: checked as typed, totals by the slips' rule")
struct HandOrderDraftTests {
    static let settings = HandOrderDraft.Settings(
        channels: HandOrderDraft.Settings.defaultChannels, paymentMethods: HandOrderDraft.Settings.defaultPaymentMethods,
        deliveryMethods: ["宅配便", "メール便"], firstStatus: .newOrder)
    static let today = CalendarDate(year: 2026, month: 12, day: 7)!

    static func draft() -> HandOrderDraft {
        var draft = HandOrderDraft()
        draft.channel = "電話"
        draft.orderedAt = "2026-12-06 10:30"
        draft.paymentMethod = "代金引換"
        draft.deliveryMethod = "宅配便"
        draft.deliveryDate = "2026-12-12"
        draft.deliveryTime = "1416"
        draft.shippingFee = 800
        draft.codFee = 330
        draft.buyer.name = "電話　花子"
        draft.buyer.kana = "でんわ はなこ"
        draft.buyer.zip = "1000001"
        draft.buyer.prefecture = "東京都"
        draft.buyer.city = "千代田区"
        draft.buyer.address = "千代田1-1"
        draft.buyer.phone = "03-1234-5678"
        draft.buyer.email = "hanako@example.jp"
        var rice = HandOrderDraft.Line()
        rice.manageNumber = "rice-5kg"
        rice.name = "新米 コシヒカリ 5kg"
        rice.price = 3240
        rice.units = 2
        rice.taxRate = 8
        var cloth = HandOrderDraft.Line()
        cloth.name = "風呂敷"
        cloth.price = 999
        cloth.units = 3
        cloth.taxRate = 10
        cloth.taxIncluded = false
        draft.items = [rice, cloth]
        return draft
    }

    @Test("a phone order with 代金引換, a 税別 line and a destination of its own: every field as typed, in RMS's forms; the total and per-rate tax the slips print")
    func wholeOrder() throws {
        var draft = Self.draft()
        var destination = HandOrderDraft.Person()
        destination.name = "受取 太郎"
        destination.zip = "530-0001"
        destination.prefecture = "大阪府"
        destination.city = "大阪市北区"
        destination.address = "梅田1-1-1"
        destination.phone = "０６-1234-5678"
        draft.destination = destination
        let order = try draft.order(settings: Self.settings, today: Self.today)
        #expect(order.origin == .enteredByHand(.phone) && order.sync == .localOnly && order.localStatus == .newOrder)
        #expect(order.number.rawValue.isEmpty, "the store gives the number")
        #expect(JapanTime(order.orderedAt).fullText == "2026-12-06 10:30")
        #expect(order.orderer.familyName == "電話" && order.orderer.firstName == "花子")
        #expect(order.orderer.familyNameKana == "デンワ" && order.orderer.firstNameKana == "ハナコ")
        #expect(order.orderer.zipCode == "100-0001" && order.orderer.emailAddress == "hanako@example.jp")
        let package = try #require(order.packages.first)
        #expect(package.destination.familyName == "受取" && package.destination.phoneNumber == "06-1234-5678")
        #expect(order.payment.isCashOnDelivery && order.fees.cashOnDelivery == .yen(330))
        #expect(order.delivery?.method == "宅配便" && order.delivery?.date == CalendarDate(year: 2026, month: 12, day: 12) && order.delivery?.timeSlot == 1416)
        // 8 %: 3,240 × 2 tax included. 10 %: 999 × 3 = 2,997 tax excluded, its tax once: 299.
        #expect(order.goodsPrice == .yen(6480 + 2997 + 299))
        #expect(order.requestPrice == .yen(6480 + 2997 + 299 + 800 + 330))
        let breakdown = try TaxBreakdown.of(order)
        #expect(breakdown.lines == [
            TaxBreakdown.Line(rate: 0.1, amount: 2997 + 299 + 800 + 330, tax: (2997 + 299 + 800 + 330) / 11),
            TaxBreakdown.Line(rate: 0.08, amount: 6480, tax: 480),
        ])
        #expect(breakdown.total == order.requestPrice.yen, "the order's 請求金額 is the invoice's total")
        #expect(order.packages[0].destination != order.orderer)
        var same = Self.draft()
        same.destination = nil
        #expect(try same.order(settings: Self.settings, today: Self.today).packages[0].destination == order.orderer)
    }

    @Test("every wrong field is named at once, as the file spells it; nothing is made")
    func everyProblem() {
        var draft = Self.draft()
        draft.channel = "LINE"
        draft.orderedAt = "12/6 10:30"
        draft.buyer.zip = "100-00"
        draft.buyer.prefecture = "東京"
        draft.buyer.phone = ""
        draft.buyer.email = ""
        draft.buyer.kana = "デンワ hanako"
        draft.paymentMethod = "代金引換"
        draft.codFee = nil
        draft.shippingFee = nil
        draft.deliveryMethod = "飛脚便"
        draft.deliveryDate = "2026-12-01"
        draft.deliveryTime = "25"
        draft.items[0].taxRate = 5
        draft.items[1].price = nil
        draft.items[1].units = 0
        draft.items.append(HandOrderDraft.Line())
        #expect(throws: HandOrderProblems.self) { try draft.order(settings: Self.settings, today: Self.today) }
        do {
            _ = try draft.order(settings: Self.settings, today: Self.today)
        } catch {
            let fields = error.problems.map(\.field)
            #expect(fields == [
                "channel", "ordered_at", "buyer.kana", "buyer.zip", "buyer.prefecture", "buyer.phone", "delivery_method",
                "delivery_date", "delivery_time", "shipping_fee", "cod_fee", "items[1].tax_rate", "items[2].price", "items[2].units",
                "items[3].name", "items[3].price", "items[3].tax_rate",
            ], "\(error)")
            #expect(error.description.contains("channel: 「LINE」は店舗の受付方法にありません（電話・FAX・店舗・メール・その他）"))
            #expect(error.description.contains("cod_fee: 入力してください（円）"))
        }
        var empty = Self.draft()
        empty.items = []
        empty.buyer.email = "not-an-address"
        #expect(throws: HandOrderProblems.self) { try empty.order(settings: Self.settings, today: Self.today) }
        do {
            _ = try empty.order(settings: Self.settings, today: Self.today)
        } catch {
            #expect(error.problems.map(\.field) == ["buyer.email", "items"], "\(error)")
        }
    }

    @Test("a hand order is never sent to RMS nor mailed through Rakuten's relay; it is copied (複製)")
    func neverToRMS() throws {
        var order = try Self.draft().order(settings: Self.settings, today: Self.today)
        order.number = OrderNumber("398211-20261206-M000001")
        let selection = Selection([order])
        func skip(_ decision: Decision) -> SkipReason? {
            if case .skip(let reason) = decision { return reason }
            return nil
        }
        #expect(skip(ConfirmAction().decide(order, in: selection)) == .notRakutenOrder)
        let mail = MailAction(template: "thanks", templateTitle: "サンクスメール", now: order.orderedAt.addingTimeInterval(7200))
        #expect(skip(mail.decide(order, in: selection)) == .handOrderMail)
        guard case .create(let copy) = DuplicateAction().decide(order, in: selection) else {
            Issue.record("a hand order is copied")
            return
        }
        #expect(copy.origin == order.origin && copy.packages[0].items == order.packages[0].items)
    }
}
