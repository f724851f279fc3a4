import OrderEngine
import Testing
@testable import TerminalUI

@Suite("帳票作成 and 領収書 in the panel")
struct SlipPanelTests {
    @Test("帳票作成's 種類 and 出力 turn into the kind, the picking list's form and the printer; 領収書 takes any text for 宛名 and 但し書き, blank meaning the defaults")
    func commands() throws {
        var slips = DeskFixtures.item(.printSlips)
        #expect(slips.group == "帳票" && slips.inputs.map(\.label) == ["種類", "出力"])
        slips.inputs[0].cycle(by: 3)
        slips.inputs[1].cycle(by: 1)
        guard case .printSlips(let order) = try slips.action(statuses: LocalStatus.defaults) else { Issue.record("not a slip"); return }
        #expect(order == SlipOrder(kind: .picking, perOrderPicking: true, toPrinter: true))

        var receipt = DeskFixtures.item(.printReceipt)
        guard case .printSlips(let blank) = try receipt.action(statuses: LocalStatus.defaults) else { Issue.record("not a slip"); return }
        #expect(blank == SlipOrder(kind: .receipt))
        for character in "株式会社テスト" { let typed = receipt.inputs[0].type(character); #expect(typed) }
        for character in "食料品代として" { let typed = receipt.inputs[1].type(character); #expect(typed) }
        let bell = receipt.inputs[0].type("\u{07}")
        #expect(!bell, "a control character is refused")
        guard case .printSlips(let asked) = try receipt.action(statuses: LocalStatus.defaults) else { Issue.record("not a slip"); return }
        #expect(asked == SlipOrder(kind: .receipt, addressee: "株式会社テスト", purpose: "食料品代として"))
        // A date input still takes only what a date is made of.
        var date = DeskFixtures.item(.writeDate)
        let typed = date.inputs[1].type("株")
        #expect(!typed)
    }
}
