import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The real `juchu` binary in a real terminal: a detached tmux session on its own server,
/// driven with send-keys and read with capture-pane.
final class TmuxSession: Sendable {
    let server: String
    let name = "desk"

    /// Starts `command` (run by /bin/sh) in a `width`×`height` terminal.
    init(command: String, width: Int, height: Int) throws {
        server = "juchu-e2e-\(UUID().uuidString.prefix(8))"
        // The server this starts must not inherit a pipe we read from, or reading never ends.
        try Self.tmux(["-L", server, "-f", "/dev/null", "new-session", "-d", "-s", name,
                       "-x", "\(width)", "-y", "\(height)", command], readOutput: false)
    }

    /// The screen as text, one line per row.
    func capture() -> String {
        (try? Self.tmux(["-L", server, "capture-pane", "-p", "-t", name])) ?? ""
    }

    /// Sends keys by tmux name ("Space", "Down", "C-c") or literal text.
    func send(_ keys: String...) {
        _ = try? Self.tmux(["-L", server, "send-keys", "-t", name] + keys)
    }

    /// Types `text` as it is, whatever key names it may look like.
    func send(literal text: String) {
        _ = try? Self.tmux(["-L", server, "send-keys", "-l", "-t", name, text])
    }

    func resize(width: Int, height: Int) {
        _ = try? Self.tmux(["-L", server, "resize-window", "-t", name, "-x", "\(width)", "-y", "\(height)"])
    }

    /// Polls the screen until `condition` holds; returns the screen, or nil after `seconds`.
    func waitFor(_ seconds: Double, _ condition: (String) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            let screen = capture()
            if condition(screen) { return screen }
            Thread.sleep(forTimeInterval: 0.2)
        }
        return nil
    }

    func kill() {
        _ = try? Self.tmux(["-L", server, "kill-server"])
    }

    deinit { kill() }

    /// Runs tmux and returns what it printed. Spawned with posix_spawn rather than Foundation's
    /// Process, which waits for every inherited descriptor to close: the tmux server that
    /// new-session daemonizes would keep it waiting until the session ends.
    @discardableResult
    static func tmux(_ arguments: [String], readOutput: Bool = true) throws -> String {
        let outputPath = NSTemporaryDirectory() + "tmux-out-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: outputPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, readOutput ? outputPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        // The test runner's threads block some signals; the terminal under test must get them
        // all (SIGWINCH above all), so the mask and handlers are reset for tmux.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let argv = (["tmux"] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let result = posix_spawnp(&pid, "tmux", &actions, &attributes, argv, environ)
        guard result == 0 else {
            throw NSError(domain: "tmux", code: Int(result), userInfo: [NSLocalizedDescriptionKey: "cannot start tmux"])
        }
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        return readOutput ? ((try? String(contentsOfFile: outputPath, encoding: .utf8)) ?? "") : ""
    }
}
