import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// 取りこぼしの確認: `juchu reconcile` against the sandbox over real HTTP.
@Suite("End to end: juchu reconcile", .serialized)
struct ReconcileEndToEndTests {
    @Test("over 90 days: the orders a fetch left (older, or past 注文確認待ち) are found per RMS status, and an order RMS does not list; --fetch brings them in at a status fitting RMS's (発送済 as 出荷済み, キャンセル as キャンセル); then nothing differs but that order; its requests are the sandbox's; a period past 730 days is refused")
    func reconcile() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 80, requestsPerSecond: 0)
        let db = juchu.home + "/shop.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        let (fetched, fetchOut, _) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchOut)")
        let store = try OrderStore(path: db)
        let before = try store.countsByStatus().values.reduce(0, +)
        // One order here that RMS has never had, placed ten days ago.
        var stray = OrderFixtures.order(99_999)
        stray.number = OrderNumber("398211-20200101-0000099999")
        stray.orderedAt = Date().addingTimeInterval(-10 * 86_400)
        _ = try store.importOrders([OrderStore.Incoming(order: stray, rawJSON: nil)])

        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let from = today.adding(days: -89)
        let requestsBefore = await sandbox.server.requestCount()
        let (status, out, err) = try await CommandsEndToEndTests.run(juchu, ["reconcile", "--config", config, "--from", "\(from)", "--json"])
        #expect(status == 3, "\(out) \(err)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(out.utf8)) as? [String: Any])
        let missing = try #require(report["missing"] as? [String: [String]])
        let missingCount = missing.values.reduce(0) { $0 + $1.count }
        #expect(report["listedByRMS"] as? Int == 80 && missingCount == 80 - before, "\(out)")
        #expect(missing.keys.count >= 3, "several RMS statuses: \(missing.keys.sorted())")
        #expect(report["notAtRMS"] as? [String: [String]] == ["注文確認待ち": [stray.number.rawValue]], "\(out)")
        #expect(try store.countsByStatus().values.reduce(0, +) == before + 1, "nothing stored without --fetch")
        let requests = await sandbox.server.requestCount() - requestsBefore
        #expect(report["requests"] as? Int == requests, "\(out): the sandbox saw \(requests)")

        let (fetchStatus, fetchText, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["reconcile", "--config", config, "--from", "\(from)", "--fetch"])
        #expect(fetchStatus == 3, "the stray order still differs: \(fetchText) \(fetchErr)")
        #expect(fetchText.contains("RMSにあってここにない注文 \(missingCount)件（取り込み \(missingCount)件）"), "\(fetchText)")
        #expect(try store.countsByStatus().values.reduce(0, +) == 81)
        for (label, numbers) in missing {
            for number in numbers {
                let order = try #require(try store.order(OrderNumber(number)))
                #expect(order.rmsProgress.label == label)
                if order.rmsProgress.isCancelling { #expect(order.localStatus == .cancelled) }
                if (500...700).contains(order.rmsProgress.code) { #expect(order.localStatus == .shipped) }
                if order.rmsProgress.code == 100 { #expect(order.localStatus == .newOrder) }
            }
        }
        let (againStatus, again, _) = try await CommandsEndToEndTests.run(juchu, ["reconcile", "--config", config, "--from", "\(from)"])
        #expect(againStatus == 3 && !again.contains("RMSにあってここにない") && again.contains("ここにあってRMSが期間内に挙げない注文 1件"), "\(again)")
        #expect(!again.contains("差はありません"))
        // Orders placed a moment ago, with the shop's 30 minutes: left as the fetch leaves them, not a difference.
        await sandbox.server.addNewOrders(2)
        // A period ends a second before now (searchOrder's end is whole seconds).
        try await Task.sleep(for: .seconds(2))
        let waiting = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 30")
        let (youngStatus, young, youngErr) = try await CommandsEndToEndTests.run(juchu, ["reconcile", "--config", waiting, "--from", "\(from)", "--fetch"])
        #expect(youngStatus == 3 && young.contains("30分以内の注文 2件は受注取得と同じく次回") && !young.contains("RMSにあってここにない"), "\(young) \(youngErr)")

        let (tooOld, _, tooOldErr) = try await CommandsEndToEndTests.run(juchu, ["reconcile", "--config", config, "--from", "\(today.adding(days: -730))"])
        #expect(tooOld == 2 && tooOldErr.contains("730日前までしか検索できません"), "\(tooOldErr)")
        let (reversed, _, reversedErr) = try await CommandsEndToEndTests.run(juchu, ["reconcile", "--config", config, "--from", "\(today)", "--to", "\(from)"])
        #expect(reversed == 2 && reversedErr.contains("より後です"), "\(reversedErr)")
        await sandbox.stop()
    }
}
