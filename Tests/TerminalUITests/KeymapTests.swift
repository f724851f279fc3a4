import Foundation
import Testing
@testable import TerminalUI

@Suite("keymap.toml")
struct KeymapTests {
    @Test("the built-in keymap is exactly keymap.toml at the package root")
    func builtInMatchesFile() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let file = try String(contentsOf: root.appendingPathComponent("keymap.toml"), encoding: .utf8)
        #expect(file == Keymap.defaultText)
    }

    @Test("every action of the desk has a key by default, and the dozen most used panel rows too (the rest by name in the palette)")
    func everyActionBound() {
        for action in DeskAction.allCases where action.panelAction == nil {
            #expect(!Keymap.standard.keys(for: action).isEmpty, "\(action.rawValue) has no key")
        }
        let bound = DeskAction.allCases.filter { $0.panelAction != nil && !Keymap.standard.keys(for: $0).isEmpty }
        #expect(bound.count >= 12, "\(bound)")
        for action in [DeskAction.confirm, .undo, .writeLabels, .sendMail, .shipReport, .printSlips, .cancel, .writeFee] {
            #expect(bound.contains(action), "\(action.rawValue)")
        }
    }

    @Test("the file's keys replace the defaults; actions left out keep theirs")
    func overrides() throws {
        let keymap = try Keymap(parsing: "[desk]\nconfirm = [\"C-k\", \"F2\"]\ncursor-down = [\"n\"]\n", file: "k.toml")
        #expect(keymap.action(for: .control("k"), in: .desk) == .confirm)
        #expect(keymap.action(for: .function(2), in: .desk) == .confirm)
        #expect(keymap.action(for: .character("c"), in: .desk) == nil)
        #expect(keymap.action(for: .character("n"), in: .desk) == .cursorDown)
        #expect(keymap.action(for: .character("q"), in: .desk) == .quit)
        // "n" is dialog-cancel in the dialog: another context, no conflict.
        #expect(keymap.action(for: .character("n"), in: .dialog) == .dialogCancel)
    }

    @Test("an unknown action is refused with its file and line")
    func unknownAction() {
        #expect { try Keymap(parsing: "[desk]\nquit = [\"q\"]\nconfrim = [\"c\"]\n", file: "keymap.toml") } throws: { error in
            "\(error)" == "keymap.toml:3: 不明なアクション「confrim」"
        }
    }

    @Test("a file that is not TOML is refused with the line of the problem")
    func notTOML() {
        #expect { try Keymap(parsing: "[desk]\nquit = [\"q\"\nhelp = 3\n", file: "keymap.toml") } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("keymap.toml:") && text.contains("TOMLとして読めません")
        }
    }

    @Test("an unknown key name, an unknown table and a doubly bound key are refused", arguments: [
        ("[desk]\nquit = [\"Ctrl+Q\"]\n", "keymap.toml:2: 「quit」のキー"),
        ("[grid]\nquit = [\"q\"]\n", "keymap.toml:1: 不明な表 [grid]"),
        ("[desk]\nquit = [\"x\"]\nhelp = [\"x\"]\n", "キー x が"),
        ("[desk]\nquit = \"q\"\n", "keymap.toml:2: 「quit」にはキーのリストを"),
        ("[dialog]\nquit = [\"q\"]\n", "keymap.toml:2: 「quit」は [desk] に書いてください"),
    ])
    func refused(text: String, message: String) {
        #expect { try Keymap(parsing: text, file: "keymap.toml") } throws: { error in
            "\(error)".contains(message)
        }
    }

    @Test("a key given to two actions is refused with both places named: two lines of the file, or a line and a built-in binding the file leaves in place")
    func conflicts() throws {
        #expect { try Keymap(parsing: "[desk]\nquit = [\"x\"]\nhelp = [\"x\"]\n", file: "keymap.toml") } throws: { error in
            "\(error)" == "keymap.toml:2: キー x が「quit」（この行）と「help」（3行目）の両方に割り当てられています"
        }
        #expect { try Keymap(parsing: "[desk]\nconfirm = [\"j\"]\n", file: "keymap.toml") } throws: { error in
            let text = "\(error)"
            return text.hasPrefix("keymap.toml:2: キー j は「confirm」（この行）と既定の「cursor-down」（下へ）の両方に割り当てられています")
                && text.contains("cursor-down = [\"Down\"]")
        }
        // Said which key is whose, the file is taken.
        let keymap = try Keymap(parsing: "[desk]\nconfirm = [\"j\"]\ncursor-down = [\"Down\"]\n", file: "keymap.toml")
        #expect(keymap.action(for: .character("j"), in: .desk) == .confirm && keymap.keys(for: .cursorDown) == [.down])
    }

    @Test("key names read back as written", arguments: ["j", "Space", "Enter", "S-Tab", "PageDown", "C-l", "F5", "?", "Esc"])
    func keyNames(name: String) throws {
        let key = try #require(Key(name: name))
        #expect(key.description == name)
    }
}
