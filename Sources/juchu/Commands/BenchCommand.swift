import ArgumentParser
import Foundation

/// `juchu bench`: hands over to `juchu-bench`, the benchmarks' own program built beside juchu
/// (`swift build -c release` builds both); the product itself carries no benchmark.
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "性能目標を計測し、中央値の表を出力します（同じフォルダの juchu-bench を実行します）",
        discussion: "juchu-bench は swift build -c release で juchu と一緒に作られます。引数はそのまま juchu-bench に渡します（juchu bench --help で一覧）")

    @Argument(parsing: .captureForPassthrough, help: "juchu-bench に渡す引数（--only rules など）")
    var arguments: [String] = []

    func run() throws {
        let path = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
            .appendingPathComponent("juchu-bench").path
        guard FileManager.default.isExecutableFile(atPath: path) else {
            throw UserFacingError("\(path) がありません（swift build -c release で作られます）")
        }
        let argv = ([path] + arguments).map { strdup($0) } + [nil]
        execv(path, argv)
        throw UserFacingError("\(path) を実行できません: \(String(cString: strerror(errno)))")
    }
}
