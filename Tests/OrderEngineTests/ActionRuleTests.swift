import OrderEngine
import Testing
import TestSupport

@Suite("Processing-panel actions: each rule with the reason the operator reads")
struct ActionRuleTests {
    func reason(_ action: some BulkAction, _ orders: [Order]) -> SkipReason? { action.plan(orders).skips.first?.reason }

    @Test("status change: before → after, unchanged orders skipped")
    func status() {
        let plan = ChangeStatusAction(to: .awaitingPayment).plan([OrderFixtures.order(1)])
        #expect(plan.changes.first?.fields == [FieldChange(field: .localStatus, before: .text("new-order"), after: .text("awaiting-payment"))])
        #expect(plan.changes.first?.fields.first?.displayText == "受注ステータス 新規受付→入金待ち", "shown by its name, kept by its id")
        #expect(reason(ChangeStatusAction(to: .newOrder), [OrderFixtures.order(1)]) == .noChange)
        #expect(!plan.leavesMachine)
    }

    @Test("dates: 追記 fills only empty fields, 上書き replaces, a blank clears only in 上書き")
    func dates() throws {
        var filled = OrderFixtures.order(2)
        filled.dates[.paymentDate] = CalendarDate(year: 2026, month: 11, day: 1)
        let append = try WriteDateAction(.paymentDate, text: "2026-11-22", mode: .fillEmpty)
        let plan = append.plan([OrderFixtures.order(1), filled])
        #expect(plan.changes.map(\.number) == [OrderFixtures.order(1).number])
        #expect(plan.skips.first?.reason.text == "入金日は入力済みです（追記は空欄のときだけ書き込みます）")
        let overwrite = try WriteDateAction(.paymentDate, text: "2026/11/22", mode: .overwrite)
        #expect(overwrite.plan([filled]).changes.first?.after.dates[.paymentDate]?.description == "2026-11-22")
        let blank = try WriteDateAction(.paymentDate, text: " ", mode: .overwrite)
        #expect(blank.plan([filled]).changes.first?.after.dates[.paymentDate] == nil)
        #expect(throws: ActionInputError("空白を書き込むのは上書きのときだけです")) { try WriteDateAction(.paymentDate, text: "", mode: .fillEmpty) }
    }

    @Test("a date must be a real date", arguments: ["2026-02-30", "2026-13-01", "明日", "11/22"])
    func badDates(text: String) {
        #expect(throws: ActionInputError.self) { try WriteDateAction(.shipmentDate, text: text, mode: .overwrite) }
    }

    @Test("a fee is a whole yen amount from 0 to 999,999", arguments: [("1,200円", 1200), ("0", 0), ("999999", 999_999)])
    func fees(text: String, yen: Int) throws {
        #expect(try WriteFeeAction(.shipping, text: text).amount == yen)
    }

    @Test("fees out of range or not whole yen are refused", arguments: ["-1", "1000000", "12.5", "八百"])
    func badFees(text: String) {
        #expect(throws: ActionInputError.self) { try WriteFeeAction(.paymentCharge, text: text) }
    }

    @Test("a bundled order's fees cannot change until it is unbundled; nor a shipped order's")
    func feeRules() throws {
        let action = try WriteFeeAction(.shipping, text: "1000")
        #expect(reason(action, [OrderFixtures.order(1, bundle: BundleID("B"))])?.text == "同梱注文の金額は同梱を解除してから変更してください")
        #expect(reason(action, [OrderFixtures.order(1, progress: .shipped)]) == .feesLockedAfterShipping)
        #expect(action.plan([OrderFixtures.order(1, shipping: .unset)]).changes.first?.after.fees.shipping == .yen(1000))
    }

    @Test("carriers are Rakuten's codes; flags set and cleared")
    func carrierAndFlags() throws {
        let yamato = try #require(Carrier.named("ヤマト運輸"))
        #expect(yamato.code == "1001")
        #expect(try SetCarrierAction(yamato).plan([OrderFixtures.order(1)]).changes.first?.after.carrier == yamato)
        #expect(throws: ActionInputError.self) { try SetCarrierAction(Carrier(code: "9999")) }
        let set = try FlagAction(OrderFlag.mailDelivery, set: true).plan([OrderFixtures.order(1)])
        #expect(set.changes.first?.after.flags == ["メール便"])
        #expect(try FlagAction("メール便", set: false).plan([OrderFixtures.order(1)]).skips.first?.reason == .noChange)
    }

