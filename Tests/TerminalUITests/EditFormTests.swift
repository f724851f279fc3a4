import Foundation
import OrderEngine
import Testing
import TestSupport
@testable import TerminalUI

/// 注文内容修正's sections beyond the amounts: a buyer's call answered in a few keys.
@Suite("Desk: 注文内容修正 — 配送・メモ, 送付先, 注文者")
struct EditFormTests {
    static let context = DetailEdit.Context(
        today: CalendarDate(year: 2026, month: 12, day: 6)!, deliveryMethods: ["宅配便", "ゆうパック", "メール便"],
        subStatuses: [DetailEdit.SubStatus(id: 3601, name: "要確認", progress: 100)])

    static func opened(_ order: Order = OrderFixtures.order(1)) -> DeskState {
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0)])
        _ = state.apply(.editOpened(order, context: context))
        return state
    }

    @Test("「お届け日を12/12に」: PageDown to 配送・メモ, the date typed without its year, Enter — one save with the date as RMS takes it")
    func deliveryDateByCall() throws {
        var state = Self.opened()
        _ = state.handle(.pageDown)
        #expect(state.editForm?.focused == .detail(.deliveryDate))
        for character in "12/12" { _ = state.handle(.character(character)) }
        #expect(state.editForm?.focusedProblem == nil)
        let saved = state.handle(.enter)
        guard case .saveEdit(let amounts, let details, _, let context)? = saved.first else {
            Issue.record("Enter did not save: \(saved)")
            return
        }
        #expect(amounts == nil, "the amounts were not touched")
        #expect(details.values == [.deliveryDate: "12/12"])
        #expect(details.normalized(for: OrderFixtures.order(1), context: context) == .success([.deliveryDate: "2026-12-12"]))
        // A date that has passed is refused while it is typed, with why.
        var late = Self.opened()
        _ = late.handle(.pageDown)
        for character in "2026-12-01" { _ = late.handle(.character(character)) }
        #expect(late.editForm?.focusedProblem?.contains("2026-12-01 は過ぎています") == true, "\(late.editForm?.focusedProblem ?? "")")
        #expect(late.handle(.enter).isEmpty, "not saved")
    }

    @Test("choices turn with ←→ (配送方法, ギフト, サブステータス); letters are typed into text, never taken as desk keys")
    func choicesAndText() throws {
        var state = Self.opened()
        _ = state.handle(.pageDown)
        _ = state.handle(.down)  // お届け時間帯
        for character in "14-16" { _ = state.handle(.character(character)) }
        _ = state.handle(.down)  // 配送方法
        #expect(state.editForm?.focusedIsChoice == true)
        _ = state.handle(.right)
        #expect(state.editForm.map { $0.text(of: $0.focused) } == "宅配便")
        _ = state.handle(.right)
        #expect(state.editForm.map { $0.text(of: $0.focused) } == "ゆうパック")
        _ = state.handle(.down)  // 置き配
        for character in "玄関 前 jqnq" { _ = state.handle(.character(character)) }
        #expect(state.editForm?.text(of: .detail(.dropOffLocation(package: 0))) == "玄関 前 jqnq", "space, j, q and n are typed, not run")
        #expect(state.editForm?.problems.isEmpty == true, "n and q (the dialog's cancel keys) did not ask to discard")
        let saved = state.handle(.enter)
        guard case .saveEdit(_, let details, _, _)? = saved.first else {
            Issue.record("not saved: \(saved) \(state.editForm?.problems ?? [])")
            return
        }
        #expect(details.values[.shippingTerm] == "14-16" && details.values[.deliveryName] == "ゆうパック")
    }

    @Test("郵便番号 → 住所: seven digits ask Japan Post's data; its 都道府県, 市区町村 and town fill the address; an unknown code says so")
    func postcodeFills() throws {
        var state = Self.opened()
        _ = state.handle(.pageDown)
        _ = state.handle(.pageDown)  // 送付先
        #expect(state.editForm?.focused == .detail(.sender(package: 0, .zipCode)))
        var effects: [DeskEffect] = []
        for character in "１００－０００" { effects = state.handle(.character(character)) }
        #expect(effects.isEmpty, "six digits: nothing to look up yet")
        effects = state.handle(.character("1"))
        guard case .lookUpPostcode(let zip)? = effects.first else {
            Issue.record("no lookup: \(effects)")
            return
        }
        #expect(zip == "1000001")
        _ = state.apply(.postcodeFound(zip, places: [PostcodePlace(prefecture: "東京都", city: "千代田区", town: "千代田")]))
        let form = try #require(state.editForm)
        #expect(form.text(of: .detail(.sender(package: 0, .prefecture))) == "東京都")
        #expect(form.text(of: .detail(.sender(package: 0, .city))) == "千代田区")
        #expect(form.text(of: .detail(.sender(package: 0, .subAddress))) == OrderFixtures.order(1).packages[0].destination.subAddress,
                "the 番地 there is the operator's to change")
        #expect(form.postcodeNote == "〒100-0001 → 都道府県・市区町村を 東京都千代田区 にしました（町域 千代田、番地はそのまま）", "\(form.postcodeNote ?? "")")
        // An empty 番地 starts with the town.
        var cleared = Self.opened()
        _ = cleared.handle(.pageDown)
        _ = cleared.handle(.pageDown)
        for _ in 0..<3 { _ = cleared.handle(.down) }
        for _ in 0..<40 { _ = cleared.handle(.backspace) }
        for _ in 0..<3 { _ = cleared.handle(.up) }
        for character in "1000001" { _ = cleared.handle(.character(character)) }
        _ = cleared.apply(.postcodeFound("1000001", places: [PostcodePlace(prefecture: "東京都", city: "千代田区", town: "千代田")]))
        #expect(cleared.editForm?.text(of: .detail(.sender(package: 0, .subAddress))) == "千代田")
        // A code Japan Post does not have leaves the address as it is.
        _ = state.handle(.backspace)
        _ = state.handle(.character("9"))
        _ = state.apply(.postcodeFound("1000009", places: []))
        #expect(state.editForm?.postcodeNote?.contains("日本郵便のデータにありません") == true)
        #expect(state.editForm?.text(of: .detail(.sender(package: 0, .city))) == "千代田区")
    }

    @Test("at 80×24 the form shows its sections, the focused section's fields and the keys; a bad kana is refused as typed")
    func drawnAt80x24() throws {
        var state = Self.opened()
        _ = state.handle(.pageDown)
        var text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_796_394_600)).text
        for word in ["金額・数量", "配送・メモ", "送付先", "注文者", "お届け日", "お届け時間帯", "配送方法", "ひとことメモ", "PageDown/PageUp 画面"] {
            #expect(text.contains(word), "\(word) missing:\n\(text)")
        }
        _ = state.handle(.pageDown)
        for _ in 0..<6 { _ = state.handle(.down) }
        #expect(state.editForm?.focused == .detail(.sender(package: 0, .familyNameKana)))
        for character in "やまだ" { _ = state.handle(.character(character)) }
        text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_796_394_600)).text
        #expect(text.contains("全角カタカナで入力してください"), "\(text)")
    }

    @Test("注文確認通知 over an order with a change not yet sent: the preview says so, and the push's key (E) sends the change first")
    func confirmOffersPush() throws {
        var edited = OrderFixtures.order(1)
        edited.pendingEdit = PendingEdit(groups: [.memo])
        let plain = OrderFixtures.order(2)
        var state = DeskFixtures.state(rows: [DeskFixtures.row(0), DeskFixtures.row(1)])
        _ = state.apply(.planned(ActionDialog(item: DeskFixtures.item(.confirm), plan: ConfirmAction().plan([edited, plain]), scope: "s")))
        let text = DeskView(theme: DeskFixtures.theme).render(state, width: 80, height: 24, now: Date(timeIntervalSince1970: 1_796_394_600)).text
        #expect(text.contains("E で先に変更を反映します"), "\(text)")
        #expect(text.contains("未反映の変更（お届け日時・メモ）があります"))
        let effects = state.handle(.character("E"))
        guard case .plan(let item, let numbers, _, _, _)? = effects.first else {
            Issue.record("E did not plan the push: \(effects)")
            return
        }
        #expect(item.kind == .pushEdit && numbers == [edited.number])
        #expect(state.dialog == nil)
    }
}
