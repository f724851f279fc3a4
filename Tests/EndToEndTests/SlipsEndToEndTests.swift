import Foundation
import OrderEngine
import OrderStore
import Testing
import TestSupport

/// 帳票: PDFs from `juchu slips` — orders from the sandbox over HTTP or stored by hand, the shop's
/// templates rendered by WeasyPrint, read back with poppler's pdftotext.
@Suite("End to end: 納品書, 受注伝票, ピッキングリスト and 領収書 as PDFs", .serialized)
struct SlipsEndToEndTests {
    static let registration = "T7123456789012"

    static let slipsTable = """
        [slips]
        shop_name = "楽天デモ米店"
        zip = "100-0001"
        address = "東京都千代田区千代田1-1"
        phone = "03-0000-0000"
        registration_number = "\(registration)"
        """

    /// The PDF's text, page by page.
    static func pages(_ pdf: String) throws -> [String] {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/pdftotext")
        process.arguments = ["-layout", pdf, "-"]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        var pages = String(decoding: data, as: UTF8.self).components(separatedBy: "\u{0C}")
        if pages.last?.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty == true { pages.removeLast() }
        return pages
    }

    /// A page's text without the spaces the layout put between characters.
    static func squeezed(_ text: String) -> String { text.filter { $0 != " " } }

