import Foundation
import OrderEngine
import OrderStore
import OrderSync
import RakutenPay
import RMSSandbox
import ShippingFiles
import Testing
import TestSupport

/// Parcels as they leave the shop, from the commands against the sandbox over HTTP: a 代金引換
/// order bundled with a card order of the same buyer goes out as one parcel that collects its
/// cash, from label to buyer; a ソーシャルギフト waits for its recipient's address.
@Suite("End to end: a 代金引換 order in a bundle, from label to buyer; a social gift 入力待ち", .serialized)
struct ParcelEndToEndTests {
    /// The sandbox, the relay, the shop as ご依頼主 and on its slips; the mail folder signed.
    static func config(_ sandbox: SandboxHarness, _ relay: SMTPRelayHarness, in juchu: JuchuBinary, database: String) throws -> String {
        try MailEndToEndTests.config(sandbox, relay, in: juchu, database: database, more: ShippingEndToEndTests.senderTables + "\n" + SlipsEndToEndTests.slipsTable)
    }

    /// Two orders of one buyer to one address, as RMS holds them: the first paid 代金引換 (330円 its
    /// fee), the second by card going by `secondMethod`.
    static func codPair(_ sandbox: SandboxHarness, secondMethod: String = "宅配便") async throws -> (cod: String, card: String) {
        let picked = try await plainOrders(sandbox, count: 2)
        let buyer = picked[0].ordererModel, address = picked[0].packageModelList[0].senderModel
        #expect(await sandbox.server.modifyOrder(picked[0].orderNumber) { order in
            order.settlementModel = SettlementModel(settlementMethodCode: 2, settlementMethod: "代金引換", rpaySettlementFlag: 1)
            order.packageModelList[0].deliveryPrice = 330
            order.deliveryModel = DeliveryModel(deliveryName: "宅配便", deliveryClass: 0)
        })
        #expect(await sandbox.server.modifyOrder(picked[1].orderNumber) { order in
            order.ordererModel = buyer
            order.packageModelList[0].senderModel = address
            order.settlementModel = SettlementModel(settlementMethodCode: 1, settlementMethod: "クレジットカード", rpaySettlementFlag: 1)
            order.deliveryModel = DeliveryModel(deliveryName: secondMethod, deliveryClass: 0)
        })
        return (picked[0].orderNumber, picked[1].orderNumber)
    }

    /// Two orders waiting for confirmation, one basket each, their postage set: what the test shapes.
    static func plainOrders(_ sandbox: SandboxHarness, count: Int) async throws -> [OrderModel] {
        let waiting = try await sandbox.orders(inProgress: 100).filter {
            $0.packageModelList.count == 1 && $0.postagePrice >= 0 && $0.socialGiftFlag != 1
                && $0.packageModelList[0].deliveryCvsModel == nil && $0.settlementModelSafe != 2
        }
        try #require(waiting.count >= count)
        return Array(waiting.prefix(count))
    }

    @Test("a 代金引換 order and a card order with the メール便 check, bundled: one B2 row (コレクト, the COD order's 請求金額 and its tax), the issued number on both, both reported to RMS once each, each buyer's 発送メール carrying it, one 納品書 with both orders and their sum")
    func codBundle() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 40, requestsPerSecond: 0) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
            $0.secondsUntilShippingResults = 0
        }
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let (cod, card) = try await Self.codPair(sandbox, secondMethod: "メール便")
        let db = juchu.home + "/parcel.sqlite"
        let config = try Self.config(sandbox, relay, in: juchu, database: db)
        #expect(try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config]).0 == 0)
        #expect(try await CommandsEndToEndTests.run(juchu, ["confirm", "--config", config, cod, card]).0 == 0)
        let store = try OrderStore(path: db)
        let service = SyncService(client: sandbox.client, store: store)
        let numbers = [OrderNumber(cod), OrderNumber(card)]
        try await service.refreshRMSStatus(numbers)
        #expect(try store.orders(numbers).allSatisfy { $0.rmsProgress == .awaitingShipment })
        let bundled = try store.apply(BundleAction(), to: numbers)
        #expect(bundled.plan.changes.count == 2, "\(bundled.plan.skips.map(\.reason.text))")
        _ = try store.apply(try FlagAction(OrderFlag.mailDelivery, set: true), to: [OrderNumber(card)])
        let codOrder = try #require(try store.order(OrderNumber(cod)))

        // The label, asked for one member: one row for the bundle.
        let labels = juchu.home + "/b2.csv"
        let (labelled, labelOut, labelErr) = try await CommandsEndToEndTests.run(
            juchu, ["labels", "--carrier", "yamato-b2", "--out", labels, "--json", "--config", config, cod])
        #expect(labelled == 0, "\(labelOut) \(labelErr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(labelOut.utf8)) as? [String: Any])
        let rows = try #require(report["rows"] as? [[String: Any]])
        #expect(rows.count == 1 && (rows[0]["baskets"] as? [[String: Any]])?.count == 2, "\(labelOut)")
        let warnings = try #require(report["warnings"] as? [[String: String]])
        #expect(warnings.contains { $0["message"]?.contains("同梱のため宅配便で出力します") == true })
        let text = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: labels)), encoding: .shiftJIS))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 2)
        let fields = lines[1].components(separatedBy: ",")
        let taxes = try TaxBreakdown.of(codOrder)
        #expect(fields.count == 95 && fields[1] == "2" && fields[33] == String(codOrder.requestPrice.yen!))
        #expect(fields[34] == String(taxes.lines.reduce(0) { $0 + $1.tax }) && fields[34] != "0")

        // B2 issues the slip: its number back on both members.
        let number = ShippingNumbers.valid(77)
        let issued = juchu.home + "/issued.csv"
        var issuedFields = fields
        issuedFields[3] = number
        try Data((lines[0] + "\r\n" + issuedFields.joined(separator: ",") + "\r\n").data(using: .shiftJIS)!).write(to: URL(fileURLWithPath: issued))
        let (imported, importOut, importErr) = try await CommandsEndToEndTests.run(juchu, ["tracking", "import", issued, "--config", config])
        #expect(imported == 0 && importOut.contains("照合 1件") && importOut.contains("同梱"), "\(importOut) \(importErr)")
        #expect(try store.orders(numbers).allSatisfy { $0.parcels.map(\.trackingNumber) == [number] })

        // The report, asked for the other member: both reported, each once.
        let (shipped, shipOut, shipErr) = try await CommandsEndToEndTests.run(juchu, ["ship", "--config", config, card])
        #expect(shipped == 0 && shipOut.contains("成功 2件"), "\(shipOut) \(shipErr)")
        for order in numbers {
            let held = try #require(await sandbox.server.order(order.rawValue))
            #expect((held.packageModelList[0].shippingModelList ?? []).map(\.shippingNumber) == [number])
        }
        let writes = await sandbox.server.acceptedWrites(.updateOrderShippingAsync)
        #expect(writes[cod] == 1 && writes[card] == 1, "\(writes)")

        // Each buyer's 発送メール carries the number.
        let (mailed, mailOut, mailErr) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "shipped", "--config", config, cod, card])
        #expect(mailed == 0, "\(mailOut) \(mailErr)")
        let mails = try relay.messages().map { MailEndToEndTests.body(String(decoding: $0.data, as: UTF8.self)) }
        #expect(mails.count == 2 && mails.allSatisfy { $0.contains(number) }, "\(mails)")

        // One 納品書 for the parcel, each order under its number, their sum.
        let pdf = juchu.home + "/納品書.pdf"
        let (slipped, slipOut, slipErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "delivery-note", "--out", pdf, "--config", config, cod])
        #expect(slipped == 0 && slipOut.contains("1枚分"), "\(slipOut) \(slipErr)")
        let page = try SlipsEndToEndTests.pages(pdf).map(SlipsEndToEndTests.squeezed).joined()
        let cardOrder = try #require(try store.order(OrderNumber(card)))
        #expect(page.contains("注文番号\(cod)") && page.contains("注文番号\(card)"))
        #expect(page.contains("同梱2件のご請求金額の合計\((codOrder.requestPrice + cardOrder.requestPrice).description)"), "\(page)")
        // What the driver collects is said apart from what the card paid, each order with its payment.
        #expect(page.replacingOccurrences(of: "\n", with: "").contains("うち代金引換でお支払いいただく金額\(codOrder.requestPrice.description)"), "\(page)")
        #expect(page.contains("お支払い方法\(codOrder.payment.methodName)") && page.contains("お支払い方法\(cardOrder.payment.methodName)"))
        await sandbox.stop()
    }

    @Test("a ソーシャルギフト whose recipient has not entered the address gets no label, no 納品書, no receipt and no mail, each with the same reason; once RMS has the address, its label is written")
    func socialGift() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 30, requestsPerSecond: 0) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
        }
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let gift = try await Self.plainOrders(sandbox, count: 1)[0].orderNumber
        #expect(await sandbox.server.modifyOrder(gift) { order in
            order.socialGiftFlag = 1
            order.packageModelList[0].socialGiftModel = SocialGiftModel(
                sgMngNumber: "SG0000000001", inputDueDate: RakutenDateTime(Date().addingTimeInterval(7 * 86_400)), inputFlag: 0)
            var sender = order.packageModelList[0].senderModel
            (sender.zipCode1, sender.zipCode2, sender.prefecture, sender.city, sender.subAddress, sender.familyName) = ("999", "9999", "入力待ち", "入力待ち", "入力待ち", "入力待ち")
            order.packageModelList[0].senderModel = sender
        })
        let db = juchu.home + "/gift.sqlite"
        let config = try Self.config(sandbox, relay, in: juchu, database: db)
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        _ = try await CommandsEndToEndTests.run(juchu, ["confirm", "--config", config, gift])
        let store = try OrderStore(path: db)
        let service = SyncService(client: sandbox.client, store: store)
        try await service.refreshRMSStatus([OrderNumber(gift)])

        let reason = "ソーシャルギフトの受取人がお届け先を入力していません"
        let (labelled, labelOut, _) = try await CommandsEndToEndTests.run(juchu, ["labels", "--carrier", "yamato-b2", "--out", juchu.home + "/l.csv", "--config", config, gift])
        #expect(labelled == 1 && labelOut.contains(reason), "\(labelOut)")
        for kind in ["delivery-note", "receipt"] {
            let (made, out, _) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", kind, "--out", juchu.home + "/\(kind).pdf", "--config", config, gift])
            #expect(made == 1 && out.contains(reason), "\(kind): \(out)")
        }
        let (mailed, mailOut, _) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--config", config, gift])
        #expect(mailed == 1 && mailOut.contains(reason), "\(mailOut)")
        #expect(try relay.messages().isEmpty)

        // The recipient enters the address at Rakuten; RMS's copy, read again, brings it in.
        #expect(try await sandbox.admin("gift-recipient", json: #"{"orderNumber": "\#(gift)"}"#).status == 200)
        try await service.refreshRMSStatus([OrderNumber(gift)])
        let (again, againOut, againErr) = try await CommandsEndToEndTests.run(juchu, ["labels", "--carrier", "yamato-b2", "--out", juchu.home + "/l.csv", "--config", config, gift])
        #expect(again == 0, "\(againOut) \(againErr)")
        let written = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: juchu.home + "/l.csv")), encoding: .shiftJIS))
        #expect(written.contains("北海道札幌市中央区北五条西2-1-1") && !written.contains("入力待ち"))
        await sandbox.stop()
    }
}

