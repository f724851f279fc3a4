import Foundation
import OrderEngine
import Testing
import TestSupport

/// A buyer's change, checked as RMS checks it, pending with RMS's value before, and what a read
/// of RMS's copy does with it.
@Suite("Rules: a buyer's change (送付先, お届け日時, 配送方法, メモ, 備考, サブステータス)")
struct DetailEditRuleTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 6)!
    static let context = DetailEdit.Context(today: today, deliveryMethods: ["宅配便", "ゆうパック"])

    static func normalized(_ field: DetailField, _ text: String) -> Result<[DetailField: String], EditProblems> {
        DetailEdit([field: text]).normalized(for: OrderFixtures.order(1), context: context)
    }

    @Test("values are taken as RMS takes them, from what operators type: full-width digits, a date without its year, a time slot in words")
    func normalizedValues() {
        let cases: [(DetailField, String, String)] = [
            (.sender(package: 0, .zipCode), "〒１００－０００１", "100-0001"),
            (.sender(package: 0, .phoneNumber), "０３－１２３４－５６７８", "03-1234-5678"),
            (.deliveryDate, "12/12", "2026-12-12"),
            (.deliveryDate, "1/5", "2027-01-05"),
            (.deliveryDate, "2026/12/24", "2026-12-24"),
            (.deliveryDate, "20261224", "2026-12-24"),
            (.deliveryDate, "12月12日", "2026-12-12"),
            (.shippingTerm, "14-16", "1416"),
            (.shippingTerm, "１４〜１６時", "1416"),
            (.shippingTerm, "午前中", "1"),
            (.shippingTerm, "", "0"),
            (.giftCheck, "あり", "1"),
            (.deliveryName, "ゆうパック", "ゆうパック"),
        ]
        for (field, typed, taken) in cases {
            #expect(Self.normalized(field, typed) == .success([field: taken]), "\(field.key) \(typed)")
        }
    }

    @Test("values RMS would refuse are refused here with the field and why")
    func refusedValues() {
        let cases: [(DetailField, String, String)] = [
            (.deliveryDate, "2026-12-05", "過ぎています"),
            (.deliveryDate, "2/30", "日付ではありません"),
            (.deliveryDate, "12/½", "日付ではありません"),
            (.deliveryDate, "Ⅻ12", "日付ではありません"),
            (.deliveryDate, "2028-01-01", "1年より先"),
            (.shippingTerm, "1614", "時間帯ではありません"),
            (.shippingTerm, "0608", "時間帯ではありません"),
            // Found by the fuzzer: hours long enough to overflow when made a code.
            (.shippingTerm, "99999999999999999-1", "時間帯ではありません"),
            (.shippingTerm, "-9223372036854775808-14", "時間帯ではありません"),
            (.shippingTerm, "99999999999999999999", "時間帯ではありません"),
            (.sender(package: 0, .zipCode), "123-456", "7桁の郵便番号ではありません"),
            (.sender(package: 0, .prefecture), "東京", "都道府県名ではありません"),
            (.sender(package: 0, .familyNameKana), "やまだ", "全角カタカナ"),
            (.sender(package: 0, .familyName), "", "入力してください"),
            (.sender(package: 0, .familyName), String(repeating: "長", count: 17), "16文字以内"),
            (.sender(package: 0, .phoneNumber), "03-1234", "電話番号ではありません"),
            (.sender(package: 0, .subAddress), "1-1\t2", "制御文字"),
            (.dropOffLocation(package: 0), String(repeating: "玄", count: 31), "30文字以内"),
            (.memo, String(repeating: "メ", count: 1001), "1000文字以内"),
            (.deliveryName, "ドローン便", "店舗の配送方法にありません"),
            (.giftCheck, "たぶん", "1（あり）か 0（なし）"),
        ]
        for (field, typed, why) in cases {
            guard case .failure(let problems) = Self.normalized(field, typed) else {
                Issue.record("\(field.key) \(typed) was taken")
                continue
            }
            #expect(problems.problems.first?.hasPrefix(field.label + ": ") == true && problems.description.contains(why), "\(problems)")
        }
    }

    @Test("keys are RMS's names, with the CSV's address1–3 and a second package's number")
    func keys() {
        #expect(DetailField(key: "sender.zipCode") == .sender(package: 0, .zipCode))
        #expect(DetailField(key: "sender2.address3") == .sender(package: 1, .subAddress))
        #expect(DetailField(key: "orderer.phone") == .orderer(.phoneNumber))
        #expect(DetailField(key: "dropOffLocation2") == .dropOffLocation(package: 1))
        #expect(DetailField(key: "sender.email") == nil)
        #expect(DetailField(key: "sender0.city") == nil)
        for field in DetailField.all(packages: 2) { #expect(DetailField(key: field.key) == field) }
    }

    @Test("saved: pending per group with RMS's value before; set back to RMS's value, nothing is pending; the journal reads and puts back the address")
    func pendingAndJournal() throws {
        let order = OrderFixtures.order(1)
        let edit = DetailEdit([.sender(package: 0, .subAddress): "新しい番地 9-9", .deliveryDate: "12/12", .memo: "電話あり"])
        #expect(edit.problems(for: order, context: Self.context).isEmpty)
        let changed = edit.applied(to: order, context: Self.context)
        let pending = try #require(changed.pendingEdit)
        #expect(pending.groups == [.sender, .memo])
        #expect(pending.sent["sender.subAddress"] == order.packages[0].destination.subAddress)
        #expect(pending.lines.contains("お届け日 （なし） → 2026-12-12"))
        #expect(pending.lines.contains("送付先 番地・建物 \(order.packages[0].destination.subAddress) → 新しい番地 9-9"))
        #expect(PendingEdit(text: pending.text) == pending, "the journal's text reads back")
        let changes = order.changes(to: changed)
        #expect(Set(changes.map(\.field)).isSuperset(of: [.destinations, .requestedDeliveryDate, .memo, .pendingEdit]))
        let destination = try #require(changes.first { $0.field == .destinations })
        #expect(destination.displayText.contains("新しい番地 9-9") && !destination.displayText.contains("{"), "\(destination.displayText)")
        // The journal puts every field back.
        var back = changed
        for change in changes { try change.field.set(change.before, in: &back) }
        #expect(back == order)
        // Set back by hand to what RMS holds: no change left to send.
        let back2 = DetailEdit([.sender(package: 0, .subAddress): order.packages[0].destination.subAddress, .memo: ""])
        let undone = back2.applied(to: changed, context: Self.context)
        #expect(undone.pendingEdit?.groups == [.memo] && undone.pendingEdit?.lines == ["お届け日 （なし） → 2026-12-12"], "\(undone.pendingEdit?.lines ?? [])")
        // A date RMS holds cannot be cleared (updateOrderMemo leaves an omitted date as it is).
        #expect(DetailEdit([.deliveryDate: ""]).problems(for: undone, context: Self.context) == ["お届け日: お届け日はRMSで空にできません（日付を入力してください）"])
        // An order entered here has nothing to push.
        #expect(edit.applied(to: OrderFixtures.order(2, origin: .enteredByHand(.phone)), context: Self.context).pendingEdit == nil)
    }

    static func changes(_ decision: Decision) -> Bool { if case .change = decision { true } else { false } }

    @Test("a push: groups RMS refuses at the status are named here; 送付先 waits for an unset fee; a social gift's recipient address is not the shop's")
    func pushDecisions() throws {
        var shipped = OrderFixtures.order(1, progress: .shipped)
        shipped.pendingEdit = PendingEdit(groups: [.delivery])
        guard case .skip(.editGroupRefused(let why)) = PushEditAction().decide(shipped, in: Selection([])) else {
            Issue.record("a delivery method was pushed after shipping")
            return
        }
        #expect(why.hasPrefix("配送方法は発送前にだけ変更できます"))
        shipped.pendingEdit = PendingEdit(groups: [.sender, .memo])
        #expect(Self.changes(PushEditAction().decide(shipped, in: Selection([]))))
        var unset = OrderFixtures.order(2, shipping: .unset)
        unset.pendingEdit = PendingEdit(groups: [.sender])
        guard case .skip(.unsetFeeNotSent("送料")) = PushEditAction().decide(unset, in: Selection([])) else {
            Issue.record("送付先 pushed with an unset fee")
            return
        }
        unset.pendingEdit = PendingEdit(groups: [.memo])
        #expect(Self.changes(PushEditAction().decide(unset, in: Selection([]))), "the memo does not carry the fees")
        var gift = OrderFixtures.order(3)
        gift.packages[0].handling = PackageHandling(recipientInputDue: "2026-12-20")
        let problems = DetailEdit([.sender(package: 0, .city): "港区"]).problems(for: gift, context: Self.context)
        #expect(problems.contains { $0.contains("ソーシャルギフトの送付先は受取人が入力します") }, "\(problems)")
    }

    @Test("RMS read again: a field the shop has not changed follows RMS; one it changed and RMS changed too is 差分あり; a group RMS now holds is sent no more")
    func readAgain() throws {
        let rmsBefore = OrderFixtures.order(1)
        var ours = DetailEdit([.memo: "店舗のメモ", .remarks: "店舗の備考"]).applied(to: rmsBefore, context: Self.context)
        ours.rmsAmounts = nil
        // RMS: the memo changed by someone else, the remarks now as the shop's (a push RMS took), the orderer's phone changed.
        var rms = rmsBefore
        rms.memo = "RMSのメモ"
        rms.remarks = "店舗の備考"
        rms.orderer.phoneNumber = "090-0000-0000"
        let merged = RMSCopyMerge.merge(ours: ours, rms: rms, previous: rmsBefore)
        guard case .differs(let after) = merged else {
            Issue.record("not 差分あり: \(merged)")
            return
        }
        #expect(after.memo == "店舗のメモ", "never laid over the shop's unsent change")
        #expect(after.rmsDifference?.fields.map(\.label) == ["ひとことメモ"])
        #expect(after.rmsDifference?.rmsDetails?["memo"] == "RMSのメモ")
        #expect(after.pendingEdit?.groups == [.memo], "the remarks RMS holds are sent no more")
        // Accepted: RMS's memo, nothing left to send.
        guard case .change(let accepted, _) = AcceptRMSChangesAction().decide(after, in: Selection([])) else {
            Issue.record("not accepted")
            return
        }
        #expect(accepted.memo == "RMSのメモ" && accepted.pendingEdit == nil && accepted.rmsDifference == nil)
        // Nothing unsent: RMS's values are simply taken.
        let plain = RMSCopyMerge.merge(ours: rmsBefore, rms: rms, previous: rmsBefore)
        #expect(plain.order.memo == "RMSのメモ" && plain.order.orderer.phoneNumber == "090-0000-0000" && plain.order.rmsDifference == nil)
        // RMS changed a fee too (差分あり for the fee): its details are still taken where the shop changed none.
        var recalculated = rms
        recalculated.fees.shipping = .yen(1_200)
        let differs = RMSCopyMerge.merge(ours: rmsBefore, rms: recalculated, previous: rmsBefore)
        #expect(differs.order.rmsDifference?.fields.map(\.label) == ["送料"])
        #expect(differs.order.memo == "RMSのメモ" && differs.order.orderer.phoneNumber == "090-0000-0000")
    }

    @Test("a memo with a tab and newlines reads back from the journal; the preview shows it on one line, cut with …")
    func tabsAndNewlines() throws {
        let order = OrderFixtures.order(1)
        let changed = DetailEdit([.remarks: "のし\t御歳暮\n名入れ: 山田" + String(repeating: "あ", count: 50)]).applied(to: order, context: Self.context)
        let pending = try #require(changed.pendingEdit)
        #expect(PendingEdit(text: pending.text) == pending)
        let line = try #require(pending.lines.first)
        #expect(!line.contains("\t") && !line.contains("\n") && line.contains("のし 御歳暮⏎名入れ") && line.hasSuffix("…"), "\(line)")
        #expect(PendingEdit(text: "RMS未反映: x\t{not json") == nil, "a text that is not an edit is said, not taken as none")
    }

    @Test("a push refused or unclear puts its edit back beside a change saved while it was out; a settle judges only what was sent")
    func pushBesideNewerChange() throws {
        let rms = OrderFixtures.order(1)
        let first = DetailEdit([.memo: "一回目"]).applied(to: rms, context: Self.context)
        var pushed = first
        pushed.pendingEdit = nil
        // Saved while the push was out: a new address.
        let newer = DetailEdit([.sender(package: 0, .subAddress): "別の番地 2-2"]).applied(to: pushed, context: Self.context)
        let before: [OrderField: FieldValue] = [.pendingEdit: .text(first.pendingEdit?.text)]
        let refused = try OutboundWrite.Kind.pushEdit.recording(.failed(.rejected, detail: "x"), on: newer, before: before)
        #expect(refused.pendingEdit?.groups == [.memo, .sender], "\(refused.pendingEdit?.groups ?? [])")
        #expect(refused.pendingEdit?.sent["memo"] == "" && refused.pendingEdit?.sent["sender.subAddress"] == rms.packages[0].destination.subAddress)
        // Unclear: nothing is put back (RMS may hold it) until RMS's copy says.
        let unclear = try OutboundWrite.Kind.pushEdit.recording(.unknown(detail: "x"), on: newer, before: before)
        #expect(unclear.pendingEdit == newer.pendingEdit)
        // Settled with a change saved since: which values were the push's is not known any more —
        // not applied, so that it is put back beside the change and both are sent.
        var held = rms
        held.memo = "一回目"
        guard case .notApplied = OutboundWrite.Kind.pushEdit.settle(local: newer, rms: held) else {
            Issue.record("a push settled as applied beside a newer change")
            return
        }
        #expect(OutboundWrite.Kind.pushEdit.settle(local: pushed, rms: held) == .applied(held.rmsProgress))
        #expect(OutboundWrite.Kind.pushEdit.settle(local: pushed, rms: rms) != .applied(rms.rmsProgress))

        // Set back meanwhile to RMS's value: RMS may hold the pushed one, so setting it back is sent.
        let remarked = DetailEdit([.remarks: "B"]).applied(to: rms, context: Self.context)
        var out = remarked
        out.pendingEdit = nil
        let back = DetailEdit([.remarks: ""]).applied(to: out, context: Self.context)
        let again = try OutboundWrite.Kind.pushEdit.recording(
            .failed(.rejected, detail: "x"), on: back, before: [.pendingEdit: .text(remarked.pendingEdit?.text)])
        #expect(again.pendingEdit?.groups == [.remarks] && again.pendingEdit?.sent["remarks"] == "B", "\(again.pendingEdit?.sent ?? [:])")
        #expect(again.pendingEdit?.lines == ["備考 B → （なし）"], "\(again.pendingEdit?.lines ?? [])")
        // A 時間帯 chosen and then none again: no change to send (none is 0 as well as nothing).
        let slot = DetailEdit([.shippingTerm: "1"]).applied(to: rms, context: Self.context)
        #expect(DetailEdit([.shippingTerm: "なし"]).applied(to: slot, context: Self.context).pendingEdit == nil)
    }
}
