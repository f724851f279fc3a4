import Foundation
import OrderEngine
import Testing
import TestSupport

/// The rules decided in memory: the search line's language per order, term by term; file order;
/// a hold that ends the order's turn and keeps every rule from confirming it; each rule once.
@Suite("Rules: matched term by term, in file order, held orders never confirmed by a rule")
struct RuleTests {
    /// A 代金引換 order to a remote island, 請求金額 12,000円.
    static func codIsland(_ serial: Int = 1) -> Order {
        var order = OrderFixtures.order(serial)
        order.payment = Payment(methodCode: 2, methodName: "代金引換")
        order.delivery = DeliveryDetails(method: "宅配便", isIsolatedIsland: true)
        order.goodsPrice = .yen(11_200)
        return order
    }

    @Test("the search line decides one order as the store's query does, and says what it matched or why not")
    func queryExplains() {
        let query = OrderQuery(parsing: "支払:代引 特記:離島")
        #expect(query.problems.isEmpty)
        let cod = Self.codIsland()
        #expect(query.matches(cod))
        #expect(query.explain(cod).map(\.text) == ["支払=代金引換", "特記=離島"])
        let card = OrderFixtures.order(2)
        #expect(!query.matches(card))
        #expect(query.explain(card).map(\.text) == ["支払: クレジットカード（代引ではない）", "特記: なし（離島ではない）"])
        // 請求金額: 3,980 + 800 = 4,780円 for the card order; 12,000円 for the island's.
        #expect(OrderQuery(parsing: "金額:>10000").matches(cod))
        #expect(!OrderQuery(parsing: "金額:>10000").matches(card))
        #expect(OrderQuery(parsing: "金額:4780").matches(card))
        #expect(OrderQuery(parsing: "amount:4000..5000").matches(card))
        #expect(OrderQuery(parsing: "金額:＜＝４，７８０円").matches(card), "full-width, commas and 円 as typed")
        #expect(!OrderQuery(parsing: "金額:<4780").matches(card))
        #expect(OrderQuery(parsing: "金額:abc").problems == ["金額「abc」が読めません（例: 金額:>10000 または 金額:5000..10000）"])
        // Words: a name, kana typed in hiragana, the tail of the order number.
        #expect(OrderQuery(parsing: "さとう ゆめぴりか").matches(card))
        #expect(OrderQuery(parsing: "0000000002").matches(card))
        #expect(!OrderQuery(parsing: "林").matches(card))
    }

    /// The panel's own actions, planned on 2026-12-06.
    static func engine(_ action: OrderAction) -> Result<any BulkAction, ActionInputError> {
        Result { () throws(ActionInputError) in try action.engineAction(today: CalendarDate(year: 2026, month: 12, day: 6)!)! }
    }

    static let rules = RuleSet([
        Rule(name: "代引は保留", when: "支払:代引 特記:離島", actions: [.changeStatus(LocalStatus("保留")), .setFlag("要確認")], hold: "離島の代引は送料を確認"),
        Rule(name: "カードは確認", when: "支払:カード", actions: [.confirm], stop: true),
        Rule(name: "全部確認", when: "金額:>0", actions: [.confirm, .setFlag("メール便")]),
    ])

    @Test("rules act in file order; a hold ends the order's turn and a stop keeps later rules off")
    func fileOrder() {
        let held = Self.rules.trace(Self.codIsland(), engine: Self.engine)
        #expect(held.steps.map(\.verdict) == [.acts, .after("代引は保留"), .after("代引は保留")])
        #expect(held.steps[0].reason == "支払=代金引換, 特記=離島")
        #expect(held.steps[1].reason == "ルール「代引は保留」で止まりました")
        #expect(held.held?.reason == "離島の代引は送料を確認")
        let card = Self.rules.trace(OrderFixtures.order(2), engine: Self.engine)
        #expect(card.steps.map(\.verdict) == [.notMatched, .acts, .after("カードは確認")])
        #expect(card.acting.map(\.name) == ["カードは確認"])
        #expect(card.steps[0].reason == "支払: クレジットカード（代引ではない）, 特記: なし（離島ではない）")
    }

    @Test("a rule that acted on an order before does not act again; a hold recorded before still keeps rules from confirming")
    func once() {
        let order = Self.codIsland()
        let act = RuleAct(rule: "代引は保留", matched: "支払=代金引換, 特記=離島", hold: "離島の代引は送料を確認", at: Date(), batchID: "b")
        let again = Self.rules.trace(order, history: [act], engine: Self.engine)
        #expect(again.steps.map(\.verdict) == [.actedBefore(act.at), .after("代引は保留"), .after("代引は保留")], "held once, held on every run")
        #expect(again.acting.isEmpty)
        // A rule written above it later acts, but does not confirm the held order.
        let added = RuleSet([Rule(name: "新しい確認", when: "金額:>0", actions: [.confirm, .setFlag("メール便")])] + Self.rules.rules)
        let later = added.trace(order, history: [act], engine: Self.engine)
        #expect(later.acting.map(\.name) == ["新しい確認"])
        let plan = later.plan(on: order, engine: Self.engine)
        #expect(plan.map(\.action) == ["注文確認通知", "チェック項目「メール便」"])
        #expect(plan[0].skip == .heldByRule(rule: "代引は保留", reason: "離島の代引は送料を確認"))
        #expect(plan[1].applies != nil && plan[1].skip == nil)
    }

    @Test("a rule is matched against the order as the rules before it leave it: a check item one sets, the next finds")
    func chained() {
        let rules = RuleSet([
            Rule(name: "離島は要確認", when: "特記:離島", actions: [.setFlag("要確認")]),
            Rule(name: "要確認は保留", when: "チェック:要確認", actions: [.changeStatus(.onHold)]),
        ])
        let engine = Self.engine
        let trace = rules.trace(Self.codIsland(), engine: engine)
        #expect(trace.acting.map(\.name) == ["離島は要確認", "要確認は保留"])
        #expect(trace.steps[1].reason == "チェック=要確認")
        #expect(trace.plan(on: Self.codIsland(), engine: engine).compactMap(\.applies).count == 2)
    }

    @Test("a rule never confirms an order with an unset fee, a read problem or a change not yet in RMS")
    func guardedConfirm() {
        let rule = Rule(name: "確認", when: "金額:>=0", actions: [.confirm])
        var pending = OrderFixtures.order(3)
        pending.pendingEdit = PendingEdit()
        var unset = OrderFixtures.order(4, shipping: .unset)
        unset.fees.shipping = .unset
        let step = RuleStepAction(rule: rule, base: ConfirmAction(), held: [:])
        let plan = step.plan([pending, unset, OrderFixtures.order(5)])
        #expect(plan.skips.map(\.reason) == [.unsentEditBeforeRuleConfirm, .shippingFeeUnset])
        #expect(plan.changes.map(\.number) == [OrderFixtures.order(5).number])
        #expect(step.title == "ルール「確認」: 注文確認通知を送る")
    }
}