/// A buyer's text from outside, through every path the commands take it: data, never a command.
@Suite("End to end: a buyer's hostile text kept as data", .serialized)
struct HostileTextEndToEndTests {
    @Test("a name that a spreadsheet would run, with CR LF, an escape sequence and a direction override; an address carrying an SMTP command; an item name starting with @: the export is one neutralised record per order and shows no escape on a terminal, the label one row, the mail refused with the order named, the 納品書 made")
    func hostile() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
        }
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let number = try await ParcelEndToEndTests.plainOrders(sandbox, count: 1)[0].orderNumber
        #expect(await sandbox.server.modifyOrder(number) { order in
            order.ordererModel.familyName = "=HYPERLINK(\"http://evil.example\",\"x\")"
            order.ordererModel.firstName = "\u{1B}[2J\r\n中村\u{202E}郎"
            order.ordererModel.emailAddress = "x@pc.fw.rakuten.ne.jp>\r\nRCPT TO:<someone@example.com"
            order.remarks = "\u{1B}]0;pwned\u{07}\u{2066}置き配希望\u{2069}"
            order.packageModelList[0].senderModel.familyName = "@SUM(1+1)"
            order.packageModelList[0].itemModelList[0].itemName = "-2+3 お米\r\n5kg"
        })
        let db = juchu.home + "/hostile.sqlite"
        let config = try ParcelEndToEndTests.config(sandbox, relay, in: juchu, database: db)
        #expect(try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config]).0 == 0)
        let store = try OrderStore(path: db)
        let order = try #require(try store.order(OrderNumber(number)))
        #expect(order.orderer.familyName.hasPrefix("=HYPERLINK") && order.remarks?.contains("\u{1B}") == true, "kept as RMS sent it")

        // The export: one record per order, the formula neutralised, CR LF inside its quotes.
        let (exported, csv, _) = try await CommandsEndToEndTests.run(juchu, ["export", "--format", "csv", "--config", config])
        #expect(exported == 0)
        let records = try CSV.records(csv)
        let count = try store.page(GridFilter(), limit: 100).count
        #expect(records.count == count + 1, "one record per order and the header")
        let row = try #require(records.first { $0.fields[0] == number })
        #expect(row.fields[2].hasPrefix("'=HYPERLINK") && row.fields[2].contains("\r\n中村"), "\(row.fields[2].debugDescription)")

        // To a terminal: no escape sequence reaches it (the screen is not cleared, the title not set).
        let session = try TmuxSession(command: juchu.commandLine("export --format csv --config \(config)"), width: 200, height: 40)
        defer { session.kill() }
        let screen = try #require(try await offPool { session.waitFor(20) { $0.contains("EXIT=0") } }, "\(session.capture())")
        #expect(screen.contains("受注番号,注文日時") && screen.contains("^[[2J"), "\(screen)")

        // The label: the orderer's hostile name is not the recipient's; the recipient's @ and the item's - neutralised.
        _ = try await CommandsEndToEndTests.run(juchu, ["confirm", "--config", config, number])
        try await SyncService(client: sandbox.client, store: store).refreshRMSStatus([OrderNumber(number)])
        let labels = juchu.home + "/b2.csv"
        let (labelled, labelOut, labelErr) = try await CommandsEndToEndTests.run(juchu, ["labels", "--carrier", "yamato-b2", "--out", labels, "--config", config, number])
        #expect(labelled == 0, "\(labelOut) \(labelErr)")
        let text = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: labels)), encoding: .shiftJIS))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 2)
        let fields = try #require(try CSV.records(lines.joined(separator: "\r\n")).last?.fields)
        #expect(fields.count == 95 && fields[15].hasPrefix("'@SUM(1+1)") && fields[27] == "'-2+3 お米  5kg", "\(fields[15]) \(fields[27])")

        // The mail: refused before anything is written to the relay, the order named.
        let (mailed, mailOut, _) = try await CommandsEndToEndTests.run(juchu, ["mail", "send", "--template", "thanks", "--config", config, number])
        #expect(mailed == 1 && mailOut.contains(number) && mailOut.contains("メールアドレスとして使えません"), "\(mailOut)")
        #expect(try relay.messages().isEmpty)

        // The 納品書: the names escaped as HTML, the PDF made.
        let pdf = juchu.home + "/納品書.pdf"
        let (slipped, slipOut, slipErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "delivery-note", "--out", pdf, "--config", config, number])
        #expect(slipped == 0, "\(slipOut) \(slipErr)")
        #expect(try SlipsEndToEndTests.pages(pdf).joined().contains("@SUM(1+1)"))
        await sandbox.stop()
    }
}

