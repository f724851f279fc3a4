import Foundation
import OrderEngine
import ShippingFiles
import Testing
import TestSupport

/// Parcels as they leave the shop: cash on delivery collected on every carrier's slip (and never
/// lost to a letterbox service), a bundle (同梱) as one parcel, hostile text kept as data.
@Suite("代金引換・同梱の送り状: the amount to collect, column by column, on every carrier's file")
struct CashOnDeliveryLabelTests {
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!

    /// A 代金引換 order at RMS 300 with RMS's own amounts: 3,980円 of goods at 8 %, 800円 postage
    /// and 330円 COD fee at 10 %; RMS's 請求金額 5,110円, of which 294 + 102 = 396円 tax.
    static func cod(_ serial: Int, method: String = "宅配便", orderer: Contact = OrderFixtures.orderer) -> Order {
        var order = OrderFixtures.confirmed(serial, orderer: orderer)
        order.payment = Payment(methodCode: 2, methodName: "代金引換")
        order.fees.cashOnDelivery = .yen(330)
        order.packages[0].cashOnDeliveryFee = .yen(330)
        order.delivery = DeliveryDetails(method: method)
        order.rmsAmounts = RMSAmounts(
            goods: .yen(3980), postage: .yen(800), cashOnDelivery: .yen(330), paymentCharge: .zero, total: .yen(4780), request: .yen(5110),
            coupons: 0, points: 0, additionalFee: .zero,
            taxSummary: [
                .init(rate: 0.1, request: .yen(1130), requestTax: .yen(102), total: .yen(800), paymentCharge: .zero, coupons: .zero, points: .zero),
                .init(rate: 0.08, request: .yen(3980), requestTax: .yen(294), total: .yen(3980), paymentCharge: .zero, coupons: .zero, points: .zero),
            ])
        return order
    }

    static func writer(_ format: LabelFormat, _ change: (inout LabelSender) -> Void = { _ in }) -> LabelWriter {
        var sender = LabelFileTests.sender
        sender.yupriCollectSlipType = "1100790"
        change(&sender)
        return LabelWriter(format: format, sender: sender, today: today)
    }

    static func rows(_ file: LabelFile) throws -> [[String]] {
        let records = try LabelFileTests.records(file.bytes())
        return file.format == .japanpostYupri ? records : Array(records.dropFirst())
    }

    @Test("B2: コレクト (2) with RMS's 請求金額 and the tax in it; コンパクトコレクト (9); over B2's limits refused (300,000円, 30,000円 for compact)")
    func b2() throws {
        let plain = Self.cod(1)
        let compact = Self.cod(2, method: "宅急便コンパクト")
        var large = Self.cod(3)
        large.rmsAmounts?.request = .yen(300_001)
        var compactLarge = Self.cod(4, method: "宅急便コンパクト")
        compactLarge.rmsAmounts?.request = .yen(30_001)
        let file = Self.writer(.yamatoB2).file(for: [plain, compact, large, compactLarge]) { $0.map { _ in "J261204000001" } }
        let rows = try Self.rows(file)
        #expect(rows.count == 2)
        #expect(rows[0][1] == "2" && rows[0][33] == "5110" && rows[0][34] == "396")
        #expect(rows[1][1] == "9" && rows[1][33] == "5110" && rows[1][34] == "396")
        #expect(file.skips.map(\.order) == [large.number, compactLarge.number])
        #expect(file.skips[0].reason.contains("300,000円") && file.skips[1].reason.contains("30,000円"))
    }

