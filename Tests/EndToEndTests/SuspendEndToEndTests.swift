import Foundation
import Testing

/// Ctrl-Z at the desk, in an interactive shell with job control, as an operator on SSH has it.
@Suite("End to end: suspending the desk", .serialized)
struct SuspendEndToEndTests {
    @Test("Ctrl-Z gives the terminal back to the shell; fg brings the desk back, drawn whole and answering keys")
    func suspendAndResume() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try TmuxSession(command: "env PS1='shell$ ' bash --norc --noprofile -i", width: 100, height: 30)
        defer { session.kill() }
        #expect(session.waitFor(10) { $0.contains("shell$") } != nil, "no shell prompt:\n\(session.capture())")
        let desk = "env TERM=xterm-256color LANG=C.UTF-8 XDG_CONFIG_HOME=\(juchu.home)/config XDG_DATA_HOME=\(juchu.home)/data "
            + "XDG_STATE_HOME=\(juchu.home)/state \(juchu.path) demo --db \(juchu.home)/suspend.sqlite --orders 20"
        session.send(literal: desk)
        session.send("Enter")
        let opened = try #require(session.waitFor(60) { $0.contains("受注一覧") && $0.contains("1/") }, "the desk did not open:\n\(session.capture())")
        #expect(opened.contains("処理パネル"))

        session.send("C-z")
        let stopped = try #require(session.waitFor(10) { $0.contains("Stopped") && !$0.contains("処理パネル") },
                                   "Ctrl-Z did not give the shell back:\n\(session.capture())")
        #expect(stopped.contains("shell$"))
        // The shell works: its echo shows the terminal is back in its own modes.
        session.send(literal: "echo back-in-shell")
        session.send("Enter")
        #expect(session.waitFor(10) { $0.contains("\nback-in-shell") } != nil, "the shell did not answer:\n\(session.capture())")

        session.send(literal: "fg")
        session.send("Enter")
        let resumed = try #require(session.waitFor(10) { $0.contains("処理パネル") && $0.contains("受注一覧") && !$0.contains("back-in-shell") },
                                   "fg did not bring the whole desk back:\n\(session.capture())")
        #expect(resumed.contains("1/"))
        // Keys reach the desk again (raw mode restored): the cursor moves.
        session.send("j")
        #expect(session.waitFor(10) { $0.contains(" 2/") } != nil, "the desk did not answer a key after fg:\n\(session.capture())")

        session.send("q")
        #expect(session.waitFor(10) { !$0.contains("処理パネル") && $0.contains("shell$") } != nil)
        session.send(literal: "echo EXIT=$?")
        session.send("Enter")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil, "the desk did not exit cleanly:\n\(session.capture())")
    }
}
