import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport
@testable import OrderStore

@Suite("Finding orders: text search and pages that never scan the table")
struct SearchAndPlanTests {
    let directory = TemporaryDirectory()

    /// A store with generated Rakuten orders, stored as they would be fetched (raw JSON).
    func generatedStore(count: Int) throws -> (OrderStore, [Order]) {
        var generator = OrderGenerator(seed: 11, settings: .init(shopID: "398211"))
        let models = generator.orders(count: count, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        let store = try OrderStore(path: directory.file("search.sqlite"))
        let incoming = try models.map {
            OrderStore.Incoming(order: Order(rakuten: $0, localStatus: .newOrder), rawJSON: Array(try JSONEncoder().encode($0)))
        }
        try store.importOrders(incoming)
        return (store, incoming.map(\.order))
    }

    func search(_ store: OrderStore, _ text: String) throws -> Set<OrderNumber> {
        Set(try store.page(GridFilter(search: text), limit: 10_000).map(\.number))
    }

    @Test("names, kana and item names are found by any part of two characters or more")
    func text() throws {
        let (store, orders) = try generatedStore(count: 300)
        let someone = orders[17].orderer
        let expectations: [(String, (Order) -> Bool)] = [
            (someone.familyName, { $0.orderer.familyName.contains(someone.familyName) || $0.packages.contains { $0.destination.familyName.contains(someone.familyName) } }),
            (someone.familyName + someone.firstName, { $0.orderer.familyName + $0.orderer.firstName == someone.familyName + someone.firstName || $0.packages.contains { $0.destination.familyName + $0.destination.firstName == someone.familyName + someone.firstName } }),
            (someone.familyNameKana, { ($0.orderer.familyNameKana + $0.orderer.firstNameKana).contains(someone.familyNameKana) || $0.packages.contains { ($0.destination.familyNameKana + $0.destination.firstNameKana).contains(someone.familyNameKana) } }),
            ("ゆめぴりか", { $0.packages.contains { $0.items.contains { $0.name.contains("ゆめぴりか") } } }),
            ("今治 タオル", { $0.packages.contains { $0.items.contains { $0.name.contains("今治") && $0.name.contains("タオル") } } }),
        ]
        for (query, matches) in expectations {
            let expected = Set(orders.filter(matches).map(\.number))
            #expect(!expected.isEmpty, "no order to find for \(query)")
            #expect(try search(store, query) == expected, "search for \(query)")
        }
        #expect(try search(store, "存在しない名前").isEmpty)
        directory.remove()
    }

    @Test("an order number or a phone number is found by its last digits")
    func numbers() throws {
        let (store, orders) = try generatedStore(count: 200)
        let order = orders[42]
        let tail = String(order.number.rawValue.suffix(6))
        #expect(try search(store, tail).contains(order.number))
        #expect(try search(store, order.number.rawValue) == [order.number])
        let phoneTail = String(order.orderer.phoneNumber.filter(\.isNumber).suffix(4))
        let expected = Set(orders.filter { $0.orderer.phoneNumber.filter(\.isNumber).hasSuffix(phoneTail) || $0.number.rawValue.filter(\.isNumber).hasSuffix(phoneTail) }.map(\.number))
        #expect(try search(store, phoneTail) == expected)
        // As an IME types them: full-width digits, and the hyphen of a phone number.
        let fullWidth = String(phoneTail.unicodeScalars.map { Character(Unicode.Scalar($0.value - 0x30 + 0xFF10)!) })
        #expect(try search(store, fullWidth) == expected)
        let phoneDigits = order.orderer.phoneNumber.filter(\.isNumber)
        let hyphenated = phoneDigits.dropLast(4) + "-" + phoneDigits.suffix(4)
        #expect(try search(store, String(hyphenated)).contains(order.number))
        #expect(try search(store, "999999999999999").isEmpty)
        directory.remove()
    }

    @Test("search combines with the status and pages by keyset like the rest")
    func searchPages() throws {
        let (store, orders) = try generatedStore(count: 300)
        let name = orders[3].orderer.familyName
        let all = try store.page(GridFilter(localStatus: .newOrder, search: name), limit: 10_000)
        var paged: [OrderRow] = []
        var key: GridKey?
        repeat {
            let page = try store.page(GridFilter(localStatus: .newOrder, search: name), after: key, limit: 3)
            paged += page
            key = page.count == 3 ? page.last?.key : nil
        } while key != nil
        #expect(paged.map(\.number) == all.map(\.number))
        #expect(try store.page(GridFilter(localStatus: .onHold, search: name), limit: 10).isEmpty)
        directory.remove()
    }

    @Test("pages by status, by date, next pages and searches use indexes, never a scan of the table", arguments: [
        GridFilter(localStatus: .newOrder), GridFilter(), GridFilter(localStatus: .newOrder, search: "佐藤"),
        GridFilter(search: "翔太"), GridFilter(search: "5678"), GridFilter(search: "20261120-00"),
        GridFilter(localStatus: .newOrder, search: "彩"),
    ])
    func noScan(filter: GridFilter) throws {
        let (store, _) = try generatedStore(count: 20)
        let key = GridKey(orderedAt: 1_795_000_000, number: OrderNumber("398211-20261120-0000000000"))
        for plan in [try store.queryPlan(filter), try store.queryPlan(filter, after: key)] {
            // "SCAN orders USING INDEX ..." walks an index in order and stops at the LIMIT; a bare
            // "SCAN orders" would read the whole table.
            #expect(!plan.contains { $0 == "SCAN orders" }, "\(plan)")
            #expect(!plan.contains { $0.contains("USE TEMP B-TREE FOR ORDER BY") } || filter.search != nil, "\(plan)")
        }
        directory.remove()
    }
}

@Suite("Search terms")
struct SearchTermsTests {
    @Test("Japanese runs become bigrams and their last character; kana are folded; punctuation and spaces end words; ASCII words stay whole", arguments: [
        ("佐藤 翔太", ["佐藤", "藤", "翔太", "太"]),
        ("【送料無料】ゆめぴりか 5kg", ["送料", "料無", "無料", "料", "ユメ", "メピ", "ピリ", "リカ", "カ", "5kg"]),
        ("サトウ・ハナコ", ["サト", "トウ", "ウ", "ハナ", "ナコ", "コ"]),
        ("林", ["林"]),
        ("Apple Pay", ["apple", "pay"]),
        ("ヤマダーズ", ["ヤマ", "マダ", "ダー", "ーズ", "ズ"]),
        ("ﾛｯﾎﾟﾝｷﾞ", ["ロッ", "ッポ", "ポン", "ンギ", "ギ"]),
    ])
    func tokens(text: String, expected: [String]) {
        #expect(SearchTerms.tokens(text) == expected)
    }