    @Test("delivery notes for sandbox orders: each basket's page has its order number, items, RMS's per-rate totals and tax, the T-number and ※ on 8 % items; gift orders without prices; -9999 orders skipped with the reason; a second receipt says 再発行; COD gets none")
    func deliveryNotes() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 80, requestsPerSecond: 0)
        let db = juchu.home + "/slips.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0\n" + Self.slipsTable)
        let (fetched, _, fetchErr) = try await CommandsEndToEndTests.run(juchu, ["fetch", "--config", config])
        #expect(fetched == 0, "\(fetchErr)")
        await sandbox.stop()
        let store = try OrderStore(path: db)
        let orders = try store.orders(try store.page(GridFilter(localStatus: .newOrder), limit: 1_000).map(\.number))
        let printable = orders.filter { !$0.fees.shipping.isUnset && !$0.fees.cashOnDelivery.isUnset && !$0.rmsProgress.isCancelling }
        let unset = orders.filter { $0.fees.shipping.isUnset }
        #expect(!unset.isEmpty, "the sandbox leaves some postage unset")

        let pdf = juchu.home + "/納品書.pdf"
        let (status, out, err) = try await CommandsEndToEndTests.run(
            juchu, ["slips", "--kind", "delivery-note", "--status", "新規受付", "--out", pdf, "--config", config])
        #expect(status == 3, "\(out) \(err)")
        #expect(out.contains("送料が未設定の注文です"), "\(out)")
        let pages = try Self.pages(pdf)
        #expect(pages.count == printable.reduce(0) { $0 + $1.packages.count }, "a page per basket")
        var gifts = 0
        for order in printable {
            let own = pages.filter { $0.contains(order.number.rawValue) }.map(Self.squeezed)
            #expect(own.count == order.packages.count, "\(order.number)")
            guard let page = own.first else { continue }
            #expect(page.contains(Self.registration))
            #expect(page.contains("納品書"))
            for item in order.packages[0].items {
                #expect(page.contains(Self.squeezed(String(item.name.prefix(8)))), "\(order.number) \(item.name)")
                if abs(item.taxRate - 0.08) < 0.001 { #expect(page.contains("※"), "\(order.number): 8% marked") }
            }
            if order.delivery?.isGift == true {
                gifts += 1
                #expect(!page.contains("円"), "a gift's 納品書 has no prices: \(page)")
                continue
            }
            let lines = try #require(order.rmsAmounts?.taxSummary)
            #expect(!lines.isEmpty)
            for line in lines where line.request.yen != 0 {
                let text = "\(Int((line.rate * 100).rounded()))%対象\(abs(line.rate - 0.08) < 0.001 ? "※" : "")\(line.request)（うち消費税\(line.requestTax)）"
                #expect(page.contains(Self.squeezed(text)), "\(order.number): \(text) in \(page)")
            }
            #expect(page.contains(Self.squeezed("ご請求金額\(order.requestPrice)")))
        }
        #expect(gifts > 0, "the sandbox has gift orders")
        // Several destinations: each page its destination's own amounts, the order's labelled as the whole order's.
        let multi = try #require(printable.first { $0.packages.count > 1 && $0.delivery?.isGift != true }, "the sandbox has multi-destination orders")
        let multiPages = pages.filter { $0.contains(multi.number.rawValue) }.map(Self.squeezed)
        for (package, page) in zip(multi.packages, multiPages) {
            let goods = package.items.reduce(0) { $0 + $1.lineTotal }
            #expect(page.contains("この送付先の商品合計\(Money.groupedYen(goods))") && page.contains("この送付先の送料\(package.postage)"), "\(page)")
            #expect(page.contains("この送付先の小計\(package.postage + .yen(goods))") && page.contains("ご注文全体の商品合計\(multi.goodsPrice)"), "\(page)")
        }
        // What the packer adds: the wrapping by RMS's name for it; a gift's ※ explained though it prints no prices.
        let wrapped = try #require(printable.first { !($0.rmsAmounts?.wrappings ?? []).isEmpty }, "the sandbox has wrapped orders")
        let wrappedPage = try #require(pages.first { $0.contains(wrapped.number.rawValue) }.map(Self.squeezed))
        #expect(wrappedPage.contains("ラッピング・のし:\(Self.squeezed(wrapped.rmsAmounts!.wrappings[0].name))"), "\(wrappedPage)")
        let reducedGift = try #require(printable.first { $0.delivery?.isGift == true && $0.packages[0].items.contains { abs($0.taxRate - 0.08) < 0.001 } })
        #expect(pages.first { $0.contains(reducedGift.number.rawValue) }.map(Self.squeezed)?.contains("※印は軽減税率（8%）対象の商品です。") == true)
        for order in unset { #expect(!pages.contains { $0.contains(order.number.rawValue) }, "never printed from -9999") }
        // Recorded: the journal says it, and the next copy is a 再発行.
        let first = printable[0]
        #expect(try store.printedSlips(of: first.number).map(\.kind) == [.deliveryNote])
        #expect(try store.journal(of: first.number).contains { $0.action == ActionID.printSlips.rawValue && $0.after.contains("納品書") })

        // 領収書: card orders only; the second says 再発行; its 宛名 and 但し書き as asked.
        let card = try #require(printable.first { $0.payment.methodCode == 1 })
        let receipt = juchu.home + "/領収書.pdf"
        let (r1, r1Out, r1Err) = try await CommandsEndToEndTests.run(
            juchu, ["slips", "--kind", "receipt", card.number.rawValue, "--addressee", "株式会社テスト", "--purpose", "食料品代として", "--out", receipt, "--config", config])
        #expect(r1 == 0, "\(r1Out) \(r1Err)")
        let once = Self.squeezed(try Self.pages(receipt).joined())
        #expect(once.contains("領収書") && !once.contains("再発行") && once.contains("株式会社テスト様") && once.contains("但し食料品代として"))
        #expect(once.contains(Self.squeezed("\(card.requestPrice)")) && once.contains(Self.registration))
        let (r2, _, _) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "receipt", card.number.rawValue, "--out", receipt, "--config", config])
        #expect(r2 == 0)
        #expect(Self.squeezed(try Self.pages(receipt).joined()).contains("領収書（再発行）"))
        #expect(try store.printedSlips(of: card.number).filter { $0.kind == .receipt }.map(\.copy) == [1, 2])
        if let cod = printable.first(where: { $0.payment.isCashOnDelivery }) {
            let (r3, r3Out, _) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "receipt", cod.number.rawValue, "--out", receipt, "--config", config])
            #expect(r3 == 1 && r3Out.contains("店舗の領収書を出しません"), "\(r3Out)")
        }

        // ピッキングリスト: every item and option once, with the units of all the orders.
        let picking = juchu.home + "/picking.pdf"
        let (p, pOut, pErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "picking", "--status", "新規受付", "--out", picking, "--config", config])
        #expect(p == 0, "\(pOut) \(pErr)")
        let pickText = try Self.pages(picking).joined()
        let units = orders.flatMap { $0.packages.flatMap(\.items) }.reduce(0) { $0 + $1.units }
        #expect(Self.squeezed(pickText).contains("総数量\(units)"), "\(pickText.prefix(400))")
        for item in Set(orders.flatMap { $0.packages.flatMap(\.items).map(\.manageNumber) }) { #expect(pickText.contains(item)) }
    }

    /// Orders entered by hand (no RMS figures): a 40-line one, and `count` of one line each.
    static func handStore(_ path: String, count: Int) throws -> [Order] {
        let store = try OrderStore(path: path)
        var orders: [Order] = []
        var long = OrderFixtures.order(1, origin: .enteredByHand(.phone))
        long.packages[0].items = (1...40).map {
            Item(itemDetailID: $0, name: "長い注文の商品 その\($0)", manageNumber: "item-\($0)", selectedChoice: nil,
                 unitPrice: 105, units: 1, taxRate: $0 % 2 == 0 ? 0.08 : 0.1, includesTax: false)
        }
        long.goodsPrice = .yen(40 * 105)
        orders.append(long)
        for serial in 2...(count + 1) { orders.append(OrderFixtures.order(serial, origin: .enteredByHand(.shopFront))) }
        try store.importOrders(orders.map { OrderStore.Incoming(order: $0, rawJSON: nil) }, action: .action(.fetch))
        return orders
    }

    /// A config.toml for a store of orders entered by hand (no API): the store, and [slips] with `slips` added.
    static func handConfig(_ db: String, in juchu: JuchuBinary, registration: String = SlipsEndToEndTests.registration, slips: String = "") throws -> String {
        try CommandsEndToEndTests.writeConfig(
            "[store]\npath = \"\(db)\"\n" + slipsTable.replacingOccurrences(of: Self.registration, with: registration) + "\n" + slips, in: juchu)
    }

    @Test("a 40-line order continues on a second page under its header; per-rate tax worked out once per rate for an order entered by hand; 1,000 orders in one file")
    func longOrderAndThousand() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let db = juchu.home + "/hand.sqlite"
        let orders = try Self.handStore(db, count: 1_000)
        let config = try Self.handConfig(db, in: juchu)
        let pdf = juchu.home + "/long.pdf"
        let (status, out, err) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "delivery-note", orders[0].number.rawValue, "--out", pdf, "--config", config])
        #expect(status == 0, "\(out) \(err)")
        let pages = try Self.pages(pdf).map(Self.squeezed)
        #expect(pages.count >= 2, "40 lines run onto a second page")
        #expect(pages.allSatisfy { $0.contains("注文番号\(orders[0].number)") }, "the header repeats on every page")
        #expect(pages.last!.contains("長い注文の商品その40"))
        // 20 lines of 105円 at 10 % (tax-exclusive): 2,100 + 210; at 8 %: 2,100 + 168; 送料 800 at 10 %.
        let text = pages.joined()
        #expect(text.contains(Self.squeezed("10%対象 3,110円（うち消費税 282円）")), "\(text)")
        #expect(text.contains(Self.squeezed("8%対象※ 2,268円（うち消費税 168円）")), "\(text)")

        let all = juchu.home + "/all.pdf"
        let (allStatus, allOut, allErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "delivery-note", "--status", "新規受付", "--out", all, "--config", config])
        #expect(allStatus == 0, "\(allOut) \(allErr)")
        let allPages = try Self.pages(all)
        #expect(allPages.count >= 1_001)
        for order in [orders[1], orders[500], orders[1_000]] { #expect(allPages.contains { $0.contains(order.number.rawValue) }) }
        #expect(allOut.contains("注文 1001件"), "\(allOut)")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: juchu.home).filter { $0.hasPrefix(".juchu-slips") }
        #expect(leftovers.isEmpty)
    }

    @Test("a template error, a missing font, a renderer that fails, a bad 登録番号: a clear message, no file, nothing recorded; --print hands the PDF to lp")
    func failures() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let db = juchu.home + "/fail.sqlite"
        let orders = try Self.handStore(db, count: 2)
        let number = orders[1].number.rawValue
        let config = try Self.handConfig(db, in: juchu)
        let pdf = juchu.home + "/out.pdf"
        let folder = juchu.home + "/.config/juchu/slips"
        // First use writes the shipped templates.
        let (ok, _, okErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "order-slip", number, "--out", pdf, "--config", config])
        #expect(ok == 0, "\(okErr)")
        try FileManager.default.removeItem(atPath: pdf)

        let template = folder + "/order-slip.html"
        let original = try String(contentsOfFile: template, encoding: .utf8)
        try original.replacingOccurrences(of: "{{orderNumber}}", with: "{{orderNo}}").write(toFile: template, atomically: true, encoding: .utf8)
        let (bad, _, badErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "order-slip", number, "--out", pdf, "--config", config])
        #expect(bad == 2 && badErr.contains("order-slip.html:") && badErr.contains("orderNo"), "\(badErr)")
        try original.write(toFile: template, atomically: true, encoding: .utf8)

        let css = folder + "/slips.css"
        let style = try String(contentsOfFile: css, encoding: .utf8)
        try style.replacingOccurrences(of: "\"IPAexGothic\"", with: "\"存在しないフォント\"").write(toFile: css, atomically: true, encoding: .utf8)
        let (font, fontOut, fontErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "order-slip", number, "--out", pdf, "--config", config])
        #expect(font == 1 && fontErr.contains("フォント「存在しないフォント」がありません"), "\(fontOut) \(fontErr)")
        try style.write(toFile: css, atomically: true, encoding: .utf8)

        let failing = try Self.handConfig(db, in: juchu, slips: "renderer = \"/bin/false\"")
        let (renderer, _, rendererErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "order-slip", number, "--out", pdf, "--config", failing])
        #expect(renderer == 1 && rendererErr.contains("WeasyPrint（/bin/false）が失敗しました"), "\(rendererErr)")

        let wrong = try Self.handConfig(db, in: juchu, registration: "T7123456789013")
        let (number2, _, numberErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "order-slip", number, "--out", pdf, "--config", wrong])
        #expect(number2 == 2 && numberErr.contains("slips.registration_number") && numberErr.contains("チェックデジット"), "\(numberErr)")

        #expect(!FileManager.default.fileExists(atPath: pdf), "no file, whole or half")
        #expect(try FileManager.default.contentsOfDirectory(atPath: juchu.home).filter { $0.hasPrefix(".juchu-slips") }.isEmpty)
        let store = try OrderStore(path: db)
        #expect(try store.printedSlips(of: orders[1].number).count == 1, "only the first, made one")

        // The issuer's name defaults to [sender]'s when [mail] shop_name is there but empty.
        let named = try CommandsEndToEndTests.writeConfig("""
            [store]
            path = "\(db)"
            [sender]
            name = "米の店 山田"
            phone = "03-1234-5678"
            zip = "1000001"
            address = "東京都千代田区千代田1-1"
            [mail]
            shop_name = ""
            """, in: juchu)
        let (issuer, issuerOut, issuerErr) = try await CommandsEndToEndTests.run(juchu, ["slips", "--kind", "delivery-note", number, "--out", pdf, "--config", named])
        #expect(issuer == 0, "\(issuerOut) \(issuerErr)")
        #expect(Self.squeezed(try Self.pages(pdf).joined()).contains("米の店山田"))
        try FileManager.default.removeItem(atPath: pdf)

        // --print: the whole PDF to lp, with the printer of [slips]; recorded with the job.
        let bin = juchu.home + "/bin"
        try FileManager.default.createDirectory(atPath: bin, withIntermediateDirectories: true)
        try "#!/bin/sh\necho \"$@\" > \(juchu.home)/lp-args\necho \"request id is office-7 (1 file(s))\"\n".write(toFile: bin + "/lp", atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: bin + "/lp")
        let printing = try Self.handConfig(db, in: juchu, slips: "printer = \"office\"")
        let (printed, printedOut, printedErr) = try await CommandsEndToEndTests.run(
            juchu, ["slips", "--kind", "order-slip", number, "--out", pdf, "--print", "--config", printing],
            environment: ["PATH": "\(bin):/usr/bin:/bin"])
        #expect(printed == 0 && printedOut.contains("request id is office-7"), "\(printedOut) \(printedErr)")
        let args = try String(contentsOfFile: juchu.home + "/lp-args", encoding: .utf8)
        #expect(args.contains("-d office") && args.contains(pdf))
        #expect(try store.printedSlips(of: orders[1].number).last?.destination.contains("office-7") == true)
    }
}