    @Test("a 代金引換 order asking for a letterbox service — by 配送方法 or by the メール便 check — is refused on every carrier with what to change; never a slip that collects nothing")
    func letterbox() throws {
        let byMethod = Self.cod(1, method: "メール便")
        var byFlag = Self.cod(2)
        byFlag.flags = [OrderFlag.mailDelivery]
        let nekopos = Self.cod(3, method: "ネコポス")
        for format in LabelFormat.allCases {
            let file = Self.writer(format).file(for: [byMethod, byFlag, nekopos]) { $0.map { _ in "J261204000001" } }
            #expect(file.rows.isEmpty, "\(format)")
            #expect(file.skips.count == 3)
            #expect(file.skips[0].reason.contains("配送方法「メール便」") && file.skips[0].reason.contains("代金を受け取れません"), "\(file.skips[0].reason)")
            #expect(file.skips[0].reason.contains("配送方法はRMSで直して"), "where 配送方法 is changed")
            #expect(file.skips[1].reason.contains("チェック項目「メール便」") && file.skips[1].reason.contains("はずして"))
            #expect(file.skips[2].reason.contains("配送方法「ネコポス」"))
        }
        // A card order with the メール便 check is a letterbox parcel, with no time slot on it.
        var card = OrderFixtures.confirmed(4)
        card.flags = [OrderFlag.mailDelivery]
        card.delivery = DeliveryDetails(method: "宅配便", timeSlot: 1618)
        let file = Self.writer(.yamatoB2) { $0.b2PostboxSlipType = .a }.file(for: [card]) { $0.map { _ in "J261204000004" } }
        let row = try Self.rows(file)[0]
        #expect(row[1] == "A" && row[6].isEmpty && row[33].isEmpty)
        #expect(file.warnings.map(\.text) == ["ポスト投函のため、お届け指定（16〜18時）は送り状に入れていません"])
    }

    @Test("a letterbox parcel where the carrier has none or no form is set: e飛伝Ⅲ sends it as 飛脚宅配便 with its お届け指定, said; ゆうプリR refuses it until yupri_postbox_slip_type is set, then writes 郵便種別 9 under it")
    func letterboxElsewhere() throws {
        var card = OrderFixtures.confirmed(4)
        card.delivery = DeliveryDetails(method: "メール便", date: CalendarDate(year: 2026, month: 12, day: 8), timeSlot: 1416)
        let ehiden = Self.writer(.sagawaEhiden3).file(for: [card]) { $0.map { _ in "J261204000004" } }
        let row = try Self.rows(ehiden)[0]
        #expect(row[44] == "20261208" && row[45] == "14", "its お届け日 and 時間帯 stay")
        #expect(ehiden.warnings.map(\.text) == ["e飛伝Ⅲにはポスト投函の便がないため、飛脚宅配便（手渡し）で出力します"])

        let unset = Self.writer(.japanpostYupri).file(for: [card]) { $0.map { _ in "J261204000004" } }
        #expect(unset.rows.isEmpty && unset.skips.first?.reason.contains("yupri_postbox_slip_type") == true)
        let set = Self.writer(.japanpostYupri) { $0.yupriPostboxSlipType = "1100800" }.file(for: [card]) { $0.map { _ in "J261204000004" } }
        let yupri = try Self.rows(set)[0]
        #expect(yupri[5] == "9" && yupri[10] == "1100800")
    }

    @Test("a 代金引換 order whose 請求金額 is below zero is refused, never written as a label that collects nothing")
    func negativeAmount() {
        var cod = Self.cod(1)
        cod.rmsAmounts?.request = .yen(-100)
        let file = Self.writer(.yamatoB2).file(for: [cod]) { $0.map { _ in "J261204000001" } }
        #expect(file.rows.isEmpty && file.skips.first?.reason.contains("マイナス") == true)
    }

    @Test("e飛伝Ⅲ: 代引金額 (48), 消費税 (49), 決済種別 (50) and its 指定シール (52) from the shop's setting, 元払 (58)")
    func ehiden() throws {
        let cod = Self.cod(1)
        let cash = try Self.rows(Self.writer(.sagawaEhiden3).file(for: [cod]) { $0.map { _ in "J261204000001" } })[0]
        #expect(cash[47] == "5110" && cash[48] == "396" && cash[49] == "2" && cash[51] == "008" && cash[57] == "1")
        let all = try Self.rows(Self.writer(.sagawaEhiden3) { $0.ehidenCollectPayment = .all }.file(for: [cod]) { $0.map { _ in "J261204000001" } })[0]
        #expect(all[49] == "1" && all[51] == "010")
    }