    @Test("a query is the phrase of its bigrams; one character is a prefix; each run of a word is looked for")
    func queries() {
        #expect(SearchTerms.matchQuery("翔太") == "\"翔太\"")
        #expect(SearchTerms.matchQuery("佐藤翔") == "\"佐藤 藤翔\"")
        #expect(SearchTerms.matchQuery("林") == "\"林\" *")
        #expect(SearchTerms.matchQuery("佐藤 翔太") == "\"佐藤\" AND \"翔太\"")
        #expect(SearchTerms.matchQuery("村上　彩") == "\"村上\" AND \"彩\" *")
        #expect(SearchTerms.matchQuery("佐藤・翔太") == "\"佐藤\" AND \"翔太\"")
        #expect(SearchTerms.matchQuery("むらかみ") == "\"ムラ ラカ カミ\"" && SearchTerms.matchQuery("ﾑﾗｶﾐ") == "\"ムラ ラカ カミ\"")
        #expect(SearchTerms.isNumberQuery("２０２６１２０３－６３３５") && SearchTerms.orderNumberStart("２０２６１２０３－６３３５") == "20261203-6335")
        #expect(SearchTerms.orderNumberStart("6335") == nil && SearchTerms.orderNumberStart("佐藤-1") == nil)
        #expect(SearchTerms.matchQuery("  ") == nil)
        #expect(SearchTerms.isNumberQuery("5678") && SearchTerms.isNumberQuery("398211-20261122-0000012345"))
        #expect(!SearchTerms.isNumberQuery("56") && !SearchTerms.isNumberQuery("佐藤1"))
    }
}

extension SearchTermsTests {
    @Test("the index text has exactly the query tokens", arguments: [
        "佐藤 翔太", "【送料無料】北海道産 ゆめぴりか 5kg 令和6年産", "サトウ・ハナコ", "林", "Apple Pay", "ヤマダーズ 今治タオル×2",
        // Two- and four-byte characters, upper-case ASCII, half-width kana, a trailing lone character.
        "Café ÉCOLE ß", "絵文字👍テスト😀 A", "ABC-def_GHI 09", "ｱｲｳ（半角）ﾃﾞｽ", "Ｔシャツ Lサイズ 赤", "a", "",
    ])
    func indexTextMatchesTokens(text: String) {
        var writer = IndexTextWriter()
        writer.append(text)
        writer.endText()
        #expect(String(decoding: writer.bytes, as: UTF8.self) == SearchTerms.tokens(text).joined(separator: " "))
    }
}

extension SearchTermsTests {
    @Test("kana fold as NFKC composes them, then to katakana: every half-width kana, with ﾞ and ﾟ where they combine, and every hiragana")
    func kanaFolding() {
        var halfWidth: [String] = (0xFF66...0xFF9D).map { String(Unicode.Scalar($0)!) }
        halfWidth += halfWidth.flatMap { [$0 + "ﾞ", $0 + "ﾟ"] }
        for text in halfWidth {
            let nfkc = text.precomposedStringWithCompatibilityMapping
            // A mark that does not combine stays a mark of its own (NFKC makes it a combining one).
            guard nfkc.unicodeScalars.count == 1 else { continue }
            #expect(KanaFolding.folded(text) == nfkc, "\(text): \(KanaFolding.folded(text)) vs \(nfkc)")
        }
        // ゕ and ゖ become ヵ and ヶ, which Foundation's transform leaves as they are.
        for value in 0x3041...0x3094 {
            let hiragana = String(Unicode.Scalar(value)!)
            #expect(KanaFolding.folded(hiragana) == hiragana.applyingTransform(.hiraganaToKatakana, reverse: false), "\(hiragana)")
        }
        #expect(KanaFolding.folded("ﾛｯﾎﾟﾝｷﾞ 1-2-3") == "ロッポンギ 1-2-3")
        let plain = "山田 太郎 ヤマダ タロウ"
        #expect(KanaFolding.folded(plain) == plain)
    }
}

extension SearchAndPlanTests {
    @Test("a name is found as people type it: one kanji, with its space, in hiragana or half-width kana; an order number by its start; 支払:代引")
    func typedAsPeopleType() throws {
        var generator = OrderGenerator(seed: 3, settings: .init(shopID: "398211"))
        var models = generator.orders(count: 40, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        models[5].ordererModel.familyName = "村上"
        models[5].ordererModel.firstName = "彩"
        models[5].ordererModel.familyNameKana = "ムラカミ"
        models[5].ordererModel.firstNameKana = "アヤ"
        models[6].ordererModel.familyName = "ﾛｯﾎﾟﾝｷﾞ"
        models[6].ordererModel.firstName = "ﾊﾅｺ"
        let store = try OrderStore(path: directory.file("typed.sqlite"))
        try store.importOrders(try models.map {
            OrderStore.Incoming(order: Order(rakuten: $0, localStatus: .newOrder), rawJSON: Array(try OrderedJSONEncoder().encode($0)))
        })
        let murakami = OrderNumber(models[5].orderNumber)
        for query in ["彩", "村上 彩", "村上　彩", "むらかみ", "ﾑﾗｶﾐ", "ムラカミ", "むらかみ あや", "上彩"] {
            #expect(try search(store, query).contains(murakami), "search for \(query)")
        }
        #expect(try search(store, "彩") == Set(models.filter { ($0.ordererModel.familyName + ($0.ordererModel.firstName ?? "")).contains("彩")
            || $0.packageModelList.contains { ($0.senderModel.familyName + ($0.senderModel.firstName ?? "")).contains("彩") }
            || $0.packageModelList.contains { $0.itemModelList.contains { $0.itemName.contains("彩") } } }.map { OrderNumber($0.orderNumber) }))
        for query in ["ろっぽんぎ", "ロッポンギ", "ﾎﾟﾝ", "ポ"] {
            #expect(try search(store, query).contains(OrderNumber(models[6].orderNumber)), "search for \(query)")
        }
        // Part of an order number from its start, with or without the shop's id, full-width too.
        let number = models[9].orderNumber  // 398211-yyyymmdd-nnnnnnnnnn
        let withoutShop = String(number.dropFirst(7))
        for query in [String(withoutShop.prefix(13)), String(number.prefix(18)), String(withoutShop.prefix(13)).applyingTransform(.fullwidthToHalfwidth, reverse: true)!] {
            let found = try search(store, query)
            #expect(found.contains(OrderNumber(number)), "search for \(query)")
            #expect(found == Set(models.map(\.orderNumber).filter { $0.hasPrefix("398211-" + query.applyingTransform(.fullwidthToHalfwidth, reverse: false)!) || $0.hasPrefix(query) }.map(OrderNumber.init)))
        }
        #expect(try search(store, "支払:代引") == Set(models.filter { $0.settlementModel?.settlementMethod == "代金引換" }.map { OrderNumber($0.orderNumber) }))
        #expect(try !search(store, "支払:代引").isEmpty)
        directory.remove()
    }

    @Test("actions that look only at state change fetched orders exactly as with their content")
    func stateOnlyActions() throws {
        let (store, orders) = try generatedStore(count: 40)
        let numbers = orders.map(\.number)
        let fee = try store.apply(try WriteFeeAction(.paymentCharge, text: "220"), to: numbers)
        _ = try store.apply(ChangeStatusAction(to: .awaitingPayment), to: numbers)
        let read = try store.orders(numbers)
        for (before, after) in zip(orders, read) {
            var expected = before
            if !expected.isBundled, expected.rmsProgress < .shipped, expected.fees.paymentCharge != .yen(220) {
                expected.fees.paymentCharge = .yen(220)
                // Written here, not yet in RMS: 未反映, for 入力内容を反映する to send.
                if expected.origin.isRakutenAPI { expected.pendingEdit = expected.pendingEdit ?? PendingEdit() }
            }
            expected.localStatus = .awaitingPayment
            #expect(after == expected)
        }
        let rows = try store.rows(numbers)
        #expect(read.allSatisfy { rows[$0.number]?.grandTotal == $0.grandTotal }, "the grid's total follows the fee")
        try store.undo(batch: fee.batchID)
        let undone = try store.rows(numbers)
        #expect(orders.allSatisfy { undone[$0.number]?.grandTotal == $0.grandTotal }, "and goes back with it")
        directory.remove()
    }
}