    @Test("duplicate only orders entered by hand")
    func duplicate() {
        let hand = OrderFixtures.order(1, origin: .enteredByHand(.phone), sync: .localOnly)
        let plan = DuplicateAction().plan([hand, OrderFixtures.order(2), OrderFixtures.order(3, origin: .csvImport)])
        #expect(plan.creations.count == 1)
        #expect(plan.creations.first?.source == hand.number)
        #expect(plan.skips.map(\.reason) == [.notEnteredByHand, .notEnteredByHand])
        #expect(SkipReason.notEnteredByHand.text == "複製できるのは店舗・電話・FAXの注文だけです")
        // The preview the desk keeps hands the copied order on to be applied (it changes none).
        #expect(PlanPreview(plan).numbers == [hand.number] && PlanPreview(plan).creationCount == 1)
    }

    @Test("bundle: same orderer and destination, each 楽天処理済, fees fixed, not shipped")
    func bundle() {
        let a = OrderFixtures.confirmed(1)
        let b = OrderFixtures.confirmed(2)
        let stranger = OrderFixtures.confirmed(3, orderer: OrderFixtures.otherPerson)
        let unconfirmed = OrderFixtures.order(4)
        var unsetFee = OrderFixtures.confirmed(5)
        unsetFee.fees.shipping = .unset
        let shipped = OrderFixtures.order(6, progress: .shipped, sync: .rakutenDone)
        let plan = BundleAction().plan([a, b, stranger, unconfirmed, unsetFee, shipped])
        #expect(plan.changes.map(\.number) == [a.number, b.number])
        #expect(Set(plan.changes.map(\.after.bundleID)).count == 1)
        let reasons = Dictionary(uniqueKeysWithValues: plan.skips.map { ($0.number, $0.reason) })
        #expect(reasons[stranger.number] == .bundleNoPartner)
        #expect(reasons[unconfirmed.number] == .bundleNeedsConfirmedOrder(.notSent))
        #expect(reasons[unsetFee.number] == .bundleNeedsFixedFees)
        #expect(reasons[shipped.number] == .bundleAlreadyShipped)
        #expect(SkipReason.bundleNeedsConfirmedOrder(.notSent).text == "同梱できるのは楽天処理済の注文だけです（現在 未送信）")
    }

    @Test("unbundle clears the bundle; an order not bundled is skipped")
    func unbundle() {
        let plan = UnbundleAction().plan([OrderFixtures.confirmed(1), OrderFixtures.order(2, bundle: BundleID("B-1"))])
        #expect(plan.changes.first?.after.bundleID == nil)
        #expect(plan.skips.first?.reason == .notBundled)
    }

    @Test("cancel only at RMS 100/200/300; sent to RMS for Rakuten orders, local for hand orders")
    func cancel() throws {
        let action = try CancelAction(reasonCode: 8)
        let plan = action.plan([
            OrderFixtures.order(1), OrderFixtures.order(2, progress: .rakutenProcessing), OrderFixtures.order(3, progress: .awaitingShipment),
            OrderFixtures.order(4, progress: .shipped), OrderFixtures.order(5, progress: .cancelled),
            OrderFixtures.order(6, origin: .enteredByHand(.fax), sync: .localOnly), OrderFixtures.order(7, bundle: BundleID("B")),
        ])
        #expect(plan.changes.count == 4)
        #expect(plan.changes.filter(\.sendsToRMS).count == 3)
        #expect(plan.changes.allSatisfy { $0.after.localStatus == .cancelled })
        #expect(plan.skips.map(\.reason) == [.cancelNotAllowed(.shipped), .alreadyCancelled, .bundledCancel])
        #expect(SkipReason.cancelNotAllowed(.shipped).text
            == "キャンセルできるのはRMSステータスが注文確認待ち・楽天処理中・発送待ちの注文だけです（発送済）")
        #expect(throws: ActionInputError.self) { try CancelAction(reasonCode: 99) }
    }

    @Test("an edit cannot add or remove items of a Rakuten order; a reduction is recognised")
    func edits() {
        let order = OrderFixtures.order(1)
        var edit = OrderEdit(of: order)
        #expect(edit.problems(for: order).isEmpty)
        edit.lines[0].append(OrderEdit.Line(itemDetailID: 99, units: 1, unitPrice: 100))
        #expect(edit.problems(for: order).contains("楽天ペイの注文は商品の追加・削除をRMSに反映できません"))
        var cheaper = OrderEdit(of: order)
        cheaper.lines[0][0].unitPrice -= 100
        #expect(cheaper.isReduction(from: order))
        #expect(cheaper.applied(to: order).goodsPrice == .yen(3880))
        var more = OrderEdit(of: order)
        more.fees.shipping = .yen(1000)
        #expect(!more.isReduction(from: order))
    }

    @Test("every journalled field can be written back (what undo does)")
    func writeBack() throws {
        let before = OrderFixtures.order(1)
        var after = before
        after.flags = ["メール便"]
        after.dates[.shipmentDate] = CalendarDate(year: 2026, month: 12, day: 1)
        after.carrier = Carrier(code: "1002")
        after.confirmedAt = before.orderedAt
        var restored = after
        for change in before.changes(to: after) { try change.field.set(change.before, in: &restored) }
        #expect(restored == before)
    }
}

