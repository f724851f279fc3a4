import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// `juchu edit` and `juchu push` from a script: a buyer's change saved, refused with the field and
/// why, and sent.
@Suite("End to end: juchu edit --set and juchu push", .serialized)
struct EditCommandEndToEndTests {
    @Test("juchu edit saves お届け日, 時間帯 and メモ (未反映); a bad value or an unknown key exits 2 naming it; --keys lists RMS's names; juchu push sends it once")
    func editAndPush() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0)
        let db = juchu.home + "/shop.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let store = try OrderStore(path: db)
        let number = try #require(try store.page(GridFilter(localStatus: .newOrder), limit: 100).first { !$0.isShippingFeeUnset && !$0.isBundled }).number
        let date = CalendarDate(japanDayOf: JapanTime(Date())).adding(days: 4)

        let (keysStatus, keys, _) = try await CommandsEndToEndTests.run(juchu, ["edit", "--keys"])
        #expect(keysStatus == 0)
        for key in ["deliveryDate", "shippingTerm", "memo", "sender.zipCode", "sender.subAddress", "orderer.phoneNumber", "subStatusId", "dropOffLocation", "remarks", "giftCheck", "deliveryName"] {
            #expect(keys.contains(key), "\(key) not listed:\n\(keys)")
        }

        // Refused: the field and why, exit 2, nothing saved.
        let refusals: [([String], String)] = [
            (["--set", "deliveryDate=2020-01-01"], "お届け日: 2020-01-01 は過ぎています"),
            (["--set", "shippingTerm=25"], "お届け時間帯: 「25」は時間帯ではありません"),
            (["--set", "sender.zipCode=12345"], "送付先 郵便番号: 「12345」は7桁の郵便番号ではありません"),
            (["--set", "nosuch=1"], "「nosuch」という項目はありません"),
            (["--set", "memo"], "KEY=VALUE の形ではありません"),
        ]
        for (arguments, said) in refusals {
            let (status, out, err) = try await CommandsEndToEndTests.run(juchu, ["edit", "--config", config, number.rawValue] + arguments)
            #expect(status == 2 && err.contains(said), "\(arguments): \(status) \(out) \(err)")
        }
        #expect(try store.order(number)?.pendingEdit == nil, "nothing saved by a refused edit")

        let (saved, out, err) = try await CommandsEndToEndTests.run(juchu, [
            "edit", "--config", config, number.rawValue, "--set", "deliveryDate=\(date)", "--set", "shippingTerm=1416", "--set", "memo=12/\(date.day)に変更（電話）",
        ])
        #expect(saved == 0, "\(out) \(err)")
        #expect(out.contains("保存しました") && out.contains("juchu push \(number)"), "\(out)")
        #expect(try store.order(number)?.pendingEdit?.groups == [.memo])
        #expect(await sandbox.server.order(number.rawValue)?.shippingTerm != 1416, "nothing sent before the push")
        // The same again changes nothing.
        let (again, againOut, _) = try await CommandsEndToEndTests.run(juchu, ["edit", "--config", config, number.rawValue, "--set", "shippingTerm=14-16"])
        #expect(again == 0 && againOut.contains("変更はありません"), "\(againOut)")

        let (pushed, pushOut, pushErr) = try await CommandsEndToEndTests.run(juchu, ["push", "--config", config, number.rawValue])
        #expect(pushed == 0, "\(pushOut) \(pushErr)")
        let rms = try #require(await sandbox.server.order(number.rawValue))
        #expect(rms.deliveryDate?.description == date.description && rms.shippingTerm == 1416 && rms.memo == "12/\(date.day)に変更（電話）")
        #expect(await sandbox.server.acceptedWrites(.updateOrderMemo)[number.rawValue] == 1)
        #expect(try store.order(number)?.pendingEdit == nil)
        await sandbox.stop()
    }
}