extension SearchAndPlanTests {
    @Test("a name shared by thousands of orders is paged by walking the date index: the same newest orders, no sort of every match")
    func commonName() throws {
        let store = try OrderStore(path: directory.file("common.sqlite"))
        let common = (1...(OrderStore.commonWordMatches + 300)).map { OrderFixtures.order($0) }
        let rare = (90_001...90_005).map { OrderFixtures.order($0, orderer: OrderFixtures.otherPerson) }
        try store.importOrders((common + rare).map { OrderStore.Incoming(order: $0, rawJSON: nil) })
        let newest = common.sorted { ($0.orderedAt, $0.number) > ($1.orderedAt, $1.number) }.prefix(50).map(\.number)
        let page = try store.page(GridFilter(search: "佐藤"), limit: 50)
        #expect(page.map(\.number) == newest)
        let next = try store.page(GridFilter(search: "佐藤"), after: page.last?.key, limit: 50)
        #expect(next.first?.number == common.sorted { ($0.orderedAt, $0.number) > ($1.orderedAt, $1.number) }[50].number)
        let plan = try store.queryPlan(GridFilter(search: "佐藤"))
        #expect(plan.contains { $0.contains("orders_by_date") } && !plan.contains { $0.contains("TEMP B-TREE") }, "\(plan)")
        #expect(try store.page(GridFilter(search: OrderFixtures.otherPerson.familyName), limit: 50).count == rare.count)
        directory.remove()
    }
}

