import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles
import Testing
import TestSupport

/// The second half of the day from the commands, against the sandbox over HTTP: label data out,
/// the carrier's issued file back in, the shipping report to RMS, 発送済 the next RMS day.
@Suite("End to end: labels → the carrier's issued file → tracking import → 発送完了報告")
struct ShippingEndToEndTests {
    /// The shop as ご依頼主, and its ゆうプリR 代引 送り状種別.
    static let senderTables = """
        [sender]
        name = "米の店 山田"
        phone = "03-1234-5678"
        zip = "100-0001"
        address = "東京都千代田区千代田1-1"
        yamato_customer_code = "0312345678"
        [shipping]
        yupri_cod_slip_type = "1100790"
        """

    @Test("juchu labels, the carrier's issued file made from it (B2's 発行済データ, ゆうプリR's 発送履歴), juchu tracking import (twice), juchu ship: RMS holds each basket's number, and 発送済 the next day",
          arguments: [LabelFormat.yamatoB2, .japanpostYupri])
    func roundTrip(format: LabelFormat) async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 60, requestsPerSecond: 0) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
            $0.secondsUntilShippingResults = 0
        }
        let db = juchu.home + "/ship.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: """
            [fetch]
            skip_younger_than_minutes = 0
            \(Self.senderTables)
            """)
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchErr)")
        let (confirmed, _, _) = try await CommandsEndToEndTests.run(juchu, ["confirm", "--status", "新規受付", "--config", config])
        #expect([0, 3].contains(confirmed))
        // The worker's reading of RMS brings the confirmed orders to 発送待ち.
        let store = try OrderStore(path: db)
        let service = SyncService(client: sandbox.client, store: store)
        let all = try store.page(GridFilter(localStatus: .newOrder), limit: 1_000).map(\.number)
        try await service.refreshRMSStatus(all)
        let shippable = try store.orders(all).filter { $0.rmsProgress == .awaitingShipment }
        #expect(shippable.count > 10)

        let labelsPath = juchu.home + "/labels.csv"
        let (labelled, labelOut, labelErr) = try await CommandsEndToEndTests.run(
            juchu, ["labels", "--carrier", format.rawValue, "--status", "新規受付", "--out", labelsPath, "--config", config, "--json"])
        #expect(labelled == 3, "the unconfirmed are skipped: \(labelErr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(labelOut.utf8)) as? [String: Any])
        let rows = try #require(report["rows"] as? [[String: Any]])
        let skipped = try #require(report["skipped"] as? [[String: String]])
        // Every order at 発送待ち has its rows, but those the label rules keep out (コンビニ受取, 入力待ち...).
        let kept = skipped.filter { skip in shippable.contains { $0.number.rawValue == skip["orderNumber"] } }
        #expect(kept.allSatisfy { !($0["reason"] ?? "").contains("楽天処理済ではありません") }, "\(kept)")
        #expect(Set(rows.compactMap { $0["orderNumber"] as? String }).union(kept.compactMap { $0["orderNumber"] }) == Set(shippable.map(\.number.rawValue)))
        let labelledOrders = shippable.filter { order in rows.contains { $0["orderNumber"] as? String == order.number.rawValue } }
        let labelBytes = try Data(contentsOf: URL(fileURLWithPath: labelsPath))
        let labelText = try #require(String(data: labelBytes, encoding: .shiftJIS), "the label file is CP932")
        let lines = labelText.components(separatedBy: "\r\n").dropLast()
        var issued = ""
        if format == .yamatoB2 {
            #expect(lines.count == rows.count + 1)
            // B2 issues the slips: the same layout back, 伝票番号 (column 4) filled.
            for (index, line) in lines.enumerated() {
                var fields = line.components(separatedBy: ",")
                if index > 0 { fields[3] = ShippingNumbers.valid(index) }
                issued += fields.joined(separator: ",") + "\r\n"
            }
        } else {
            #expect(lines.count == rows.count, "ゆうプリR's layout has no header")
            // ゆうプリR's 発送履歴: お客様側管理番号 (column 1 of the label file) and its お問い合わせ番号.
            issued = "お客様側管理番号,お問い合わせ番号,仮引受確定作業年月日,配送完了作業年月日,配達ステータス集約コード,配達ステータス明細コード\r\n"
            for (index, line) in lines.enumerated() {
                let fields = line.components(separatedBy: ",")
                #expect(fields.count == 118)
                issued += "\(fields[0]),\(ShippingNumbers.valid(index + 1)),,,10,0A\r\n"
            }
        }
        let issuedPath = juchu.home + "/issued.csv"
        try Data(issued.data(using: .shiftJIS)!).write(to: URL(fileURLWithPath: issuedPath))
        let (imported, importOut, importErr) = try await CommandsEndToEndTests.run(juchu, ["tracking", "import", issuedPath, "--config", config])
        #expect(imported == 0, "\(importOut) \(importErr)")
        let issuedFormat = format == .yamatoB2 ? TrackingFormat.yamatoB2 : .japanpostYupri
        #expect(importOut.contains(issuedFormat.label) && importOut.contains("Shift_JIS") && importOut.contains("照合 \(rows.count)件"))
        let (again, againOut, _) = try await CommandsEndToEndTests.run(juchu, ["tracking", "import", issuedPath, "--config", config])
        #expect(again == 0 && againOut.contains("入力済み \(rows.count)件") && !againOut.contains("照合"), "\(againOut)")

        let (shipped, shipOut, shipErr) = try await CommandsEndToEndTests.run(juchu, ["ship", "--status", "新規受付", "--config", config])
        #expect(shipped == 3, "the unconfirmed are skipped: \(shipOut) \(shipErr)")
        #expect(shipOut.contains("成功 \(labelledOrders.count)件"), "\(shipOut)")
        let parcels = try store.orders(labelledOrders.map(\.number))
        for order in parcels {
            #expect(order.localStatus == .shipped && order.isReportedAwaitingShipped)
            let held = try #require(await sandbox.server.order(order.number.rawValue))
            for package in held.packageModelList {
                let number = order.parcels.first { $0.basketID == package.basketId }?.trackingNumber
                #expect((package.shippingModelList ?? []).map(\.shippingNumber) == [number])
            }
        }
        _ = try await sandbox.admin("clock", json: #"{"advanceSeconds": 86400}"#)
        try await service.refreshRMSStatus(labelledOrders.map(\.number))
        #expect(try store.orders(labelledOrders.map(\.number)).allSatisfy { $0.rmsProgress == .shipped })
        await sandbox.stop()
    }

    @Test("an issued file with a refused row applies nothing, and says which line; --apply-valid applies the rest")
    func refusedRows() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0)
        let db = juchu.home + "/ship.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let store = try OrderStore(path: db)
        let numbers = try store.orders(try store.page(GridFilter(localStatus: .newOrder), limit: 100).map(\.number))
            .filter { $0.packages.count == 1 }.prefix(3).map(\.number)
        let valid = ShippingNumbers.valid(1)
        let wrongDigit = String(valid.dropLast()) + String((valid.last!.wholeNumberValue! + 1) % 10)
        let csv = "注文番号,荷物番号,配送会社\n\(numbers[0]),\(valid),1001\n\(numbers[1]),\(wrongDigit),1001\n\(numbers[2]),\(ShippingNumbers.valid(2)),1001\n"
        let path = juchu.home + "/generic.csv"
        try csv.write(toFile: path, atomically: true, encoding: .utf8)
        let (refused, out, _) = try await CommandsEndToEndTests.run(juchu, ["tracking", "import", path, "--config", config])
        #expect(refused == 3)
        #expect(out.contains("3行目\t不正") && out.contains("検査数字") && out.contains("何も書き込んでいません"), "\(out)")
        #expect(try store.orders(numbers).allSatisfy(\.parcels.isEmpty))
        let (applied, appliedOut, _) = try await CommandsEndToEndTests.run(juchu, ["tracking", "import", path, "--apply-valid", "--config", config])
        #expect(applied == 3 && appliedOut.contains("書き込みました: 2件"), "\(appliedOut)")
        #expect(try store.orders(numbers).map(\.parcels.count) == [1, 0, 1])
        await sandbox.stop()
    }
}
