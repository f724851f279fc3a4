import Foundation
import JuchuTesting
import OrderStore

/// Issue 5's targets, measured through a pseudo-terminal on the million-order file: `juchu desk`
/// runs in a 120×40 pty (offline: nothing fetched), and the benchmark reads what it writes —
/// the time to the first full frame, the bytes per cursor step (a key held down) and per page,
/// and the CPU the desk spends per key: its main thread's schedstat, in nanoseconds, from the key
/// to the end of its frame (the thread that reads keys and draws; every thread as a reference).
enum DeskBenchmarks {
    static func run(storePath: String, count: Int, runs: Int) throws -> [BenchTable.Row] {
        _ = try StoreBenchmarks.prepare(path: storePath, count: count)
        let directory = NSTemporaryDirectory() + "juchu-desk-bench-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { BenchScratch.remove(directory) }
        let config = directory + "/config.toml"
        try """
            [api]
            base_url = "http://127.0.0.1:9"
            service_secret = "bench"
            license_key = "bench"
            [fetch]
            automatic = false
            [store]
            path = "\(storePath)"
            """.write(toFile: config, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: config)

        var firstFrames: [Double] = []
        var stepBytes: [Double] = []
        var pageBytes: [Double] = []
        var keyCPU: [Double] = []
        var stepCPU: [Double] = []
        var pageCPU: [Double] = []
        var restBytes: [Double] = []
        var restCPU: [Double] = []
        var afterFrameCPU: [Double] = []
        var keyCPUAllThreads: [Double] = []
        var heldPageBytes: [Double] = []
        var singleBytes: [Double] = []
        var searchKeyLatency: [Double] = []
        for _ in 0..<max(1, runs) {
            let desk = try PseudoTerminalProcess(
                executable: JuchuBench.juchuExecutable, arguments: ["desk", "--config", config], width: 120, height: 40,
                environment: ["TERM=xterm-256color", "LANG=C.UTF-8", "HOME=\(directory)", "XDG_CONFIG_HOME=\(directory)",
                              "XDG_STATE_HOME=\(directory)", "XDG_DATA_HOME=\(directory)"])
            defer { desk.stop() }
            let started = ContinuousClock.now
            // The first frame: the grid's rows are drawn, then the desk goes quiet.
            var screen = Data()
            while !(String(decoding: screen, as: UTF8.self).contains("受注一覧") && String(decoding: screen, as: UTF8.self).contains("398211-")) {
                guard let chunk = desk.read(timeoutMilliseconds: 5_000) else {
                    throw BenchError("デスクが最初の画面を描きませんでした: \(String(decoding: screen.suffix(300), as: UTF8.self))")
                }
                screen += chunk
            }
            var last = ContinuousClock.now
            while let chunk = desk.read(timeoutMilliseconds: 30) {
                screen += chunk
                last = ContinuousClock.now
            }
            firstFrames.append((last - started).seconds * 1000)
            // Let the background start-up settle, then step.
            _ = desk.drain(quietMilliseconds: 300)
            // Sends a key and reads its frame; the desk's CPU from the key to the end of the frame
            // is the key's (kept in `samples` too unless `recorded` is false).
            func press(_ key: String, withinMilliseconds window: Int32, into samples: inout [Double], recorded: Bool = true)
                -> (bytes: Int, cpu: Int, cpuAllThreads: Int)
            {
                let cpu = desk.cpuNanoseconds()
                let cpuAllThreads = desk.cpuNanoseconds(allThreads: true)
                desk.write(key)
                let frame = desk.frame(withinMilliseconds: window)
                if recorded {
                    keyCPU.append(Double(frame.cpu - cpu) / 1_000_000)
                    samples.append(keyCPU.last!)
                    keyCPUAllThreads.append(Double(frame.cpuAllThreads - cpuAllThreads) / 1_000_000)
                }
                return frame
            }
            // A key held down: steps 30 ms apart, as a terminal's key repeat sends them; moves,
            // then marks (Space marks and moves down). What the desk does after a frame, before
            // the next key (rows read ahead), is counted apart. Returns the bytes of each key.
            func repeated(_ key: String, times: Int, into samples: inout [Double], skipFirst: Int = 0) -> [Double] {
                var bytes: [Double] = []
                for index in 0..<times {
                    let sent = ContinuousClock.now
                    let frame = press(key, withinMilliseconds: 30, into: &samples, recorded: index >= skipFirst)
                    let left = 30 - Int((ContinuousClock.now - sent).seconds * 1000)
                    let later = desk.collect(milliseconds: max(0, left))
                    guard index >= skipFirst else { continue }
                    afterFrameCPU.append(Double(desk.cpuNanoseconds() - frame.cpu) / 1_000_000)
                    bytes.append(Double(frame.bytes + later))
                }
                return bytes
            }
            stepBytes += repeated("j", times: 100, into: &stepCPU, skipFirst: 5)
            _ = repeated(" ", times: 20, into: &stepCPU)
            // The cursor rests: the order it stopped at is read and its detail drawn.
            let cpu = desk.cpuNanoseconds()
            restBytes.append(Double(desk.drain(quietMilliseconds: 150)))
            restCPU.append(Double(desk.cpuNanoseconds() - cpu) / 1_000_000)
            // One step at a time, each with its detail.
            for _ in 0..<10 {
                desk.write("j")
                singleBytes.append(Double(desk.drain(quietMilliseconds: 150)))
            }
            // PageDown held down (30 ms apart): the grid reads ahead between pages.
            heldPageBytes += repeated("\u{1B}[6~", times: 40, into: &pageCPU)
            _ = desk.drain(quietMilliseconds: 150)
            // PageDown one at a time: the frame of the new page (the key's CPU), then the detail of
            // the row the cursor rests on (counted with the cursor's rests); the bytes are both together.
            for _ in 0..<20 {
                let frame = press("\u{1B}[6~", withinMilliseconds: 40, into: &pageCPU)
                let detail = desk.drain(quietMilliseconds: 150)
                restCPU.append(Double(desk.cpuNanoseconds() - frame.cpu) / 1_000_000)
                pageBytes.append(Double(frame.bytes + detail))
            }
            // Typing a search of names shared by tens of thousands of orders, 40 ms apart: each key
            // is answered (its frame begins) while the searches before it are still being read.
            desk.write("/")
            _ = desk.drain(quietMilliseconds: 150)
            for character in "佐藤ささきすずきたかはしたなかわたなべいとうやまもとなかむらこばやし" {
                let sent = ContinuousClock.now
                desk.write(String(character))
                guard desk.read(timeoutMilliseconds: 1_000) != nil else { continue }
                searchKeyLatency.append((ContinuousClock.now - sent).seconds * 1000)
                _ = desk.collect(milliseconds: max(0, 40 - Int((ContinuousClock.now - sent).seconds * 1000)))
            }
            desk.write("\u{1B}")
            _ = desk.drain(quietMilliseconds: 300)
            desk.write("q")
        }
        func percentile99(_ values: [Double]) -> Double { values.sorted()[min(values.count - 1, Int(Double(values.count) * 0.99))] }
        let p99 = percentile99(keyCPU)
        return [
            StoreBenchmarks.row("デスク: 起動から最初の画面まで（pty、100万件）", samples: firstFrames, target: 150),
            BenchTable.Row(name: "デスク: キー→画面のCPU（移動・ページ、p99）", median: String(format: "%.2f ms", p99), target: "≤ 2 ms",
                           ratio: p99 / 2, samples: "\(keyCPU.count)キー、中央値 \(String(format: "%.2f", BenchTable.median(keyCPU))) ms", higherIsBetter: false),
            .reference("デスク: キー→画面のCPU（全スレッド合計、p99）", median: String(format: "%.2f ms", percentile99(keyCPUAllThreads)),
                       samples: "\(keyCPUAllThreads.count)キー、中央値 \(String(format: "%.2f", BenchTable.median(keyCPUAllThreads))) ms（同期ワーカーなど他のスレッドの仕事を含む）"),
            .reference("デスク: キー→画面のCPU（移動・チェックだけ、p99）", median: String(format: "%.2f ms", percentile99(stepCPU)),
                       samples: "\(stepCPU.count)キー、中央値 \(String(format: "%.2f", BenchTable.median(stepCPU))) ms"),
            .reference("デスク: キー→画面のCPU（PageDown、押し続け＋1回ずつ、最大）", median: String(format: "%.2f ms", pageCPU.max() ?? 0),
                       samples: "\(pageCPU.count)キー、中央値 \(String(format: "%.2f", BenchTable.median(pageCPU))) ms、"
                           + pageCPU.sorted().suffix(6).map { String(format: "%.1f", $0) }.joined(separator: " ")),
            BenchTable.Row(name: "デスク: カーソル1行の出力（キーリピート、30 ms間隔）", median: "\(Int(BenchTable.median(stepBytes))) B", target: "≤ 64 B",
                           ratio: BenchTable.median(stepBytes) / 64, samples: "最大 \(Int(stepBytes.max() ?? 0)) B", higherIsBetter: false),
            .reference("デスク: キーリピート中、画面の後から次のキーまでのCPU（先読み、p99）",
                       median: String(format: "%.2f ms", percentile99(afterFrameCPU)),
                       samples: "\(afterFrameCPU.count)キー、中央値 \(String(format: "%.2f", BenchTable.median(afterFrameCPU))) ms、最大 \(String(format: "%.2f", afterFrameCPU.max() ?? 0)) ms"),
            .reference("デスク: カーソルが止まった後の詳細表示（出力・CPU）",
                       median: "\(Int(BenchTable.median(restBytes))) B、\(String(format: "%.2f", BenchTable.median(restCPU))) ms",
                       samples: "CPU \(restCPU.count)回（ページ送り後を含む）、p99 \(String(format: "%.2f", percentile99(restCPU))) ms"),
            .reference("デスク: 1行ずつ止まりながらの移動（詳細表示込みの出力）", median: "\(Int(BenchTable.median(singleBytes))) B",
                       samples: "最大 \(Int(singleBytes.max() ?? 0)) B"),
            .reference("デスク: PageDown 押し続け中の1ページの出力（詳細表示なし）", median: "\(Int(BenchTable.median(heldPageBytes))) B",
                       samples: "最大 \(Int(heldPageBytes.max() ?? 0)) B"),
            BenchTable.Row(name: "デスク: 検索の入力中、キーから画面の書き始めまで（p99）", median: String(format: "%.1f ms", percentile99(searchKeyLatency)),
                           target: "≤ 50 ms", ratio: percentile99(searchKeyLatency) / 50,
                           samples: "\(searchKeyLatency.count)キー、中央値 \(String(format: "%.1f", BenchTable.median(searchKeyLatency))) ms", higherIsBetter: false),
            BenchTable.Row(name: "デスク: PageDown 1回の出力（120×40、詳細表示込み）", median: "\(Int(BenchTable.median(pageBytes))) B", target: "≤ 6144 B",
                           ratio: BenchTable.median(pageBytes) / 6144, samples: "最大 \(Int(pageBytes.max() ?? 0)) B", higherIsBetter: false),
        ]
    }
}