extension SearchAndPlanTests {
    @Test("the search line filters by payment method, flag and order date (Japan time), with words or alone")
    func filters() throws {
        let (store, orders) = try generatedStore(count: 200)
        let flagged = Array(orders.prefix(7)).map(\.number)
        _ = try store.apply(try FlagAction("メール便", set: true), to: flagged)
        func found(_ text: String) throws -> Set<OrderNumber> {
            Set(try store.page(GridFilter(search: text), limit: 10_000).map(\.number))
        }
        #expect(try found("チェック:メール便") == Set(flagged))
        let cod = Set(orders.filter { $0.payment.methodName.contains("代金引換") }.map(\.number))
        let foundCOD = try found("支払:代金引換")
        #expect(!cod.isEmpty && foundCOD == cod)
        let day = CalendarDate(japanDayOf: JapanTime(orders[50].orderedAt))
        let sameDay = Set(orders.filter { CalendarDate(japanDayOf: JapanTime($0.orderedAt)) == day }.map(\.number))
        #expect(try found("日付:\(day)") == sameDay)
        #expect(try found("日付:\(day)..") == Set(orders.filter { CalendarDate(japanDayOf: JapanTime($0.orderedAt)) >= day }.map(\.number)))
        let name = orders[3].orderer.familyName
        #expect(try found("\(name) チェック:メール便") == Set(orders.prefix(7).filter {
            $0.orderer.familyName.contains(name) || $0.packages.contains { $0.destination.familyName.contains(name) } }.map(\.number)))
        #expect(GridFilter(search: "日付:2026-13-45").problems.first?.contains("2026-13-45") == true)
        directory.remove()
    }
}

