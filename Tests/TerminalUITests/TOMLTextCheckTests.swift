import Foundation
import Testing
import ShopSettings
@testable import TerminalUI

/// TOMLKit's parser (toml++) stops the process on an assertion for some malformed input; such
/// text is refused with its line before it gets there (the crashers were found by fuzzing).
@Suite("TOML text checked before parsing")
struct TOMLTextCheckTests {
    /// The fuzzer's first crasher, keymap.toml with a table name of invalid UTF-8 (read as U+FFFD).
    static let crasher = "# Juchu (受注) key bindings.\n\n[\u{FFFD}\u{FFFD}desk]\ncursor-down = [\"j\", \"Down\"]\n"

    @Test("the fuzzer's first crasher is refused with its line, not a crash")
    func crasher() {
        #expect(TOMLTextCheck.problem(in: Self.crasher)?.line == 3)
        do {
            _ = try Keymap(parsing: Self.crasher, file: "keymap.toml")
            Issue.record("refused")
        } catch {
            #expect(error.description == "keymap.toml:3: TOMLとして読めません: 引用符の外に使えない文字があります")
        }
    }

    @Test("the fuzzer's other crashers, and text like them, are refused with their line", arguments: [
        ("[# Juchu (受注)\n[desk]\n", 1), ("interrupt = [}}}}\"C-c\"]\n", 1), ("\n\r\n [\r \r\r\n", 3), ("[a.]\n", 1), ("[ ]\n", 1),
        ("[[#]]\n", 1), ("名前 = 1\n", 1), ("a = 1\n[表]\n", 2), ("a = \"閉じない\n", 1), ("a = 1 b\n", 1), ("a = ,\n", 1),
        ("a\r= 1\n", 1), ("x = { a = }\n", 1),
    ] as [(String, Int)])
    func refused(text: String, line: Int) {
        #expect(TOMLTextCheck.problem(in: text)?.line == line, "\(text.debugDescription): \(String(describing: TOMLTextCheck.problem(in: text)))")
        #expect(throws: KeymapError.self) { try Keymap(parsing: text, file: "keymap.toml") }
    }

    @Test("well-formed TOML passes: Japanese in strings and comments, every kind of value the settings use", arguments: [
        "name = \"代金引換の新規\" # 日本語のコメント\n",
        "s = 'リテラル'\nm = \"\"\"\n複数行\n[#\n\"\"\"\nl = '''\n文字列\n'''\n",
        "e = \"\\\"引用\\\" も\"\n",
        "[desk]\nstatuses = [\n  \"新規受付\", # 最初\n  \"保留\",\n]\n[[desk.views]]\nname = \"x\"\n",
        "[api]\nlicense_expires = 2027-02-28\nat = 2026-12-03 10:00:00\nrequests_per_second = 1.5\nn = -1_000\nh = 0xff\nok = true\n",
        "[a.\"キー\".b]\nt = { x = 1, y = \"z\" }\n\r\n",
    ])
    func passes(text: String) {
        #expect(TOMLTextCheck.problem(in: text) == nil, "\(text.debugDescription): \(String(describing: TOMLTextCheck.problem(in: text)))")
    }

    @Test("the repository's keymap.toml passes")
    func repositoryKeymap() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../keymap.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(TOMLTextCheck.problem(in: text) == nil)
        _ = try Keymap(parsing: text, file: "keymap.toml")
    }
}
