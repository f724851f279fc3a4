import Foundation
import JuchuTesting
import OrderEngine
import OrderStore
import RakutenPay
import RMSSandbox
import ShippingFiles
import Testing
import TestSupport

/// RMS's 楽天ペイ受注CSV taken in as an operator does: `juchu import rms-csv` (previewed, applied,
/// the same file again), and the desk's 「RMSの受注CSVを取り込む」 from its folder.
@Suite("End to end: RMSの受注CSV", .serialized)
struct RMSCSVEndToEndTests {
    /// The text in CP932, as RMS writes it (a buyer's 〜, which CP932 has not, as ～).
    static func cp932(_ text: String) throws -> Data {
        Data(try FileText.cp932(text.replacingOccurrences(of: "〜", with: "～")).get())
    }

    @Test("a CSV of every order RMS has, one of them with a destination changed in RMS: the preview writes nothing; the import adds what the fetch had not and keeps the change as 差分あり; the same file again changes nothing; an old-format file and a bad price are refused with where and why, nothing written unless --apply-valid")
    func importTwice() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0)
        let db = juchu.home + "/shop.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let store = try OrderStore(path: db)
        let fetched = try store.countsByStatus().values.reduce(0, +)
        var models: [OrderModel] = []
        for progress in [100, 200, 300, 400, 500, 600, 700, 800, 900] { models += try await sandbox.orders(inProgress: progress) }
        #expect(models.count == 30 && fetched < 30)
        let here = try #require(try store.page(GridFilter(localStatus: .newOrder), limit: 100).first?.number)
        let moved = try #require(models.firstIndex { $0.orderNumber == here.rawValue })
        models[moved].packageModelList[0].senderModel.subAddress = "北1条西2丁目3-4"
        let path = juchu.home + "/rms.csv"
        try Self.cp932(RMSOrderCSVSample.text(models)).write(to: URL(fileURLWithPath: path))

        let (previewStatus, preview, _) = try await CommandsEndToEndTests.run(juchu, ["import", "rms-csv", path, "--preview", "--config", config])
        #expect(previewStatus == 0)
        #expect(preview.contains("Shift_JIS（CP932）、新規 \(30 - fetched)・同じ \(fetched - 1)・差分あり 1"), "\(preview)")
        #expect(try store.countsByStatus().values.reduce(0, +) == fetched, "a preview writes nothing")

        let (status, output, _) = try await CommandsEndToEndTests.run(juchu, ["import", "rms-csv", path, "--config", config])
        #expect(status == 0 && output.contains("書き込みました: 新規 \(30 - fetched)件"), "\(output)")
        #expect(output.contains("\(here.rawValue)\t") && output.contains("番地・建物: "), "the difference field by field:\n\(output)")
        #expect(try store.countsByStatus().values.reduce(0, +) == 30)
        let differing = try #require(try store.order(here))
        #expect(differing.rmsDifference != nil && differing.packages[0].destination.subAddress != "北1条西2丁目3-4")

        let (againStatus, again, _) = try await CommandsEndToEndTests.run(juchu, ["import", "rms-csv", path, "--json", "--config", config])
        #expect(againStatus == 0)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(again.utf8)) as? [String: Any])
        let orders = try #require((json["files"] as? [[String: Any]])?.first?["orders"] as? [[String: Any]])
        #expect(Set(orders.compactMap { $0["result"] as? String }) == ["同じ", "差分あり（記録済み）"])
        #expect(try store.countsByStatus().values.reduce(0, +) == 30)

        // The CSV before 楽天ペイ: refused by its header.
        let old = juchu.home + "/old.csv"
        try Self.cp932("受注番号,受注ステータス,カード決済ステータス\r\n398211-20200101-00000001,新規受付,-99999\r\n").write(to: URL(fileURLWithPath: old))
        let (oldStatus, oldOutput, _) = try await CommandsEndToEndTests.run(juchu, ["import", "rms-csv", old, "--config", config])
        #expect(oldStatus == 3 && oldOutput.contains("1行目: 楽天ペイ以前の受注CSV"), "\(oldOutput)")

        // New orders, one with a price that is no number: nothing written, then the valid ones.
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.multiDestinationRate = 0
        var generator = OrderGenerator(seed: 77, settings: settings)
        let more = generator.orders(count: 3, now: RakutenDateTime(Date())).map { model in
            var model = model
            model.remarks = nil
            model.packageModelList = [model.packageModelList[0]]
            model.packageModelList[0].itemModelList = [model.packageModelList[0].itemModelList[0]]
            return model
        }
        var lines = [RMSOrderCSVSample.header] + more.flatMap { RMSOrderCSVSample.rows(of: $0) }
        lines[2][RMSOrderCSVSample.header.firstIndex(of: "単価")!] = "三千円"
        let bad = juchu.home + "/bad.csv"
        try Self.cp932(lines.map { RMSOrderCSVSample.line($0) + "\r\n" }.joined()).write(to: URL(fileURLWithPath: bad))
        let (badStatus, badOutput, _) = try await CommandsEndToEndTests.run(juchu, ["import", "rms-csv", bad, "--config", config])
        #expect(badStatus == 3 && badOutput.contains("3行目: 単価「三千円」が数ではありません") && badOutput.contains("何も書き込んでいません"), "\(badOutput)")
        #expect(try store.countsByStatus().values.reduce(0, +) == 30)
        let (validStatus, validOutput, _) = try await CommandsEndToEndTests.run(juchu, ["import", "rms-csv", bad, "--apply-valid", "--config", config])
        #expect(validStatus == 3 && validOutput.contains("書き込みました: 新規 2件"), "\(validOutput)")
        #expect(try store.countsByStatus().values.reduce(0, +) == 32)
        await sandbox.stop()
    }

    @Test("at 80×24, 処理パネル → RMSの受注CSVを取り込む: the folder's file previewed order by order, taken in (成功 3件), moved to 取込済; a second file with a refused order left in the folder")
    func fromTheDesk() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        var settings = OrderGenerator.Settings(shopID: "398211")
        settings.awaitingConfirmationRate = 1
        var generator = OrderGenerator(seed: 91, settings: settings)
        let models = generator.orders(count: 3, now: RakutenDateTime(Date()))
        let inbox = juchu.home + "/rms-csv"
        // The shop's own folder: others may not read it (the desk refuses one they may).
        try FileManager.default.createDirectory(atPath: inbox, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        try Self.cp932(RMSOrderCSVSample.text(models)).write(to: URL(fileURLWithPath: inbox + "/download.csv"))
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(juchu.home)/demo.sqlite --keymap \(juchu.repositoryKeymap) --life-interval 0"),
            width: 80, height: 24)
        defer { session.kill() }
        _ = try #require(session.waitFor(60) { $0.contains("受注一覧") }, "the desk did not open:\n\(session.capture())")
        session.send("Tab")
        try PanelEndToEndTests.choose("RMSの受注CSVを取り込む（受取フォルダ）", in: session)
        session.send("Enter")
        let preview = try #require(session.waitFor(15) { $0.contains("download.csv") && $0.contains("新規 3") }, "no preview:\n\(session.capture())")
        #expect(preview.contains("＋ ") && preview.contains(String(models[0].orderNumber.prefix(15))))
        session.send("y")
        _ = try #require(session.waitFor(20) { $0.contains("成功: 3件") }, "no result:\n\(session.capture())")
        #expect(FileManager.default.fileExists(atPath: inbox + "/取込済/download.csv"))
        session.send("Enter")

        // A file with a refused order: previewed, left where it is.
        var broken = RMSOrderCSVSample.text(Array(models.prefix(1)))
        broken += "398211-20260101-0000000009,発送待ち\r\n"
        try Self.cp932(broken).write(to: URL(fileURLWithPath: inbox + "/broken.csv"))
        session.send("Enter")
        _ = try #require(session.waitFor(15) { $0.contains("broken.csv") && $0.contains("拒否 1") }, "no preview:\n\(session.capture())")
        session.send("y")
        _ = session.waitFor(5) { $0.contains("成功:") }
        session.send("Escape")
        #expect(FileManager.default.fileExists(atPath: inbox + "/broken.csv"), "a file with a refused order stays to be fixed")
        session.send("q")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil)
    }
}
