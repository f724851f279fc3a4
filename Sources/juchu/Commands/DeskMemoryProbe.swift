import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import TerminalUI

/// The desk's peak memory with a large store: a child process runs the real desk loop on a
/// scripted 120×40 terminal — paging far down the grid, marking, opening the confirm preview,
/// switching status tabs — then applies and undoes a 10,000-order status change as the processing
/// panel would, and reports its peak resident size (getrusage). A child, so that the benchmark's
/// own work does not count.
enum DeskMemoryProbe {
    static let option = "--desk-memory-probe"

    /// In the child: runs the desk on the store at `path` and prints the peak resident size in KiB.
    static func runChild(path: String) throws {
        let store = try OrderStore(path: path)
        // No request is made: nothing is fetched and no order is in progress at RMS.
        let client = RakutenPayClient(configuration: RakutenPayConfiguration(
            baseURL: "http://127.0.0.1:9", credentials: RakutenPayCredentials(serviceSecret: "probe", licenseKey: "probe")))
        let service = SyncService(client: client, store: store)
        var settings = DeskController.Settings()
        settings.fetchOnStart = false
        var keys: [Key] = Array(repeating: .pageDown, count: 250)
        keys += Array(repeating: .space, count: 100)
        keys += [.character("c"), .escape, .character("]"), .character("["), .home]
        keys += Array(repeating: .down, count: 200)
        let terminal = ScriptedTerminal(width: 120, height: 40, keys: keys)
        let state = DeskState(shopID: "398211", operatorName: store.operatorName, keymap: .standard)
        let controller = DeskController(
            state: state, service: service, settings: settings, theme: Theme(colored: true, glyphs: .unicode), terminal: terminal)
        controller.run()
        guard terminal.lastFrame != nil else { throw UserFacingError("デスクが描画しませんでした") }

        let numbers = try store.page(GridFilter(localStatus: .newOrder), limit: 10_000).map(\.number)
        let applied = try store.apply(ChangeStatusAction(to: .awaitingShipment), to: numbers)
        try store.undo(batch: applied.batchID)

        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        print(usage.ru_maxrss)  // KiB on Linux
    }

    /// In the benchmark: runs the child `runs` times and reports the median peak.
    static func measure(path: String, runs: Int) throws -> BenchTable.Row {
        var samples: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = ["bench", option, path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                let kib = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            else { throw UserFacingError("デスクのメモリ計測が失敗しました（終了コード \(process.terminationStatus)）") }
            samples.append(kib * 1024 / 1_000_000)  // MB, as the target is written
        }
        let median = BenchTable.median(samples)
        return BenchTable.Row(
            name: "デスクのピークメモリ（120×40、250ページ送り・100件チェック・1万件変更）", median: String(format: "%.1f MB", median),
            target: "≤ 80 MB", ratio: median / 80, samples: samples.map { String(format: "%.1f", $0) }.joined(separator: ", "),
            higherIsBetter: false)
    }
}