    @Test("ゆうプリR: 代引 (8) with 代引金額 (100) and 代引消費税金額 (101) under the shop's 代引 送り状種別; クリックポスト refuses 代金引換")
    func japanPost() throws {
        let cod = Self.cod(1)
        let row = try Self.rows(Self.writer(.japanpostYupri).file(for: [cod]) { $0.map { _ in "J261204000001" } })[0]
        #expect(row[7] == "2" && row[10] == "1100790" && row[99] == "5110" && row[100] == "396")
        let click = Self.writer(.clickpost).file(for: [cod]) { $0.map { _ in "" } }
        #expect(click.rows.isEmpty && click.skips.first?.reason.contains("代金を受け取れません") == true)
    }

    @Test("what cannot be known is refused, never guessed: amounts changed here and not in RMS, 送付先 several, an unset 請求金額; points that paid it all collect nothing")
    func unknowns() throws {
        var edited = Self.cod(1)
        edited.fees.shipping = .yen(500)
        var twoBaskets = Self.cod(2)
        twoBaskets.packages.append(Package(basketID: 99_002, destination: OrderFixtures.otherPerson, items: twoBaskets.packages[0].items, postage: .zero, cashOnDeliveryFee: .zero))
        var paid = Self.cod(3)
        paid.rmsAmounts?.request = .yen(0)
        paid.pointsUsed = 5110
        let file = Self.writer(.yamatoB2).file(for: [edited, twoBaskets, paid]) { $0.map { _ in "J261204000003" } }
        #expect(file.skips.map(\.order) == [edited.number, twoBaskets.number])
        #expect(file.skips[0].reason.contains("RMSに未反映"))
        #expect(file.skips[1].reason.contains("送付先が2件"))
        let row = try Self.rows(file)[0]
        #expect(row[1] == "0" && row[33].isEmpty, "nothing left to collect")
    }

    @Test("a bundle is one parcel: one row, one key for its baskets, the shared address once, every member's items, cash collected only for its 代金引換 member")
    func bundle() throws {
        let bundle = BundleID("B-20261122-0000000001")
        var cod = Self.cod(1)
        cod.bundleID = bundle
        var card = OrderFixtures.confirmed(2)
        card.bundleID = bundle
        card.packages[0].items[0].name = "新潟産 コシヒカリ 2kg"
        card.flags = [OrderFlag.mailDelivery]
        var asked: [[ShipmentTarget]] = []
        for format in LabelFormat.allCases where format != .clickpost {
            asked = []
            let file = Self.writer(format).file(for: [card, cod]) { parcels in
                asked = parcels
                return parcels.map { _ in "J261204000009" }
            }
            #expect(file.skips.isEmpty, "\(format) \(file.skips)")
            #expect(file.rows.count == 1 && file.rows[0].targets.map(\.order) == [cod.number, card.number], "\(format)")
            #expect(asked == [[ShipmentTarget(order: cod.number, basketID: cod.packages[0].basketID), ShipmentTarget(order: card.number, basketID: card.packages[0].basketID)]])
            #expect(file.warnings.contains { $0.text.contains("同梱のため宅配便で出力します") }, "the member that asked for a letterbox is said")
            let row = try Self.rows(file)[0]
            switch format {
            case .yamatoB2:
                #expect(row[0] == "J261204000009" && row[1] == "2" && row[33] == "5110" && row[34] == "396")
                #expect(row[27] == "北海道産 ゆめぴりか 5kg" && row[29] == "新潟産 コシヒカリ 2kg")
            case .sagawaEhiden3:
                #expect(row[47] == "5110" && row[24] == "北海道産 ゆめぴりか 5kg" && row[25] == "新潟産 コシヒカリ 2kg")
            case .japanpostYupri:
                #expect(row[7] == "2" && row[99] == "5110" && row[103] == "北海道産 ゆめぴりか 5kg 他1点" && row[53] == cod.number.rawValue)
            case .clickpost:
                break
            }
        }
        // Two 代金引換 members: both collected on the one parcel.
        var second = Self.cod(3)
        second.bundleID = bundle
        let both = try Self.rows(Self.writer(.yamatoB2).file(for: [cod, second]) { $0.map { _ in "J261204000010" } })
        #expect(both.count == 1 && both[0][33] == "10220" && both[0][34] == "792")
    }

