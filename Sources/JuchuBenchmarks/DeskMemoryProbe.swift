import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import TerminalUI

/// The desk's peak memory with a large store: a child process runs the real desk loop on a
/// scripted 120×40 terminal as an operator would — pages 250 screens down the grid, checks every
/// row passed (about 9,500 orders), changes their status from the processing panel (preview,
/// apply, result), then undoes it from the panel — and reports its peak resident size
/// (VmHWM). A child, so that the benchmark's own work does not count.
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
        typealias Step = ScriptedTerminal.Step
        let state = DeskState(shopID: "398211", operatorName: store.operatorName, keymap: .standard)
        var script: [Step] = [.key(.space)] + Array(repeating: .key(.pageDown), count: 250) + [.key(.character("V"))]
        // The rows by their place in the panel as the desk shows it, not by a count that a new
        // row would move (the undo was four rows further down than a fixed count once rows were added).
        let rows = state.panelItems.map(\.kind)
        guard let change = rows.firstIndex(of: .changeStatus), let undo = rows.firstIndex(of: .undo) else {
            throw BenchError("処理パネルに受注ステータスの変更か取り消しがありません")
        }
        // 処理パネル: 受注ステータスを変更 → 出荷待ち, preview, apply, close the result.
        script += [.key(.tab), .key(.home)] + Array(repeating: .key(.down), count: change) + Array(repeating: .key(.character("+")), count: 3)
        script += [.key(.enter), .pause(milliseconds: 4000), .key(.character("y")), .pause(milliseconds: 10_000), .key(.enter)]
        // 直前の一括処理を取り消す: preview, undo, close.
        script += Array(repeating: .key(.down), count: undo - change)
        script += [.key(.enter), .pause(milliseconds: 4000), .key(.character("y")), .pause(milliseconds: 10_000), .key(.enter)]
        let watched = ["受注ステータスを「出荷待ち」に変更する", "成功: ", "を取り消す", "元に戻しました"]
        let terminal = ScriptedTerminal(width: 120, height: 40, script: script, watching: watched)
        let controller = DeskController(
            state: state, service: service, settings: settings, theme: Theme(colored: true, glyphs: .unicode), terminal: terminal)
        controller.run()
        let missing = watched.filter { !terminal.seen.contains($0) }
        guard missing.isEmpty else {
            throw BenchError("デスクの操作が最後まで進みませんでした（表示されなかった文言: \(missing.joined(separator: "、"))）")
        }

        print(try peakResidentKiB())
    }

    /// VmHWM of /proc/self/status: this program's own peak. Not getrusage's ru_maxrss, which on
    /// Linux keeps the peak of the forked parent across exec (the benchmark's own memory).
    static func peakResidentKiB() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        else { throw BenchError("/proc/self/status に VmHWM がありません") }
        return kib
    }

    /// In the benchmark: runs the child `runs` times and reports the median peak.
    static func measure(path: String, runs: Int) throws -> BenchTable.Row {
        var samples: [Double] = []
        for _ in 0..<runs {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
            process.arguments = [option, path]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            guard process.terminationStatus == 0,
                let kib = Double(String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            else { throw BenchError("デスクのメモリ計測が失敗しました（終了コード \(process.terminationStatus)）") }
            samples.append(kib * 1024 / 1_000_000)  // MB, as the target is written
        }
        let median = BenchTable.median(samples)
        return BenchTable.Row(
            name: "デスクのピークメモリ（120×40、250ページ送り・約9,500件チェック・処理パネルで変更と取り消し）", median: String(format: "%.1f MB", median),
            target: "≤ 80 MB", ratio: median / 80, samples: samples.map { String(format: "%.1f", $0) }.joined(separator: ", "),
            higherIsBetter: false)
    }
}
