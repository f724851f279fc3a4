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
    /// 2026-12-07 09:00 in Japan.
    static let now = Date(timeIntervalSince1970: Double(CalendarDate(year: 2026, month: 12, day: 7)!.startInJapan + 9 * 3600))

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
        let order = try draft.order(settings: Self.settings, now: Self.now)
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
        #expect(try same.order(settings: Self.settings, now: Self.now).packages[0].destination == order.orderer)
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
        #expect(throws: HandOrderProblems.self) { try draft.order(settings: Self.settings, now: Self.now) }
        do {
            _ = try draft.order(settings: Self.settings, now: Self.now)
        } catch {
            let fields = error.problems.map(\.field)
            #expect(fields == [
                "channel", "ordered_at", "buyer.kana", "buyer.zip", "buyer.prefecture", "buyer.phone", "shipping_fee", "cod_fee",
                "items[1].tax_rate", "items[2].price", "items[2].units", "items[3].name", "items[3].price", "items[3].tax_rate",
                "delivery_method", "delivery_date", "delivery_time",
            ], "\(error)")
            #expect(error.description.contains("channel: 「LINE」は店舗の受付方法にありません（電話・FAX・店舗・メール・その他）"))
            #expect(error.description.contains("cod_fee: 入力してください（円）"))
        }
        var empty = Self.draft()
        empty.items = []
        empty.buyer.email = "not-an-address"
        #expect(throws: HandOrderProblems.self) { try empty.order(settings: Self.settings, now: Self.now) }
        do {
            _ = try empty.order(settings: Self.settings, now: Self.now)
        } catch {
            #expect(error.problems.map(\.field) == ["buyer.email", "items"], "\(error)")
        }
    }

    @Test("money and the addressee kept safe: 代引手数料 only with 代金引換, amounts and units as the edit takes them, 注文日時 not ahead of now, a phone for the addressee; half-width kana read as RMS keeps them")
    func limits() throws {
        func fields(_ change: (inout HandOrderDraft) -> Void) -> [String] {
            var draft = Self.draft()
            change(&draft)
            do {
                _ = try draft.order(settings: Self.settings, now: Self.now)
                return []
            } catch {
                return error.problems.map(\.field)
            }
        }
        #expect(fields { $0.paymentMethod = "銀行振込" } == ["cod_fee"])
        #expect(fields { $0.paymentMethod = "銀行振込"; $0.codFee = 0 } == [])
        #expect(fields { $0.items[0].price = 1_000_000; $0.items[1].units = 1000; $0.shippingFee = -1 } == ["shipping_fee", "items[1].price", "items[2].units"])
        #expect(fields { $0.orderedAt = "2026-12-07 09:30" } == ["ordered_at"])
        #expect(fields { $0.orderedAt = "2026-12-07 09:05" } == [], "a clock a few minutes ahead")
        #expect(fields { $0.buyer.phone = "" } == ["buyer.phone"], "an email alone: the parcel has no phone")
        #expect(fields { var other = $0.buyer; other.phone = ""; $0.destination = other } == ["destination.phone"])
        var halfWidth = Self.draft()
        halfWidth.buyer.kana = "ﾃﾞﾝﾜ ﾊﾅｺ"
        let order = try halfWidth.order(settings: Self.settings, now: Self.now)
        #expect(order.orderer.familyNameKana == "デンワ" && order.orderer.firstNameKana == "ハナコ")
    }

    @Test("a hand order's fees and lines edited later keep the invoice's rule: its 請求金額 stays its invoice's total")
    func editedLater() throws {
        let order = try Self.draft().order(settings: Self.settings, now: Self.now)
        var edit = OrderEdit(of: order)
        edit.fees.shipping = .yen(900)
        edit.lines[0][1].units = 4
        #expect(edit.problems(for: order).isEmpty)
        let edited = edit.applied(to: order)
        // 10 %: 999 × 4 = 3,996 tax excluded, its tax 399.
        #expect(edited.goodsPrice == .yen(6480 + 3996 + 399))
        #expect(edited.requestPrice.yen == (try TaxBreakdown.of(edited)).total)
    }

    @Test("a hand order is never sent to RMS nor mailed through Rakuten's relay; it is copied (複製)")
    func neverToRMS() throws {
        var order = try Self.draft().order(settings: Self.settings, now: Self.now)
        order.number = OrderNumber("398211-20261206-M000001")
        let selection = Selection([order])
        func skip(_ decision: Decision) -> SkipReason? {
            if case .skip(let reason) = decision { return reason }
            return nil
        }
        #expect(skip(ConfirmAction().decide(order, in: selection)) == .notRakutenOrder)
        let mail = MailAction(template: "thanks", templateTitle: "サンクスメール", now: order.orderedAt.addingTimeInterval(7200))
        #expect(skip(mail.decide(order, in: selection)) == .handOrderMail)
        // With the shop's own server set up, it is mailed (through that server: the Mailer's route).
        let ownServer = MailAction(template: "thanks", templateTitle: "サンクスメール", now: order.orderedAt.addingTimeInterval(7200), mailsOrdersTakenHere: true)
        #expect(skip(ownServer.decide(order, in: selection)) == nil)
        guard case .create(let copy) = DuplicateAction().decide(order, in: selection) else {
            Issue.record("a hand order is copied")
            return
        }
        #expect(copy.origin == order.origin && copy.packages[0].items == order.packages[0].items)
    }
}
