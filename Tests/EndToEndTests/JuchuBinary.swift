import Foundation

/// Where the built `juchu` is, and the environment a test runs it in: its own XDG folders,
/// a UTF-8 locale and a known terminal.
struct JuchuBinary {
    let path: String
    let home: String

    init() throws {
        let testBundle = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let candidates = [
            testBundle.appendingPathComponent("juchu").path,
            Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("juchu").path,
            root.appendingPathComponent(".build/debug/juchu").path,
        ]
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw NSError(domain: "juchu", code: 1, userInfo: [NSLocalizedDescriptionKey: "juchu binary not found in \(candidates)"])
        }
        path = found
        home = NSTemporaryDirectory() + "juchu-e2e-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
    }

    var repositoryKeymap: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("keymap.toml").path
    }

    /// A shell command line running juchu with `arguments`, then saying how it exited.
    func commandLine(_ arguments: String, term: String = "xterm-256color", extraEnvironment: String = "") -> String {
        "env TERM=\(term) LANG=C.UTF-8 XDG_CONFIG_HOME=\(home)/config XDG_DATA_HOME=\(home)/data "
            + "XDG_STATE_HOME=\(home)/state \(extraEnvironment) \(path) \(arguments); echo \"EXIT=$?\"; sleep 30"
    }

    func cleanUp() { try? FileManager.default.removeItem(atPath: home) }
}
