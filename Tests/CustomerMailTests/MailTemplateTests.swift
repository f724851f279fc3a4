import CustomerMail
import Foundation
import Mustache
import OrderEngine
import Testing
import TestSupport

@Suite("メールのテンプレート: the shop's files, checked whole when read, rendered for an order")
struct MailTemplateTests {
    static let shop = MailShop(name: "楽天デモ米店", signature: "楽天デモ米店\n03-1234-5678", bankAccount: "楽天銀行 第一営業支店 普通 1234567")

    static func library() throws -> (MailTemplateLibrary, TemporaryDirectory) {
        let directory = TemporaryDirectory()
        let library = try MailTemplateLibrary(folder: directory.file("mail"), statuses: LocalStatus.defaults)
        return (library, directory)
    }

    static func template(_ text: String, statuses: [LocalStatus] = LocalStatus.defaults) throws(MailTemplateError) -> MailTemplate {
        try MailTemplate(name: "test", text: text, file: "mail/test.txt", statuses: statuses)
    }

    @Test("the shipped templates are written on first use and render an order: names with 様, every item line, RMS's totals, the payment's block only")
    func defaults() throws {
        let (library, directory) = try Self.library()
        defer { directory.remove() }
        #expect(library.templates.map(\.name) == ["thanks", "payment", "shipped"], "the day's order")
        #expect(library.templates.map(\.title) == ["サンクスメール", "入金確認", "発送メール"])
        #expect(try library.template(named: "サンクスメール").statusAfter == .newOrderMailed)
        #expect(FileManager.default.fileExists(atPath: directory.file("mail/signature.txt")))

        var order = OrderFixtures.order(1)
        order.packages[0].items[0].selectedChoice = "精米:白米"
        order.payment = Payment(methodCode: 9, methodName: "銀行振込")
        order.remarks = "のし不要です"
        let thanks = try library.template(named: "thanks").render(order, shop: Self.shop)
        #expect(thanks.subject == "【楽天デモ米店】ご注文ありがとうございます（注文番号 \(order.number)）")
        #expect(thanks.body.hasPrefix("佐藤 翔太 様\n"))
        let item = order.packages[0].items[0]
        #expect(thanks.body.contains("　・\(item.name)\n　　精米:白米\n　　\(Money.groupedYen(item.unitPrice)) × \(item.units) = \(Money.groupedYen(item.lineTotal))"), "\(thanks.body)")
        #expect(thanks.body.contains("合計金額: \(order.totalPrice)") && thanks.body.contains("ご請求金額: \(order.requestPrice)"))
        #expect(thanks.body.contains("【お振込先】\n楽天銀行 第一営業支店 普通 1234567"))
        #expect(!thanks.body.contains("代引手数料") && !thanks.body.contains("配達員"))
        #expect(thanks.body.contains("【備考】\nのし不要です") && thanks.body.hasSuffix("楽天デモ米店\n03-1234-5678\n"))
        #expect(!thanks.body.contains("&") && !thanks.body.contains("{{"), "text, not HTML-escaped")

        order.payment = Payment(methodCode: 2, methodName: "代金引換")
        let cod = try library.template(named: "thanks").render(order, shop: Self.shop)
        #expect(cod.body.contains("代引手数料") && cod.body.contains("配達員に \(order.requestPrice) をお支払いください") && !cod.body.contains("お振込先"))
    }

    @Test("the shipping mail lists each basket's parcels with the carrier's tracking page")
    func shipped() throws {
        let (library, directory) = try Self.library()
        defer { directory.remove() }
        var order = OrderFixtures.confirmed(1)
        let basket = order.packages[0].basketID
        order.parcels = [
            Parcel(basketID: basket, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(1), shippedOn: CalendarDate(year: 2026, month: 12, day: 4)),
            Parcel(basketID: basket, carrier: Carrier(code: "1003"), trackingNumber: ShippingNumbers.valid(2), shippedOn: CalendarDate(year: 2026, month: 12, day: 4)),
        ]
        let mail = try library.template(named: "shipped").render(order, shop: Self.shop)
        #expect(mail.body.contains("ヤマト運輸 お問い合わせ番号 \(ShippingNumbers.valid(1))（発送日 2026年12月4日）"), "\(mail.body)")
        #expect(mail.body.contains("https://toi.kuronekoyamato.co.jp/cgi-bin/tneko?number01=\(ShippingNumbers.valid(1))"))
        #expect(mail.body.contains("reqCodeNo1=\(ShippingNumbers.valid(2))"))
    }