    @Test("a bundle refused whole with each member named: a member not yet 楽天処理済, delivery wishes that differ, only letterbox members and cash to collect")
    func bundleRefusals() throws {
        let bundle = BundleID("B-1")
        var a = Self.cod(1)
        a.bundleID = bundle
        var b = OrderFixtures.order(2, progress: .awaitingConfirmation, sync: .notSent)
        b.bundleID = bundle
        var file = Self.writer(.yamatoB2).file(for: [a, b]) { $0.map { _ in "J1" } }
        #expect(file.rows.isEmpty && file.skips.count == 2 && file.skips.allSatisfy { $0.reason.contains("同梱の注文 \(b.number)") })

        b = OrderFixtures.confirmed(2)
        b.bundleID = bundle
        b.delivery = DeliveryDetails(method: "宅配便", date: CalendarDate(year: 2026, month: 12, day: 8))
        a.delivery = DeliveryDetails(method: "宅配便", date: CalendarDate(year: 2026, month: 12, day: 9))
        file = Self.writer(.yamatoB2).file(for: [a, b]) { $0.map { _ in "J1" } }
        #expect(file.rows.isEmpty && file.skips.allSatisfy { $0.reason.contains("お届け日時の指定が違います") })

        a.delivery = DeliveryDetails(method: "メール便")
        b.delivery = DeliveryDetails(method: "ネコポス")
        file = Self.writer(.yamatoB2).file(for: [a, b]) { $0.map { _ in "J1" } }
        #expect(file.rows.isEmpty && file.skips.allSatisfy { $0.reason.contains("代金を受け取れません") })
    }

    @Test("a buyer's text is data: a name that a spreadsheet would run gets OWASP's ', CR LF and direction marks never reach a field, a character Shift_JIS lacks refuses the order")
    func hostileText() throws {
        var formula = OrderFixtures.confirmed(1)
        formula.packages[0].destination.familyName = "=HYPERLINK(\"http://x\",\"y\")"
        formula.packages[0].destination.firstName = ""
        var broken = OrderFixtures.confirmed(2)
        broken.packages[0].destination.familyName = "中村\r\n一郎,\u{202E}様"
        broken.packages[0].destination.firstName = ""
        broken.packages[0].items[0].name = "@SUM(1+1)"
        let file = Self.writer(.yamatoB2).file(for: [formula, broken]) { $0.map { _ in "J261204000001" } }
        #expect(file.skips.isEmpty)
        let text = try #require(String(data: Data(file.bytes()), encoding: .shiftJIS))
        let lines = text.components(separatedBy: "\r\n").dropLast()
        #expect(lines.count == 3, "one line per row: no CR or LF inside a field")
        let records = try CSV.records(String(lines.joined(separator: "\r\n")))
        #expect(records[1].fields[15] == "'=HYPERLINK( http://x   y )", "\(records[1].fields[15])")
        #expect(records[2].fields[15] == "中村  一郎 様" && records[2].fields[27] == "'@SUM(1+1)")
        #expect(records.allSatisfy { $0.fields.count == 95 })
    }
}
