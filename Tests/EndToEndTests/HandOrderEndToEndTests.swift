import Foundation
import OrderEngine
import OrderStore
import ShopSettings
import Testing
import TestSupport

/// 受注を登録 from a script: `juchu order new FILE` (TOML or JSON), checked whole, numbered by the
/// store, never sent to RMS.
@Suite("End to end: juchu order new", .serialized)
struct HandOrderEndToEndTests {
    /// The example with its お届け日 a few days ahead (the printed one is a fixed date).
    static func example(deliveryOn date: CalendarDate) -> String {
        HandOrderFile.example.replacingOccurrences(of: "delivery_date = \"2026-12-12\"", with: "delivery_date = \"\(date)\"")
    }

    @Test("the example reads whole, as TOML and as the same keys in JSON; an unknown key, a value of the wrong kind, a table where a list belongs and TOML that cannot be read are named with the file and key")
    func fileShapes() throws {
        let toml = try HandOrderFile.readTOML(HandOrderFile.example, file: "order.toml")
        #expect(toml.channel == "電話" && toml.items.count == 2 && toml.items[1].taxIncluded && toml.items[0].choice == "精米:白米")
        #expect(toml.destination?.name == "受取 太郎" && toml.codFee == 330 && toml.deliveryTime == "1416")
        let json = """
            {"channel": "電話", "ordered_at": "2026-12-06 10:30", "payment_method": "代金引換", "delivery_method": "宅配便",
             "delivery_date": "2026-12-12", "delivery_time": "1416", "shipping_fee": 800, "cod_fee": 330, "payment_charge": 0,
             "remarks": "不在時は宅配ボックスへ", "memo": "電話で受付（山田）",
             "buyer": {"name": "電話 花子", "kana": "デンワ ハナコ", "zip": "100-0001", "prefecture": "東京都", "city": "千代田区",
                       "address": "千代田1-1", "phone": "03-1234-5678", "email": "hanako@example.jp"},
             "destination": {"name": "受取 太郎", "kana": "ウケトリ タロウ", "zip": "530-0001", "prefecture": "大阪府", "city": "大阪市北区",
                             "address": "梅田1-1-1", "phone": "06-1234-5678"},
             "items": [{"manage_number": "rice-5kg", "name": "新米 コシヒカリ 5kg", "choice": "精米:白米", "price": 3240, "units": 2, "tax_rate": 8, "tax_included": true},
                       {"name": "風呂敷", "price": 1100, "units": 1, "tax_rate": 10}]}
            """
        #expect(try HandOrderFile.readJSON(json, file: "order.json") == toml)
        let refusals: [(String, String)] = [
            ("channel = \"電話\"\ncolour = \"赤\"\n[buyer]\nname = \"a\"", "order.toml: colour: 不明な項目です"),
            ("channel = \"電話\"\nshipping_fee = \"800円\"\n[buyer]\nname = \"a\"", "order.toml: shipping_fee: 整数（円・個・%）で書いてください"),
            ("channel = \"電話\"\n[buyer]\nname = \"a\"\n[[items]]\nname = \"米\"\nprice = 3.5", "order.toml: items[1].price: 整数"),
            ("channel = \"電話\"\n[buyer]\nname = \"a\"\n[[items]]\nname = \"米\"\ntax_included = \"yes\"", "order.toml: items[1].tax_included: true（税込）か false（税別）"),
            ("channel = \"電話\"\n[buyer]\nname = \"a\"\nfax = \"03\"", "order.toml: buyer.fax: 不明な項目です"),
            ("channel = \"電話\"\n[buyer]\nname = \"a\"\n[items]\nname = \"米\"", "order.toml: items: [[items]] の表の並びでなければなりません"),
            ("channel = \"電話\"", "order.toml: buyer: 注文者（[buyer]）を書いてください"),
            ("channel = \"電話\n", "order.toml: 1行目: TOMLとして読めません"),
        ]
        for (text, said) in refusals {
            #expect(throws: ConfigError.self) { try HandOrderFile.readTOML(text, file: "order.toml") }
            do {
                _ = try HandOrderFile.readTOML(text, file: "order.toml")
            } catch {
                #expect("\(error)".hasPrefix(said), "\(text): \(error)")
            }
        }
        #expect(throws: ConfigError.self) { try HandOrderFile.readJSON("{\"channel\": true, \"buyer\": {}}", file: "order.json") }
        let jsonRefusals: [(String, String)] = [
            ("{\"channel\": \"電話\", \"buyer\": {\"name\": null}}", "order.json: buyer.name: null は使えません"),
            ("{\"channel\": \"電話\", \"buyer\": {}, \"items\": [{\"name\": \"米\"}, {\"price\": null}]}", "order.json: items[2].price: null は使えません"),
            ("{\"channel\": \"電話\", \"buyer\": {}, \"items\": [{\"price\": 3.5}]}", "order.json: items[1].price: 整数"),
            ("{\"channel\": \"電話\", ", "order.json: JSONとして読めません: "),
        ]
        for (text, said) in jsonRefusals {
            do {
                _ = try HandOrderFile.readJSON(text, file: "order.json")
                Issue.record("read: \(text)")
            } catch {
                #expect("\(error)".hasPrefix(said), "\(text): \(error)")
            }
        }
    }