    @Test("every tag the templates may use has a value for a full order, and an empty one shows no block")
    func everyTagHasAValue() throws {
        var order = OrderFixtures.confirmed(1)
        order.remarks = "のし不要"
        order.mailPlugSentence = "いつもありがとうございます"
        order.packages[0].items[0].selectedChoice = "精米:白米"
        order.delivery = DeliveryDetails(method: "宅配便", date: CalendarDate(year: 2026, month: 12, day: 6), timeSlot: 1416)
        order.parcels = [Parcel(basketID: order.packages[0].basketID, carrier: Carrier(code: "1001"), trackingNumber: ShippingNumbers.valid(1),
                                shippedOn: CalendarDate(year: 2026, month: 12, day: 4))]
        let context = MailContext(order: order, shop: Self.shop)
        func check(_ tags: [MailTag], in parent: any MustacheParent, path: String) {
            for tag in tags {
                let value = parent.child(named: tag.name)
                #expect(value != nil, "\(path)\(tag.name) has no value")
                if case .list(let inner) = tag.kind, let first = (value as? [Any])?.first as? any MustacheParent {
                    check(inner, in: first, path: path + tag.name + ".")
                }
            }
        }
        check(MailTag.all, in: context, path: "")
        #expect(context.child(named: "nope") == nil)

        let template = try Self.template("件名: a\n\n[{{#remarks}}備考: {{remarks}}{{/remarks}}][{{#mailPlugSentence}}x{{/mailPlugSentence}}][{{#trackingUrl}}{{trackingUrl}}{{/trackingUrl}}]\n")
        let bare = template.render(OrderFixtures.confirmed(2), shop: Self.shop)
        #expect(bare.body == "[][][]\n", "\(bare.body)")
        #expect(template.render(order, shop: Self.shop).body.hasPrefix("[備考: のし不要][x][https://toi.kuronekoyamato.co.jp/"))
    }

    @Test("a batch rendered on every core is the same mails, in the same order, as one by one")
    func batchRender() async throws {
        let (library, directory) = try Self.library()
        defer { directory.remove() }
        let template = try library.template(named: "thanks")
        let orders = (1...1_200).map { OrderFixtures.confirmed($0) }
        let batch = await template.render(orders, shop: Self.shop)
        #expect(batch == orders.map { template.render($0, shop: Self.shop) })
    }

    @Test("refused with file and line: an unknown tag, a list's tag outside its list, a section closed by another name or not at all, partials, a bad header, a status the desk lacks")
    func refusals() {
        let cases: [(String, Int, String)] = [
            ("件名: a\n\n{{ordererName}} 様\n{{trackingNo}}\n", 4, "不明なタグ {{trackingNo}}"),
            ("件名: a\n\n{{itemName}}\n", 3, "不明なタグ {{itemName}}"),
            ("件名: a\n\n{{#items}}\n{{itemName}}\n{{/packages}}\n", 5, "{{/packages}} に対応する"),
            ("件名: a\n\n{{#packages}}\n{{#items}}{{itemName}}{{/items}}\n", 3, "{{#packages}} が閉じられていません"),
            ("件名: a\n\n{{items}}\n", 3, "一覧です"),
            ("件名: a\n\n{{> footer}}\n", 3, "は使えません"),
            ("件名: a\n\n{{ordererName\n", 3, "閉じられていません"),
            ("件名: {{orderNo}}\n\n本文\n", 1, "不明なタグ {{orderNo}}"),
            ("件名: a\n宛先: b\n\n本文\n", 2, "不明な見出し「宛先」"),
            ("名前: a\n\n本文\n", 1, "件名がありません"),
            ("件名: a\n送信後ステータス: 発送済み\n\n本文\n", 2, "desk.statuses にありません"),
            ("件名: a\n", 2, "本文がありません"),
        ]
        for (text, line, problem) in cases {
            do {
                _ = try Self.template(text)
                Issue.record("accepted: \(text)")
            } catch {
                #expect(error.file == "mail/test.txt" && error.line == line, "\(text): \(error)")
                #expect(error.problem.contains(problem), "\(text): \(error)")
                #expect(error.description.hasPrefix("mail/test.txt:\(line): "))
            }
        }
    }

    @Test("a folder's bad template refuses the folder, naming the file; a file not in UTF-8 is named too")
    func badFolder() throws {
        let directory = TemporaryDirectory()
        defer { directory.remove() }
        let folder = directory.file("mail")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        try Data("件名: a\n\n{{nope}}\n".utf8).write(to: URL(fileURLWithPath: folder + "/bad.txt"))
        #expect(throws: MailTemplateError.self) { _ = try MailTemplateLibrary(folder: folder, statuses: LocalStatus.defaults) }
        do {
            _ = try MailTemplateLibrary(folder: folder, statuses: LocalStatus.defaults)
        } catch {
            #expect(error.description.hasPrefix(folder + "/bad.txt:3: "))
        }
        try Data("件名: あ\n\n本文\n".data(using: .shiftJIS)!).write(to: URL(fileURLWithPath: folder + "/bad.txt"))
        do {
            _ = try MailTemplateLibrary(folder: folder, statuses: LocalStatus.defaults)
            Issue.record("a Shift_JIS file was read")
        } catch {
            #expect(error.description.contains("UTF-8 ではありません"))
        }
    }
}
