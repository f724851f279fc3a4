import Testing
@testable import TerminalUI

@Suite("Escape sequences ncurses does not know")
struct EscapeSequenceTests {
    @Test("keys of other terminals' sequences are decoded", arguments: [
        ("[1~", Key.home), ("OH", .home), ("[H", .home), ("[4~", .end), ("OF", .end), ("[5~", .pageUp), ("[6~", .pageDown),
        ("[Z", .backTab), ("[A", .up), ("OB", .down), ("[1;5C", .right), ("[3~", .delete), ("OP", .function(1)),
        ("[15~", .function(5)), ("[24~", .function(12)),
    ])
    func decoded(body: String, key: Key) {
        #expect(EscapeSequence.key(for: body) == key)
    }

    @Test("a sequence the desk has no key for is dropped whole, and its end is found")
    func unknown() {
        #expect(EscapeSequence.key(for: "[200~") == nil)
        #expect(EscapeSequence.isFinal("~", afterIntroducer: "[", length: 3))
        #expect(!EscapeSequence.isFinal("1", afterIntroducer: "[", length: 1))
        #expect(!EscapeSequence.isFinal(";", afterIntroducer: "[", length: 2))
        #expect(EscapeSequence.isFinal("H", afterIntroducer: "O", length: 1))
    }
}
