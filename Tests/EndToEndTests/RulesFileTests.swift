import Foundation
import OrderEngine
import ShopSettings
import Testing
import TestSupport

/// rules.toml read whole and checked before any rule runs: each mistake named with the file, the
/// line of its [[rule]] and what is wrong; nothing half-read.
@Suite("rules.toml: every rule checked when read, a mistake named with file, line and what")
struct RulesFileTests {
    static let statuses = LocalStatus.defaults
    static let flags = ["要確認", "メール便"]

    static func read(_ text: String) throws -> RuleSet {
        try RulesFile.read(text, file: "rules.toml", statuses: statuses, flags: flags)
    }

    static func problem(_ text: String) -> String {
        do {
            _ = try read(text)
            return "（読めてしまった）"
        } catch {
            return "\(error)"
        }
    }

    @Test("a rule file as the README shows it reads into rules in file order, each with its actions")
    func reads() throws {
        let rules = try Self.read("""
            # 朝の決まった作業
            [[rule]]
            name = "代引は保留"
            when = "支払:代引 特記:離島"
            status = "保留"
            flags = ["要確認"]
            hold = "離島の代引は送料を確認"

            [[rule]]
            name = "カードは確認"
            when = "支払:カード 金額:<50000"
            carrier = "ヤマト運輸"
            shipping_fee = 800
            confirm = true
            bundle = true
            mail = "サンクスメール"
            stop = true
            """)
        #expect(rules.rules.map(\.name) == ["代引は保留", "カードは確認"])
        #expect(rules.rules[0].actions == [.changeStatus(.onHold), .setFlag("要確認")])
        #expect(rules.rules[0].hold == "離島の代引は送料を確認")
        #expect(rules.rules[0].line == 2)
        #expect(rules.rules[1].actions == [.setCarrier(Carrier(code: "1001")), .writeFee(.shipping, amount: 800), .confirm, .bundle,
                                           .sendMail(template: "サンクスメール", resend: false)])
        #expect(rules.rules[1].stop && rules.rules[1].line == 9 && rules.rules[1].bundles)
        #expect(rules.rules[1].when.amountThrough == 49_999)
        #expect(try Self.read("").isEmpty)
    }

    @Test("each mistake says where and what: an unknown key, a status or check item the shop lacks, a search it cannot read, twins, hold with confirm, nothing to do")
    func mistakes() {
        let head = "[[rule]]\nname = \"a\"\nwhen = \"支払:代引\"\n"
        #expect(Self.problem(head + "staus = \"保留\"\n").contains("rules.toml: 1行目の [[rule]] staus: 不明な項目です"))
        #expect(Self.problem(head + "status = \"検品中\"\n").contains("1行目の [[rule]] status: 受注ステータス「検品中」はありません"))
        #expect(Self.problem(head + "flags = [\"至急\"]\n").contains("チェック項目「至急」はありません"))
        #expect(Self.problem(head + "flags = \"要確認\"\n").contains("flags: チェック項目の並び"))
        #expect(Self.problem("[[rule]]\nname = \"a\"\nwhen = \"日付:昨日\"\nstop = true\n").contains("when: 日付「昨日」が読めません"))
        #expect(Self.problem("[[rule]]\nname = \"a\"\nstop = true\n").contains("when: どの注文に使うか"))
        #expect(Self.problem(head + "stop = true\n\n" + head + "stop = true\n").contains("6行目の [[rule]] name: 「a」は1行目のルールと同じ名前です"))
        #expect(Self.problem(head + "hold = \"確認\"\nconfirm = true\n").contains("保留（hold）するルールは注文確認できません"))
        #expect(Self.problem(head).contains("何をするかがありません"))
        #expect(Self.problem(head + "confirm = \"yes\"\n").contains("confirm: true か false で書いてください"))
        #expect(Self.problem(head + "shipping_fee = 1000000\n").contains("送料は0〜999,999円"))
        #expect(Self.problem(head + "carrier = \"黒猫\"\n").contains("配送業者「黒猫」はRMSの配送会社にありません"))
        #expect(Self.problem("[rule]\nname = 1\n").contains("[[rule]] の表の並び"))
        #expect(Self.problem("[[rule]]\nname = \"a\n").contains("2行目: TOMLとして読めません: 文字列が行の終わりまでに閉じていません"))
        #expect(Self.problem("rules = 1\n").contains("不明な項目です（ルールは [[rule]] の表に書きます）"))
    }

    @Test("rules.toml watched: unchanged gives nothing, an edit gives the new rules, a broken edit is said once and the rules stay, a fix takes effect")
    func watched() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let file = directory.file("rules.toml")
        let one = "[[rule]]\nname = \"a\"\nwhen = \"支払:代引\"\nflags = [\"要確認\"]\n"
        try one.write(toFile: file, atomically: true, encoding: .utf8)
        let watch = try RulesFileWatch(path: file, statuses: Self.statuses, flags: Self.flags)
        #expect(watch.rules.rules.map(\.name) == ["a"])
        #expect(try watch.changed() == nil)
        try (one + "\n[[rule]]\nname = \"b\"\nwhen = \"支払:カード\"\nconfirm = true\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try watch.changed()?.rules.map(\.name) == ["a", "b"])
        #expect(watch.rules.rules.count == 2)
        try (one + "\n[[rule]]\nname = \"a\"\nwhen = \"支払:カード\"\n").write(toFile: file, atomically: true, encoding: .utf8)
        #expect(throws: ConfigError.self) { try watch.changed() }
        #expect(try watch.changed() == nil, "said once for that version of the file")
        #expect(watch.rules.rules.map(\.name) == ["a", "b"], "the rules before it stay")
        try one.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try watch.changed()?.rules.map(\.name) == ["a"])
    }
}
