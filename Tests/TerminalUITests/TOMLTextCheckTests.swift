import Foundation
import Testing
@testable import TerminalUI

/// TOMLKit's parser (toml++) stops the process on an assertion for some characters outside
/// quotes; such text is refused with its line before it gets there (crashers found by fuzzing).
@Suite("TOML text checked before parsing")
struct TOMLTextCheckTests {
    /// The fuzzer's crasher, keymap.toml with a table name of invalid UTF-8 (read as U+FFFD).
    static let crasher = "# Juchu (受注) key bindings.\n\n[\u{FFFD}\u{FFFD}desk]\ncursor-down = [\"j\", \"Down\"]\n"

    @Test("the fuzzer's crasher is refused with its line, not a crash")
    func crasher() {
        #expect(TOMLTextCheck.firstStrayCharacter(in: Self.crasher)?.line == 3)
        #expect(throws: KeymapError.self) { try Keymap(parsing: Self.crasher, file: "keymap.toml") }
        do {
            _ = try Keymap(parsing: Self.crasher, file: "keymap.toml")
        } catch {
            #expect(error.description == "keymap.toml:3: TOMLとして読めません: 引用符の外に使えない文字「\u{FFFD}」があります")
        }
    }

    @Test("table headers whose keys do not start as keys are refused (the fuzzer's second crasher, [#), well-formed ones pass", arguments: [
        ("[# Juchu (受注)\n[desk]\n", 1), ("[desk]\n[[desk.views]]\n", nil), ("[a.\"キー\".b]\n", nil), ("[a.]\n", 1),
        ("[ ]\n", 1), ("x = \"\"\"\n[#\n\"\"\"\n", nil), ("[[#]]\n", 1),
    ] as [(String, Int?)])
    func headers(text: String, line: Int?) {
        #expect(TOMLTextCheck.problem(in: text)?.line == line, "\(text)")
        if line != nil { #expect(throws: KeymapError.self) { try Keymap(parsing: text, file: "keymap.toml") } }
    }

    @Test("Japanese in strings and comments is TOML and passes; outside them it is not", arguments: [
        ("name = \"代金引換の新規\" # 日本語のコメント\n", nil),
        ("s = 'リテラル'\nm = \"\"\"\n複数行\n\"\"\"\nl = '''\n文字列\n'''\n", nil),
        ("e = \"\\\"引用\\\" も\"\n", nil),
        ("名前 = 1\n", 1),
        ("a = 1\n[表]\n", 2),
    ] as [(String, Int?)])
    func strayOutsideStrings(text: String, line: Int?) {
        #expect(TOMLTextCheck.firstStrayCharacter(in: text)?.line == line)
    }

    @Test("the repository's keymap.toml passes")
    func repositoryKeymap() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../keymap.toml")
        let text = try String(contentsOf: url, encoding: .utf8)
        #expect(TOMLTextCheck.firstStrayCharacter(in: text) == nil)
        _ = try Keymap(parsing: text, file: "keymap.toml")
    }
}