/// 帳票作成 and 領収書 from the desk's panel in a real terminal: the preview, the PDF in the desk's
/// slip folder, the next copy a 再発行, a receipt's 宛名 typed in Japanese.
@Suite("End to end: slips from the desk", .serialized)
struct DeskSlipsEndToEndTests {
    @Test("帳票作成 previews the 納品書 and its file, makes it (the PDF in the slip folder holds the order), a second preview says 再発行; 領収書 takes a typed 宛名")
    func panelSlips() async throws {
        let juchu = try JuchuBinary()
        defer { juchu.cleanUp() }
        let sandbox = try await SandboxHarness.start(orders: 12, requestsPerSecond: 0)
        let db = juchu.home + "/desk-slips.sqlite"
        let config = try CommandsEndToEndTests.sandboxConfig(
            sandbox, in: juchu, database: db, more: "[fetch]\nskip_younger_than_minutes = 0\n" + SlipsEndToEndTests.slipsTable)
        let session = try TmuxSession(command: juchu.commandLine("desk --config \(config) --keymap \(juchu.repositoryKeymap)"), width: 130, height: 45)
        defer { session.kill() }
        let opened = try #require(try await offPool { session.waitFor(30) { $0.contains("受注一覧 新規受付") && $0.contains("398211-") } },
                                  "the desk did not fetch:\n\(session.capture())")
        let store = try OrderStore(path: db)
        let lines = DemoConfirmEndToEndTests.gridLines(opened)
        let numbers = lines.compactMap { DemoConfirmEndToEndTests.orderNumber(in: $0) }
        let orders = try store.orders(try store.page(GridFilter(), limit: 100).map(\.number))
        // A card order with its amounts set: it gets both a 納品書 and a 領収書.
        let index = try #require(numbers.firstIndex { shown in
            orders.contains { $0.number.rawValue.hasSuffix(shown) && $0.payment.methodCode == 1 && !$0.fees.isAnyUnset }
        })
        let number = numbers[index]
        for _ in 0..<index { session.send("j") }

        session.send("Tab")
        try PanelEndToEndTests.choose("帳票作成", in: session)
        session.send("Enter")
        let preview = try await offPool { session.waitFor(10) { $0.contains("帳票作成（納品書）: 1件") && $0.contains("→ delivery-note-") } }
        #expect(preview != nil, "no preview:\n\(session.capture())")
        session.send("y")
        let made = try await offPool { session.waitFor(30) { $0.contains("成功: 1件") && $0.contains("納品書を作成") } }
        #expect(made != nil, "no result:\n\(session.capture())")
        session.send("Enter")
        let folder = juchu.home + "/data/juchu/slips"
        let pdfs = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("delivery-note-") && $0.hasSuffix(".pdf") }
        #expect(pdfs.count == 1)
        if let pdf = pdfs.first { #expect(try SlipsEndToEndTests.pages(folder + "/" + pdf).joined().contains(number)) }
        session.send("Enter")
        let again = try await offPool { session.waitFor(10) { $0.contains("再発行（2回目）") && $0.contains("再発行: 1件") } }
        #expect(again != nil, "the second preview does not say 再発行:\n\(session.capture())")
        session.send("n")

        session.send("Down")
        session.send(literal: "株式会社テスト")
        session.send("Enter")
        let receipt = try await offPool { session.waitFor(10) { $0.contains("領収書を作成: 1件") && $0.contains("宛名 株式会社テスト 様") } }
        #expect(receipt != nil, "no receipt preview:\n\(session.capture())")
        session.send("y")
        _ = try await offPool { session.waitFor(30) { $0.contains("成功: 1件") && $0.contains("領収書を作成") } }
        let receipts = try FileManager.default.contentsOfDirectory(atPath: folder).filter { $0.hasPrefix("receipt-") }
        #expect(receipts.count == 1)
        if let pdf = receipts.first {
            #expect(SlipsEndToEndTests.squeezed(try SlipsEndToEndTests.pages(folder + "/" + pdf).joined()).contains("株式会社テスト様"))
        }
        session.send("Enter", "Tab", "q")
        #expect(try await offPool { session.waitFor(10) { $0.contains("EXIT=0") } } != nil)
        await sandbox.stop()
    }
}