@Suite("注文内容修正 and 入力内容を反映する")
struct EditRuleTests {
    @Test("an edit of a Rakuten order is pending until pushed; a reduction asks for its reason; the reason reads back from the journal text")
    func pendingEdit() throws {
        let order = OrderFixtures.order(1)
        var edit = OrderEdit(of: order)
        edit.fees.shipping = .yen(300)
        #expect(edit.problems(for: order) == ["金額が下がるときは楽天減額理由を選んでください"])
        edit.reductionReason = 8
        #expect(edit.problems(for: order).isEmpty)
        let edited = edit.applied(to: order)
        #expect(edited.pendingEdit?.reductionReason == 8 && edited.pendingEdit?.groups == [.amounts])
        let changes = order.changes(to: edited)
        #expect(changes.map(\.field) == [.shippingFee, .pendingEdit])
        // The journal says what will be sent, RMS's fee before and the one after, and reads it back.
        let shown = try #require(changes.last.map { OrderField.pendingEdit.displayText(of: $0.after) })
        #expect(shown == "RMS未反映: 送料 \(order.fees.shipping) → 300円（減額理由 8 欠品）", "\(shown)")
        #expect(try #require(changes.last).after == .text(edited.pendingEdit?.text))
        #expect(PendingEdit(text: edited.pendingEdit!.text) == edited.pendingEdit)
        #expect(PendingEdit(text: PendingEdit(reductionReason: 8).text) == PendingEdit(reductionReason: 8))
        #expect(PendingEdit(text: PendingEdit().text) == PendingEdit())
        // Nothing changed: nothing to push.
        #expect(OrderEdit(of: order).applied(to: order).pendingEdit == nil)
    }

    @Test("quantities and prices are one journal value that puts the items back")
    func itemsRoundTrip() throws {
        let order = OrderFixtures.order(1)
        var edit = OrderEdit(of: order)
        edit.lines[0][0].units = 3
        edit.lines[0][0].unitPrice = 1200
        let edited = edit.applied(to: order)
        let change = try #require(order.changes(to: edited).first { $0.field == .items })
        var back = edited
        try OrderField.items.set(try #require(FieldValue(journalText: change.before.journalText)), in: &back)
        #expect(back.packages == order.packages)
        #expect(back.goodsPrice == order.goodsPrice)
    }

    @Test("only a pending edit of a Rakuten order at 100/200/300, not bundled, is pushed; the push clears it")
    func pushRules() {
        let action = PushEditAction()
        var pending = OrderFixtures.order(1)
        pending.pendingEdit = PendingEdit()
        var shipped = pending
        shipped.rmsProgress = .shipped
        var bundled = pending
        bundled.bundleID = BundleID("B")
        let plan = action.plan([pending, OrderFixtures.order(2), shipped, bundled])
        #expect(plan.changes.map(\.number) == [pending.number])
        #expect(plan.changes.first?.after.pendingEdit == nil)
        #expect(plan.changes.first?.sendsToRMS == true)
        #expect(plan.skips.map(\.reason) == [.noPendingEdit, .editNotAllowed(.shipped), .bundledFeesLocked])
    }
}