extension SearchAndPlanTests {
    @Test("letters with a case are found in either: full-width (ＳＵＺＵＫＩ) and accented (Émile) as ASCII is")
    func foldedCase() throws {
        var generator = OrderGenerator(seed: 3, settings: .init(shopID: "398211"))
        var models = generator.orders(count: 20, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        models[3].ordererModel.familyName = "ＳＵＺＵＫＩ"
        models[3].ordererModel.firstName = "花子"
        models[4].ordererModel.familyName = "Émile"
        models[4].ordererModel.firstName = "Zola"
        let store = try OrderStore(path: directory.file("case.sqlite"))
        try store.importOrders(try models.map {
            OrderStore.Incoming(order: Order(rakuten: $0, localStatus: .newOrder), rawJSON: Array(try OrderedJSONEncoder().encode($0)))
        })
        for (query, index) in [("ＳＵＺＵＫＩ", 3), ("ｓｕｚｕｋｉ", 3), ("ｋＩ花", 3), ("ÉMILEZOLA", 4), ("émilezola", 4)] {
            #expect(try search(store, query) == [OrderNumber(models[index].orderNumber)], "search for \(query)")
        }
        directory.remove()
    }
}

extension SearchAndPlanTests {
    @Test("配送方法, お届け指定, サブステータス and 特記事項 are the grid's columns and the search line's filters, as RMS gives them")
    func deliveryFilters() throws {
        let (store, orders) = try generatedStore(count: 1_500)
        let rows = Dictionary(uniqueKeysWithValues: try store.page(GridFilter(), limit: 10_000).map { ($0.number, $0) })
        for order in orders {
            let row = try #require(rows[order.number])
            #expect(row.delivery.method == order.delivery?.method && row.delivery.date == order.delivery?.date
                    && row.delivery.subStatus == order.delivery?.subStatus && row.delivery.marks == order.handlingMarks,
                    "\(order.number): \(row.delivery)")
        }
        func expected(_ predicate: (Order) -> Bool) -> Set<OrderNumber> { Set(orders.filter(predicate).map(\.number)) }
        for method in Set(orders.compactMap { $0.delivery?.method }) {
            #expect(try search(store, "配送:\(method)") == expected { $0.delivery?.method.contains(method) == true }, "配送:\(method)")
        }
        for mark in Order.handlingMarkWords {
            let marked = expected { $0.handlingMarks.contains { $0.contains(mark) } }
            #expect(!marked.isEmpty, "the sandbox generates \(mark)")
            #expect(try search(store, "特記:\(mark)") == marked, "特記:\(mark)")
        }
        #expect(try search(store, "mark:コンビニ") == expected { $0.handlingMarks.contains("コンビニ受取") })
        let subStatuses = Set(orders.compactMap { $0.delivery?.subStatus })
        #expect(!subStatuses.isEmpty)
        for subStatus in subStatuses {
            #expect(try search(store, "サブ:\(subStatus)") == expected { $0.delivery?.subStatus?.contains(subStatus) == true })
        }
        let wished = expected { $0.delivery?.date != nil }
        #expect(!wished.isEmpty)
        #expect(try search(store, "お届け:指定あり") == wished)
        let day = orders.compactMap { $0.delivery?.date }.sorted()[wished.count / 2]
        #expect(try search(store, "お届け:\(day)") == expected { $0.delivery?.date == day })
        #expect(try search(store, "お届け:..\(day) 特記:ギフト") == expected {
            ($0.delivery?.date).map { $0 <= day } == true && $0.handlingMarks.contains { $0.contains("ギフト") } })
        #expect(GridFilter(search: "お届け:12月5日").problems.first?.contains("12月5日") == true)
        // An operator's % or _ is looked for as itself.
        #expect(try search(store, "配送:%").isEmpty)
        #expect(try search(store, "特記:_").isEmpty)
        directory.remove()
    }

    @Test("when RMS's copy changes what it says of the delivery, the columns follow (a recipient enters the address, a sub-status is set)")
    func deliveryColumnsFollowRMS() throws {
        var generator = OrderGenerator(seed: 9, settings: .init(shopID: "398211"))
        let models = generator.orders(count: 3_000, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var model = try #require(models.first {
            $0.orderProgress == 100 && $0.postagePrice >= 0 && $0.packageModelList.contains { $0.socialGiftModel.map { $0.inputFlag != 1 } == true }
        })
        let store = try OrderStore(path: directory.file("follow.sqlite"))
        try store.importOrders([OrderStore.Incoming(order: Order(rakuten: model, localStatus: .newOrder), rawJSON: Array(try OrderedJSONEncoder().encode(model)))])
        let number = OrderNumber(model.orderNumber)
        #expect(try store.rows([number])[number]?.delivery.marks.contains("入力待ち") == true)
        // An edit saved and pushed meanwhile: its copy of the packages is kept only until RMS's is read.
        let original = try #require(try store.order(number))
        var edit = OrderEdit(of: original)
        edit.fees.shipping = .yen(1_234)
        if !edit.lines.isEmpty, !edit.lines[0].isEmpty { edit.lines[0][0].units += 1 }
        let refused = try store.save(edit, editing: original)
        #expect(refused.isEmpty, "\(refused)")
        let pushed = try store.apply(PushEditAction(), to: [number])
        try store.recordOutcomes(.pushEdit, [.init(intent: try #require(pushed.intents[number]), number: number, outcome: .accepted(nil))])
        let edited = try #require(try store.order(number))
        model.packageModelList[0].postagePrice = 1_234
        model.packageModelList[0].itemModelList[0].units = edited.packages[0].items[0].units
        model.postagePrice = 1_234
        for index in model.packageModelList.indices {
            model.packageModelList[index].socialGiftModel?.inputFlag = 1
            model.packageModelList[index].senderModel.familyName = "高橋"
        }
        model.subStatusId = 3601
        model.subStatusName = "発送準備中"
        try store.recordRMSCopies([OrderStore.RMSCopy(model: model, rawJSON: Array(try OrderedJSONEncoder().encode(model)))], action: .action(.refreshRMSStatus))
        let row = try #require(try store.rows([number])[number])
        #expect(!row.delivery.marks.contains("入力待ち") && row.delivery.subStatus == "発送準備中", "\(row.delivery)")
        #expect(try search(store, "サブ:発送準備") == [number])
        let order = try #require(try store.order(number))
        #expect(order.delivery?.subStatus == "発送準備中" && !order.handlingMarks.contains("入力待ち"))
        #expect(order.packages.allSatisfy { $0.destination.familyName == "高橋" }, "the recipient RMS now gives")
        #expect(order.fees.shipping == .yen(1_234) && order.packages[0].items[0].units == edited.packages[0].items[0].units)
        #expect(order.rmsDifference == nil && order.pendingEdit == nil)
        directory.remove()
    }
}
