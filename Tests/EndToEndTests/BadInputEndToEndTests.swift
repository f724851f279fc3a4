import Foundation
import Testing

@Suite("End to end: bad input gets one clear line, never a garbled terminal", .serialized)
struct BadInputEndToEndTests {
    /// Runs the command `prepare` returns in a terminal and gives the screen once juchu has exited.
    static func screenAfterExit(_ prepare: (JuchuBinary) throws -> String) throws -> String {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try TmuxSession(command: try prepare(juchu), width: 120, height: 20)
        defer { session.kill() }
        return try #require(session.waitFor(20) { $0.contains("EXIT=") }, "juchu did not exit:\n\(session.capture())")
    }

    @Test("without a terminal on stdin the desk refuses with one line and exit 1")
    func noTTY() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: juchu.path)
        process.arguments = ["demo"]
        process.environment = ["TERM": "xterm-256color", "HOME": juchu.home]
        process.standardInput = FileHandle.nullDevice
        let output = Pipe()
        let errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 1)
        #expect(stderr.hasPrefix("juchu: 標準入力が端末ではありません"))
        #expect(stderr.split(separator: "\n").count == 1)
        #expect(output.fileHandleForReading.readDataToEndOfFile().isEmpty)
    }

    @Test("an unknown TERM is named, exit 1")
    func unknownTerm() throws {
        let screen = try Self.screenAfterExit { juchu in juchu.commandLine("demo", term: "nosuchterm") }
        #expect(screen.contains("juchu: 端末の種類 TERM=nosuchterm が不明です"))
        #expect(screen.contains("EXIT=1"))
    }

    @Test("TERM=dumb, a terminal that cannot move its cursor, is refused with one clear line, exit 1")
    func dumbTerm() throws {
        let screen = try Self.screenAfterExit { juchu in juchu.commandLine("demo", term: "dumb") }
        #expect(screen.contains("juchu: 端末 TERM=dumb はカーソルを動かせないため"), "\(screen)")
        #expect(screen.contains("EXIT=1"))
    }

    @Test("a keymap.toml naming an unknown action is refused with file and line, exit 2")
    func badKeymap() throws {
        var path = ""
        let screen = try Self.screenAfterExit { juchu in
            path = juchu.home + "/bad.toml"
            try "[desk]\nquit = [\"q\"]\nconfrim = [\"c\"]\n".write(toFile: path, atomically: true, encoding: .utf8)
            return juchu.commandLine("demo --keymap \(path)")
        }
        #expect(screen.contains("juchu: \(path):3: 不明なアクション「confrim」"))
        #expect(screen.contains("EXIT=2"))
    }

    @Test("a keymap.toml that does not parse is refused with file and line, exit 2")
    func unparsableKeymap() throws {
        var path = ""
        let screen = try Self.screenAfterExit { juchu in
            path = juchu.home + "/broken.toml"
            try "[desk]\nquit = [\"q\"\n".write(toFile: path, atomically: true, encoding: .utf8)
            return juchu.commandLine("demo --keymap \(path)")
        }
        #expect(screen.contains("juchu: \(path):"))
        #expect(screen.contains("TOMLとして読めません"))
        #expect(screen.contains("EXIT=2"))
    }

    @Test("a terminal smaller than the layout shows a notice until it is resized")
    func smallTerminal() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(juchu.home)/small.sqlite --orders 20"), width: 70, height: 20)
        defer { session.kill() }
        let small = try #require(session.waitFor(60) { $0.contains("画面が小さすぎます") }, "\(session.capture())")
        #expect(small.contains("（現在 70×20）"))
        session.resize(width: 100, height: 30)
        let desk = session.waitFor(10) { $0.contains("受注一覧") }
        #expect(desk != nil, "the desk did not come back after the resize:\n\(session.capture())")
        session.send("q")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil)
    }
}