/// A bundle at the desk, in a real terminal: one parcel from the grid to the label.
@Suite("End to end: a bundle at the desk", .serialized)
struct DeskBundleEndToEndTests {
    @Test("a 代金引換 order bundled with a card order: the grid's 同梱計 and the detail's sum; t on one member saves the number on both; 送り状データ on one member writes the bundle's one row, both in the preview and the result")
    func bundleAtDesk() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 14, requestsPerSecond: 0) {
            $0.secondsUntilProcessing = 0
            $0.secondsUntilDone = 0
        }
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let (cod, card) = try await ParcelEndToEndTests.codPair(sandbox)
        let db = juchu.home + "/desk-bundle.sqlite"
        let config = try ParcelEndToEndTests.config(sandbox, relay, in: juchu, database: db)
        #expect(try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config]).0 == 0)
        #expect(try await CommandsEndToEndTests.run(juchu, ["confirm", "--config", config, cod, card]).0 == 0)
        let store = try OrderStore(path: db)
        let numbers = [OrderNumber(cod), OrderNumber(card)]
        try await SyncService(client: sandbox.client, store: store).refreshRMSStatus(numbers)
        #expect(try store.apply(BundleAction(), to: numbers).plan.changes.count == 2)
        let orders = try store.orders(numbers)
        let sum = orders[0].requestPrice + orders[1].requestPrice

        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 130, height: 45)
        defer { session.kill() }
        let opened = try #require(try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains(String(cod.suffix(10))) } },
                                  "the desk did not open:\n\(session.capture())")
        #expect(opened.contains("同梱計"), "the 同梱計 column shows while a bundle is on screen:\n\(opened)")
        let lines = DemoConfirmEndToEndTests.gridLines(opened)
        let index = try #require(lines.firstIndex { $0.contains(String(cod.suffix(10))) })
        #expect(lines[index].contains(sum.description), "\(lines[index])")
        for _ in 0..<index { session.send("j") }
        let detail = try await offPool { session.waitFor(10) { $0.contains("同梱 2件 請求金額計 \(sum)") } }
        #expect(detail != nil, "the detail does not say the bundle's sum:\n\(session.capture())")

        session.send("t")
        let form = try await offPool { session.waitFor(10) { $0.contains("荷物番号の入力 \(cod)") && $0.contains("荷物番号は同梱のすべての注文に入ります") } }
        #expect(form != nil, "the form did not open:\n\(session.capture())")
        let number = ShippingNumbers.valid(55)
        session.send(literal: number)
        session.send("Enter")
        _ = try await offPool { session.waitFor(10) { $0.contains("荷物番号を保存しました") } }
        #expect(try store.orders(numbers).allSatisfy { $0.parcels.map(\.trackingNumber) == [number] }, "the number is on both members")

        session.send("Tab")
        try PanelEndToEndTests.choose("送り状データを書き出す", in: session)
        session.send("Enter")
        let preview = try await offPool { session.waitFor(10) { $0.contains("送り状データを書き出す（B2クラウド）: 2件") } }
        #expect(preview != nil, "the preview does not take in the other member:\n\(session.capture())")
        session.send("y")
        let result = try await offPool { session.waitFor(20) { $0.contains("成功: 2件") && $0.contains("同梱 2件で1個口") } }
        #expect(result != nil, "no result:\n\(session.capture())")
        let written = try FileManager.default.contentsOfDirectory(atPath: juchu.home + "/data/juchu/labels").filter { $0.hasSuffix(".csv") }
        let file = try #require(written.first.map { juchu.home + "/data/juchu/labels/" + $0 })
        let text = try #require(String(data: try Data(contentsOf: URL(fileURLWithPath: file)), encoding: .shiftJIS))
        let rows = text.components(separatedBy: "\r\n").dropLast().dropFirst()
        #expect(rows.count == 1 && rows[rows.startIndex].components(separatedBy: ",")[1] == "2", "\(text)")
        session.send("Enter")
        session.send("q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }
}

extension OrderModel {
    /// The payment method's code, nil when RMS sent none.
    fileprivate var settlementModelSafe: Int? { settlementModel?.settlementMethodCode }
}