    @Test("juchu order new: two phone orders numbered M000001 and M000002 of the day, stored as typed and journalled under the operator; a file with mistakes exits 2 naming each field and stores nothing; a channel the shop does not take is refused; confirm never sends one to RMS")
    func enterOrders() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 10, requestsPerSecond: 0)
        let db = juchu.home + "/shop.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0")
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let store = try OrderStore(path: db)
        let before = try store.countsByStatus().values.reduce(0, +)

        let (exampleStatus, example, _) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--example"])
        #expect(exampleStatus == 0 && example == HandOrderFile.example)
        let today = CalendarDate(japanDayOf: JapanTime(Date()))
        let file = juchu.home + "/phone.toml"
        try Self.example(deliveryOn: today.adding(days: 4)).write(toFile: file, atomically: true, encoding: .utf8)
        var numbers: [OrderNumber] = []
        for _ in 0..<2 {
            let (status, out, err) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--config", config, file])
            #expect(status == 0, "\(out) \(err)")
            let number = try #require(out.split(separator: " ").first { $0.contains("-M") }.map { OrderNumber(String($0.prefix { $0 != "（" })) }, "\(out)")
            numbers.append(number)
        }
        let day = "\(today)".replacingOccurrences(of: "-", with: "")
        #expect(numbers.map(\.rawValue) == ["398211-\(day)-M000001", "398211-\(day)-M000002"])
        let order = try #require(try store.order(numbers[0]))
        #expect(order.origin == .enteredByHand(.phone) && order.sync == .localOnly && order.localStatus == .newOrder)
        #expect(order.orderer.fullName.contains("花子") && order.packages[0].destination.familyName == "受取")
        // 8 %: 3,240 × 2; 10 %: 1,100; postage 800 and 代引手数料 330.
        #expect(order.requestPrice == .yen(6480 + 1100 + 800 + 330) && order.payment.isCashOnDelivery)
        let arrival = try store.journal(of: numbers[0])
        #expect(arrival.count == 1 && arrival[0].action == "enter-order" && !arrival[0].operatorName.isEmpty)

        // Mistakes: each named with the file, nothing stored.
        let wrong = Self.example(deliveryOn: today.adding(days: 4))
            .replacingOccurrences(of: "zip = \"100-0001\"", with: "zip = \"100-01\"")
            .replacingOccurrences(of: "tax_rate = 10", with: "tax_rate = 5")
            .replacingOccurrences(of: "shipping_fee = 800", with: "shipping_fee = -800")
        let wrongFile = juchu.home + "/wrong.toml"
        try wrong.write(toFile: wrongFile, atomically: true, encoding: .utf8)
        let (refused, _, said) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--config", config, wrongFile])
        #expect(refused == 2)
        for part in ["\(wrongFile): buyer.zip:", "\(wrongFile): items[2].tax_rate: 税率は 8 か 10 です（5）", "\(wrongFile): shipping_fee: 0〜999,999円にしてください（-800）", "登録していません"] {
            #expect(said.contains(part), "\(part) in \(said)")
        }
        #expect(try store.countsByStatus().values.reduce(0, +) == before + 2)

        // A shop that takes orders by phone only.
        let phoneOnly = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[orders]\nchannels = [\"電話\"]")
        let fax = juchu.home + "/fax.toml"
        try Self.example(deliveryOn: today.adding(days: 4)).replacingOccurrences(of: "channel = \"電話\"", with: "channel = \"FAX\"")
            .write(toFile: fax, atomically: true, encoding: .utf8)
        let (faxStatus, _, faxSaid) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--config", phoneOnly, fax])
        #expect(faxStatus == 2 && faxSaid.contains("channel: 「FAX」は店舗の受付方法にありません（電話）"), "\(faxSaid)")
        let badList = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[orders]\nchannels = [\"LINE\"]")
        let (listStatus, _, listSaid) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--config", badList, file])
        #expect(listStatus == 2 && listSaid.contains("orders.channels") && listSaid.contains("「LINE」は受付方法にできません"), "\(listSaid)")
        let codList = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[orders]\npayment_methods = [\"代引き\", \"銀行振込\"]")
        let (codStatus, _, codSaid) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--config", codList, file])
        #expect(codStatus == 2 && codSaid.contains("「代引き」: 代金引換は「代金引換」と書いてください"), "\(codSaid)")

        // Confirm skips it with the reason; RMS hears nothing of it.
        let (confirmStatus, confirmOut, confirmErr) = try await CommandsEndToEndTests.run(juchu, ["confirm", "--config", config, numbers[0].rawValue])
        #expect(confirmStatus != 0 && (confirmOut + confirmErr).contains("楽天ペイの注文ではありません"), "\(confirmOut) \(confirmErr)")
        #expect(await sandbox.server.acceptedWrites(.confirmOrder)[numbers[0].rawValue] == nil)
        #expect(try store.order(numbers[0])?.sync == .localOnly)
        await sandbox.stop()
    }

    @Test("at 80×24 in tmux: N opens 受注を登録, a phone order typed with a product from the list is stored as M000001 (a refused save and a resize lose nothing), then 複製 from the palette makes M000002")
    func fromTheDesk() throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let database = juchu.home + "/demo.sqlite"
        let session = try TmuxSession(
            command: juchu.commandLine("demo --db \(database) --keymap \(juchu.repositoryKeymap) --life-interval 0"), width: 80, height: 24)
        defer { session.kill() }
        _ = try #require(session.waitFor(60) { $0.contains("受注一覧") }, "the desk did not open:\n\(session.capture())")
        session.send("N")
        _ = try #require(session.waitFor(10) { $0.contains("受注を登録") && $0.contains("< 電話 >") }, "no form:\n\(session.capture())")
        // 受付: 電話, now, 銀行振込 (one to the right of 代金引換), 宅配便; 送料 800.
        session.send("Down", "Down", "Right")
        for _ in 0..<4 { session.send("Down") }
        session.send(literal: "800")
        // Saved too early: every missing field named, the focus on the first (注文者's 郵便番号).
        session.send("Enter")
        _ = try #require(session.waitFor(10) { $0.contains("郵便番号（注文者）: 入力してください") }, "no refusal:\n\(session.capture())")
        // 注文者: typed whole (a postcode lookup may fill 都道府県 and 市区町村 first: typed over).
        session.send(literal: "1000001")
        session.send("Down")
        session.send(literal: "東京都")
        session.send("Down")
        session.send(literal: "千代田区")
        session.send("Down")
        for _ in 0..<12 { session.send("BSpace") }
        session.send(literal: "千代田1-1")
        session.send("Down")
        session.send(literal: "電話 花子")
        session.send("Down")
        session.send(literal: "でんわ はなこ")
        session.send("Down")
        session.send(literal: "03-1234-5678")
        // The terminal changes size and back: the form is redrawn as it was.
        session.resize(width: 100, height: 30)
        session.resize(width: 80, height: 24)
        _ = try #require(session.waitFor(5) { $0.contains("03-1234-5678") && $0.contains("電話 花子") }, "lost on resize:\n\(session.capture())")
        // 商品: the first product of the demo's list.
        session.send("PageDown", "PageDown", "Right")
        _ = try #require(session.waitFor(5) { $0.contains("税込") && $0.contains("円") }, "no product:\n\(session.capture())")
        session.send("Enter")
        let stored = try #require(session.waitFor(10) { $0.contains("受注を登録しました") }, "not stored:\n\(session.capture())")
        #expect(stored.contains("-M000001"), "\(stored)")
        _ = try #require(session.waitFor(5) { $0.contains("電話 花子") }, "not in the list:\n\(session.capture())")
        // 複製 of the phone order, found by its buyer's name.
        session.send("/")
        session.send(literal: "電話 花子")
        session.send("Enter")
        _ = try #require(session.waitFor(10) { $0.contains("1/1件") }, "not found:\n\(session.capture())")
        session.send(":")
        session.send(literal: "ふくせい")
        session.send("Enter")
        _ = try #require(session.waitFor(10) { $0.contains("受注データを複製する") && $0.contains("新しい注文 1件") }, "no preview:\n\(session.capture())")
        session.send("y")
        _ = try #require(session.waitFor(10) { $0.contains("成功: 1件") }, "no result:\n\(session.capture())")
        session.send("Enter", "q")
        #expect(session.waitFor(10) { $0.contains("EXIT=0") } != nil)
        let store = try OrderStore(path: database)
        let day = "\(CalendarDate(japanDayOf: JapanTime(Date())))".replacingOccurrences(of: "-", with: "")
        let first = try #require(try store.order(OrderNumber("398211-\(day)-M000001")))
        #expect(first.origin == .enteredByHand(.phone) && first.payment.methodName == "銀行振込" && first.sync == .localOnly)
        #expect(first.fees.shipping == .yen(800) && first.orderer.phoneNumber == "03-1234-5678" && first.packages[0].destination.subAddress == "千代田1-1")
        #expect(try store.journal(of: first.number).first?.action == "enter-order")
        let copy = try #require(try store.order(OrderNumber("398211-\(day)-M000002")), "the copy")
        #expect(copy.requestPrice == first.requestPrice && copy.orderer == first.orderer)
    }

    @Test("mail by two routes: a Rakuten order's サンクスメール through Rakuten's relay, a phone order's through the shop's own server ([mail.own_server]) from its address there; neither server sees the other's buyer; without [mail.own_server] the phone order is skipped with why; Rakuten's relay named as the own server is refused")
    func mailByTwoRoutes() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 6, requestsPerSecond: 0)
        let relay = try await SMTPRelayHarness.start()
        defer { relay.stop() }
        let own = try await SMTPRelayHarness.start()
        defer { own.stop() }
        let db = juchu.home + "/two-routes.sqlite"
        let ownServer = """
            [mail.own_server]
            smtp_host = "localhost"
            smtp_port = \(own.port)
            username = "\(own.user)"
            password = "\(own.password)"
            from = "\(own.allowedSender)"
            from_name = "楽天デモ米店（電話受付）"
            ca_file = "\(own.caFile)"
            """
        let config = try MailEndToEndTests.config(sandbox, relay, in: juchu, database: db, more: ownServer)
        _ = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        let (checked, checkOut, checkErr) = try await CommandsEndToEndTests.run(juchu, ["check", "--config", config])
        #expect(checked == 0 && checkOut.contains("店舗のメールサーバ（[mail.own_server]）に接続できました（localhost:\(own.port)"), "\(checkOut) \(checkErr)")
        let store = try OrderStore(path: db)
        let rakuten = try #require(try store.orders(try store.page(GridFilter(localStatus: .newOrder), limit: 100).map(\.number))
            .first { !$0.fees.shipping.isUnset && !$0.rmsProgress.isCancelling && $0.orderer.emailAddress != nil })
        let file = juchu.home + "/phone.toml"
        try Self.example(deliveryOn: CalendarDate(japanDayOf: JapanTime(Date())).adding(days: 4)).write(toFile: file, atomically: true, encoding: .utf8)
        let (entered, out, err) = try await CommandsEndToEndTests.run(juchu, ["order", "new", "--config", config, "--json", file])
        #expect(entered == 0, "\(out) \(err)")
        let phone = try #require(try store.orders(try store.page(GridFilter(localStatus: .newOrder), limit: 100).map(\.number)).first { $0.number.rawValue.contains("-M") })

        // Without the shop's own server: the phone order is skipped with the reason, the Rakuten one goes.
        let relayOnly = try MailEndToEndTests.config(sandbox, relay, in: juchu, database: db)
        let (_, skippedOut, skippedErr) = try await CommandsEndToEndTests.run(
            juchu, ["mail", "send", "--template", "thanks", "--config", relayOnly, phone.number.rawValue])
        #expect((skippedOut + skippedErr).contains("[mail.own_server]"), "\(skippedOut) \(skippedErr)")
        #expect(try relay.messages().isEmpty && own.messages().isEmpty)

        let (sent, sentOut, sentErr) = try await CommandsEndToEndTests.run(
            juchu, ["mail", "send", "--template", "thanks", "--config", config, rakuten.number.rawValue, phone.number.rawValue])
        #expect(sent == 0, "\(sentOut) \(sentErr)")
        let viaRelay = try relay.messages(), viaOwn = try own.messages()
        #expect(viaRelay.count == 1 && viaRelay.first?.to == [rakuten.orderer.emailAddress ?? ""], "\(viaRelay.map(\.to))")
        #expect(viaOwn.count == 1 && viaOwn.first?.to == ["hanako@example.jp"], "\(viaOwn.map(\.to))")
        #expect(viaOwn.first?.from == own.allowedSender, "sent as the shop's address on its own server")
        #expect(!viaRelay.contains { $0.to.contains("hanako@example.jp") }, "Rakuten's relay never gets the phone order's address")
        #expect(try store.previousMails([phone.number], template: "thanks")[phone.number] != nil, "recorded as the order's mail")

        // Rakuten's relay given as the shop's own server: refused, naming the key.
        let wrong = try MailEndToEndTests.config(sandbox, relay, in: juchu, database: db, more: """
            [mail.own_server]
            smtp_host = "sub.fw.rakuten.ne.jp"
            username = "x"
            password = "y"
            from = "shop@example.jp"
            """)
        let (refused, _, refusedErr) = try await CommandsEndToEndTests.run(
            juchu, ["mail", "send", "--template", "thanks", "--config", wrong, phone.number.rawValue])
        #expect(refused == 2 && refusedErr.contains("mail.own_server.smtp_host"), "\(refusedErr)")
        let misspelt = try MailEndToEndTests.config(sandbox, relay, in: juchu, database: db, more: "[mail.own_server]\nsmtp_hots = \"mail.example.jp\"")
        let (unknown, _, unknownErr) = try await CommandsEndToEndTests.run(
            juchu, ["mail", "send", "--template", "thanks", "--config", misspelt, phone.number.rawValue])
        #expect(unknown == 2 && unknownErr.contains("mail.own_server.smtp_hots") && unknownErr.contains("不明な設定"), "\(unknownErr)")
        await sandbox.stop()
    }
}
