import OrderEngine
import Testing
import TestSupport

@Suite("注文確認: who may be confirmed, and why not")
struct ConfirmRuleTests {
    let action = ConfirmAction()

    private func reason(_ order: Order) -> SkipReason? {
        action.plan([order]).skips.first?.reason
    }

    @Test("a confirmable order goes 未送信 → 確認送信中")
    func confirmable() throws {
        let plan = action.plan([OrderFixtures.order()])
        #expect(plan.skips.isEmpty)
        let change = try #require(plan.changes.first)
        #expect(change.after.sync == .confirmSending)
        #expect(change.fields == [FieldChange(field: .sync, before: .sync(.notSent), after: .sync(.confirmSending))])
        #expect(plan.leavesMachine)
    }

    @Test("a bundled (同梱) order has no confirm: skipped with the reason")
    func bundled() {
        let skip = reason(OrderFixtures.order(bundle: BundleID("B-1")))
        #expect(skip == .bundled)
        #expect(skip?.text == "同梱注文は注文確認できません（同梱前に注文確認してください）")
    }

    @Test("an order whose shipping fee is unset is refused: 送料が未設定の注文です")
    func shippingFeeUnset() {
        let skip = reason(OrderFixtures.order(shipping: .unset))
        #expect(skip == .shippingFeeUnset)
        #expect(skip?.text == "送料が未設定の注文です")
    }

    @Test("confirm once: an order already sent, processing or done is skipped")
    func once() {
        #expect(reason(OrderFixtures.order(sync: .confirmSending)) == .confirmInFlight)
        #expect(reason(OrderFixtures.order(sync: .rakutenProcessing)) == .alreadyConfirmed)
        #expect(reason(OrderFixtures.order(sync: .rakutenDone)) == .alreadyConfirmed)
        var confirmedInRMS = OrderFixtures.order()
        confirmedInRMS.confirmedAt = confirmedInRMS.orderedAt
        #expect(reason(confirmedInRMS) == .alreadyConfirmed)
    }

    @Test("only Rakuten API orders are confirmed; one from RMS's order CSV waits until RMS's copy has filled it, and is cancelled in RMS, not here alone")
    func apiOnly() throws {
        #expect(reason(OrderFixtures.order(origin: .enteredByHand(.phone))) == .notRakutenOrder)
        #expect(reason(OrderFixtures.order(origin: .csvImport)) == .csvNotReadFromRMS)
        guard case .skip(let why) = try CancelAction(reasonCode: CancelAction.reasons[0].code).decide(OrderFixtures.order(origin: .csvImport), in: Selection([]))
        else {
            Issue.record("a CSV order was cancelled here alone")
            return
        }
        #expect(why == .csvNotReadFromRMS)
    }

    @Test("only at RMS 100 注文確認待ち")
    func onlyAwaiting() {
        let skip = reason(OrderFixtures.order(progress: .cancelled))
        #expect(skip == .rmsProgressNot(expected: .awaitingConfirmation, actual: .cancelled))
        #expect(skip?.text == "RMSステータスが注文確認待ちではありません（キャンセル確定）")
    }

    @Test("after RMS answered 'not confirmable', the operator must read the RMS status first")
    func afterNotConfirmable() {
        let skip = reason(OrderFixtures.order(sync: .failed(.notConfirmable, detail: "ERROR_103")))
        #expect(skip == .needsRMSStatusCheck(.notConfirmable))
    }

    @Test("after a temporary error the order may be sent again")
    func afterTemporaryError() {
        #expect(action.plan([OrderFixtures.order(sync: .failed(.temporary, detail: "timeout"))]).changes.count == 1)
    }

    @Test("a mixed selection is planned order by order, skips summed by reason")
    func mixed() {
        let orders = [
            OrderFixtures.order(1), OrderFixtures.order(2), OrderFixtures.order(3),
            OrderFixtures.order(4, bundle: BundleID("B")), OrderFixtures.order(5, shipping: .unset),
            OrderFixtures.order(6, bundle: BundleID("B")),
        ]
        let plan = action.plan(orders)
        #expect(plan.changes.map(\.number) == orders[0..<3].map(\.number))
        #expect(plan.skips.count == 3)
        #expect(plan.skipSummary.map(\.reason) == [.bundled, .shippingFeeUnset])
        #expect(plan.skipSummary.map(\.count) == [2, 1])

        // The preview the desk keeps says the same without holding the orders.
        let preview = PlanPreview(plan)
        #expect(preview.numbers == plan.changes.map(\.number))
        #expect(preview.changes.map(\.ordererName) == orders[0..<3].map(\.orderer.fullName))
        #expect(preview.changes.map(\.fields) == plan.changes.map(\.fields))
        #expect(preview.skips == plan.skips)
        #expect(preview.skipSummary.map(\.reason) == [.bundled, .shippingFeeUnset])
    }
}
