import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import TerminalUI

/// 受注を登録 at the desk: a phone order typed in a few keys, checked as it is typed by the rule
/// `juchu order new` uses, nothing lost on a resize, a refused save or the first Esc.
@Suite("Desk: 受注を登録 — the form")
struct HandOrderFormTests {
    /// 2026-12-06 10:30 in Japan.
    static let now = Date(timeIntervalSince1970: 1_796_520_600)
    static let settings = HandOrderDraft.Settings(
        channels: ["電話", "FAX", "店舗"], paymentMethods: ["代金引換", "銀行振込"], deliveryMethods: ["宅配便", "メール便"], firstStatus: .newOrder)
    static let products = [
        HandOrderProduct(manageNumber: "rice-5kg", name: "新米 コシヒカリ 5kg", choice: "白米", price: 3240, taxRate: 8, taxIncluded: true),
        HandOrderProduct(manageNumber: "towel", name: "今治タオル", choice: "", price: 1000, taxRate: 10, taxIncluded: false),
    ]

    static func opened() -> DeskState {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.orderEntryOpened(HandOrderForm(settings: settings, products: products, now: now)))
        return state
    }

    static func type(_ text: String, into state: inout DeskState) {
        for character in text { _ = state.handle(.character(character)) }
    }

    /// Down until `field` has the focus (at most 60 keys).
    static func reach(_ field: HandOrderForm.Field, in state: inout DeskState) {
        for _ in 0..<60 where state.orderEntry?.focused != field { _ = state.handle(.down) }
    }

    /// A phone order for 代金引換, typed whole: the buyer by postcode, a product from the list, 送料.
    static func filled() -> DeskState {
        var state = opened()
        reach(.shippingFee, in: &state)
        type("800", into: &state)
        _ = state.handle(.down)
        type("330", into: &state)
        _ = state.handle(.pageDown)
        type("1000001", into: &state)
        _ = state.apply(.postcodeFound("1000001", places: [PostcodePlace(prefecture: "東京都", city: "千代田区", town: "千代田")]))
        reach(.person(.buyer, .address), in: &state)
        type("1-1", into: &state)
        _ = state.handle(.down)
        type("電話 花子", into: &state)
        _ = state.handle(.down)
        type("でんわ はなこ", into: &state)
        _ = state.handle(.down)
        type("03-1234-5678", into: &state)
        _ = state.handle(.pageDown)
        _ = state.handle(.pageDown)
        type("こしひかり", into: &state)
        _ = state.handle(.right)
        return state
    }

    @Test("the panel row, its key and the palette open the form; 受付 starts at the shop's first channel and payment, 注文日時 now")
    func opens() throws {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        #expect(state.perform(.enterOrder).count == 1)
        guard case .openOrderEntry? = state.perform(.enterOrder).first else {
            Issue.record("the key did not open the form")
            return
        }
        let palette = CommandPalette(panel: state.panelItems)
        var query = palette
        query.query = "でんわ"
        #expect(query.matches.first?.action == .enterOrder)
        let form = try #require(Self.opened().orderEntry)
        #expect(form.text(of: .channel) == "電話" && form.text(of: .paymentMethod) == "代金引換")
        #expect(form.text(of: .orderedAt) == "2026-12-06 10:30")
        #expect(!form.hasChanges)
    }

    @Test("a phone order typed: the postcode fills the address, こしひかり finds the product, Enter stores what `juchu order new` would")
    func phoneOrder() throws {
        var state = Self.filled()
        let form = try #require(state.orderEntry)
        #expect(form.text(of: .person(.buyer, .address)) == "千代田1-1")
        #expect(form.text(of: .line(0, .name)) == "新米 コシヒカリ 5kg" && form.text(of: .line(0, .price)) == "3240")
        #expect(form.text(of: .line(0, .taxRate)) == "8" && form.text(of: .line(0, .choice)) == "白米")
        let effects = state.handle(.enter)
        guard case .enterOrder(let draft)? = effects.first else {
            Issue.record("not saved: \(effects) \(state.orderEntry?.problems ?? [])")
            return
        }
        let order = try draft.order(settings: Self.settings, now: Self.now)
        #expect(order.origin == .enteredByHand(.phone))
        #expect(order.payment.methodName == "代金引換")
        #expect(order.orderer.familyNameKana == "デンワ" && order.orderer.zipCode.filter(\.isNumber) == "1000001")
        #expect(order.packages[0].destination == order.orderer, "the buyer's address when no other is given")
        #expect(order.requestPrice == .yen(3240 + 800 + 330))
        // Stored: the form closes and says the number.
        var stored = order
        stored.number = OrderNumber("398211-20261206-M000001")
        #expect(state.apply(.orderEntered(.success(stored))).count == 1)
        #expect(state.orderEntry == nil)
        #expect(state.message?.text.contains("398211-20261206-M000001") == true)
    }

    @Test("checked as typed: a bad postcode and a short phone are said under the field; Enter names every problem and keeps everything")
    func checkedAsTyped() throws {
        var state = Self.opened()
        _ = state.handle(.pageDown)
        Self.type("12", into: &state)
        #expect(state.orderEntry?.focusedProblem != nil, "a two-digit postcode is refused as it is typed")
        Self.reach(.person(.buyer, .phone), in: &state)
        Self.type("03", into: &state)
        #expect(state.orderEntry?.focusedProblem != nil)
        #expect(state.handle(.enter).isEmpty, "not saved")
        let form = try #require(state.orderEntry)
        #expect(form.problems.contains { $0.hasPrefix("送料: ") })
        #expect(form.problems.contains { $0.hasPrefix("氏名（姓 名）（注文者）: ") })
        #expect(form.problems.contains { $0.hasPrefix("商品名（商品1）: ") })
        #expect(form.focused == .shippingFee, "the focus goes to the first problem")
        #expect(form.text(of: .person(.buyer, .zip)) == "12" && form.text(of: .person(.buyer, .phone)) == "03", "nothing typed is lost")
        // A store that refuses (another desk's number, a locked file) keeps the form as it is.
        var full = Self.filled()
        _ = full.apply(.orderEntered(.failure(.notStored("database is locked"))))
        #expect(full.orderEntry?.text(of: .person(.buyer, .name)) == "電話 花子")
        #expect(full.orderEntry?.problems.first?.contains("database is locked") == true)
    }

    @Test("items: C-n adds a line, typed freely at 10 % 税別; Delete removes one; 別の送付先 opens its fields")
    func linesAndDestination() throws {
        var state = Self.filled()
        _ = state.handle(.control("n"))
        #expect(state.orderEntry?.lineCount == 2 && state.orderEntry?.focused == .line(1, .product))
        Self.reach(.line(1, .name), in: &state)
        Self.type("のし紙", into: &state)
        _ = state.handle(.down)
        _ = state.handle(.down)
        Self.type("１１０", into: &state)
        Self.reach(.line(1, .taxIncluded), in: &state)
        _ = state.handle(.right)
        #expect(state.orderEntry?.text(of: .line(1, .taxIncluded)) == "税別")
        guard case .success(let order) = try #require(state.orderEntry).checked else {
            Issue.record("\(state.orderEntry?.checked as Any)")
            return
        }
        #expect(order.goodsPrice == .yen(3240 + 121), "110円 税別 at 10 % is 121円 with its tax")
        // The destination: another address, its own fields.
        _ = state.handle(.pageUp)
        #expect(state.orderEntry?.focused == .separateDestination)
        _ = state.handle(.right)
        #expect(state.orderEntry?.sections[2].fields.count == 8)
        #expect(state.handle(.enter).isEmpty, "an empty destination is refused")
        #expect(state.orderEntry?.problems.contains { $0.contains("（送付先）") } == true)
        _ = state.handle(.left)
        // Delete removes a line from its 商品リスト only: in a field being typed it drops nothing.
        _ = state.handle(.pageDown)
        Self.reach(.line(1, .name), in: &state)
        _ = state.handle(.delete)
        #expect(state.orderEntry?.lineCount == 2 && state.orderEntry?.text(of: .line(1, .name)) == "のし紙")
        _ = state.handle(.up)
        _ = state.handle(.up)
        #expect(state.orderEntry?.focused == .line(1, .product))
        _ = state.handle(.delete)
        #expect(state.orderEntry?.lineCount == 1)
        // q and n (the dialog's cancel keys) are typed or nothing here: never a close.
        _ = state.handle(.character("q"))
        _ = state.handle(.character("q"))
        #expect(state.orderEntry != nil)
    }

    @Test("nothing lost: a resize redraws the same form; the first Esc asks, the second closes; an untouched form closes at once")
    func escAndResize() throws {
        var state = Self.filled()
        #expect(state.handle(.resize).count == 1)
        #expect(state.orderEntry?.text(of: .person(.buyer, .name)) == "電話 花子")
        _ = state.handle(.escape)
        #expect(state.orderEntry != nil, "the first Esc asks")
        #expect(state.orderEntry?.problems.first?.contains("登録していません") == true)
        _ = state.handle(.escape)
        #expect(state.orderEntry == nil)
        var untouched = Self.opened()
        _ = untouched.handle(.escape)
        #expect(untouched.orderEntry == nil)
    }

    @Test("at 80×24: the sections, the totals with the amount per tax rate, the keys for lines")
    func drawnAt80x24() throws {
        var state = Self.filled()
        let text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Self.now).text
        for word in ["受注を登録", "受付", "注文者", "送付先", "商品", "メモ", "商品管理番号", "請求金額", "4,370円", "8%対象 3,240円", "C-n 商品を追加"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        _ = state.handle(.pageUp)
        _ = state.handle(.pageUp)
        _ = state.handle(.pageUp)
        let first = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Self.now).text
        #expect(first.contains("< 電話 >") && first.contains("2026-12-06 10:30"), "\(first)")
    }

    @Test("the product list: newest sale's price, most sold first, one per 管理番号・名前・選択肢, only 8 % and 10 %")
    func productList() {
        var older = OrderFixtures.order(1)
        older.packages[0].items = [Item(itemDetailID: 1, name: "米", manageNumber: "rice", selectedChoice: nil, unitPrice: 3000, units: 1, taxRate: 0.08, includesTax: true)]
        var newer = OrderFixtures.order(2)
        newer.packages[0].items = [
            Item(itemDetailID: 1, name: "米", manageNumber: "rice", selectedChoice: nil, unitPrice: 3240, units: 2, taxRate: 0.08, includesTax: true),
            Item(itemDetailID: 2, name: "箸", manageNumber: "hashi", selectedChoice: "赤", unitPrice: 500, units: 1, taxRate: 0.1, includesTax: true),
            Item(itemDetailID: 3, name: "古い税率", manageNumber: "old", selectedChoice: nil, unitPrice: 500, units: 9, taxRate: 0.05, includesTax: true),
        ]
        let list = HandOrderProduct.list(from: [newer, older])
        #expect(list.map(\.manageNumber) == ["rice", "hashi"])
        #expect(list[0].price == 3240)
        #expect(list[1].label == "hashi 箸（赤） 500円 10%税込")
        #expect(list[1].matches("ハシ") == false && list[1].matches("HASHI") && list[0].matches("ｒｉｃｅ"))
    }
}
