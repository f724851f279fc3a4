import Foundation
import OrderEngine
import ShippingFiles
import Testing
import TestSupport

@Suite("送り状データ: B2クラウド's layout, column by column, in CP932")
struct LabelFileTests {
    static let sender = LabelSender(name: "米の店 山田", phone: "03-1234-5678", zipCode: "1000001", address: "東京都千代田区千代田1-1",
                                    yamatoCustomerCode: "0312345678", yamatoFreightNumber: "01")
    static let today = CalendarDate(year: 2026, month: 12, day: 4)!
    let writer = LabelWriter(format: .yamatoB2, sender: sender, today: today)

    /// Decodes a written file as CP932 and splits it into records.
    static func records(_ bytes: [UInt8]) throws -> [[String]] {
        let text = try #require(String(data: Data(bytes), encoding: .shiftJIS))
        #expect(text.hasSuffix("\r\n"))
        #expect(!text.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "every line ends CRLF")
        return text.components(separatedBy: "\r\n").dropLast().map { $0.components(separatedBy: ",") }
    }

    @Test("the header row and each basket's row have B2's 95 columns, each in its place (収納代行問合せ先名(漢字) at 66)")
    func layout() throws {
        var cod = OrderFixtures.confirmed(1)
        cod.payment = Payment(methodCode: 2, methodName: "代金引換")
        cod.fees.cashOnDelivery = .yen(330)
        cod.delivery = DeliveryDetails(method: "宅配便", date: CalendarDate(year: 2026, month: 12, day: 6), timeSlot: 1416)
        cod.packages[0].handling = PackageHandling(dropOffLocation: "宅配ボックス")
        var card = OrderFixtures.confirmed(2)
        card.delivery = DeliveryDetails(method: "メール便", timeSlot: 1)
        card.packages[0].items.append(card.packages[0].items[0])
        card.packages[0].items.append(card.packages[0].items[0])
        let file = writer.file(for: [cod, card]) { $0.map { "J261204\(String(format: "%06d", $0[0].basketID))" } }
        #expect(file.skips.isEmpty)
        #expect(file.warnings.map(\.text) == ["ポスト投函のため、お届け指定（午前中）は送り状に入れていません"])
        let records = try Self.records(file.bytes())
        #expect(records.count == 3)
        #expect(records.allSatisfy { $0.count == 95 })
        #expect(records[0][0] == "お客様管理番号" && records[0][3] == "伝票番号" && records[0][32] == "記事" && records[0][33] == "ｺﾚｸﾄ代金引換額（税込)")
        #expect(records[0][34] == "内消費税額等" && records[0][64] == "収納代行請求先名(カナ)" && records[0][65] == "収納代行問合せ先名(漢字)")
        #expect(records[0][73] == "複数口くくりキー" && records[0][83] == "検索キー5" && records[0][94] == "投函完了メール（ご依頼主宛）メールメッセージ")
        let row = records[1]
        #expect(row[0] == "J261204010001" && row[0].count <= 15 && row[0].allSatisfy(\.isASCII))
        #expect(row[1] == "2", "代金引換 is コレクト")
        #expect(row[33] == String(cod.requestPrice.yen!), "the amount RMS says to collect")
        // 3,980円 at 8 % holds 294円, 800 + 330円 at 10 % hold 102円: worked out once per rate.
        #expect(row[34] == "396", "the tax in the amount collected")
        #expect(row[2] == "0" && row[3].isEmpty)
        #expect(row[4] == "2026/12/04" && row[5] == "2026/12/06" && row[6] == "1416")
        #expect(row[8] == OrderFixtures.orderer.phoneNumber && row[10].count == 8 && row[10].contains("-"))
        #expect(row[11] == "\(OrderFixtures.orderer.prefecture)\(OrderFixtures.orderer.city)\(OrderFixtures.orderer.subAddress)")
        #expect(row[15] == OrderFixtures.orderer.fullName && row[17] == "様")
        #expect(row[19] == "03-1234-5678" && row[21] == "100-0001" && row[22] == "東京都千代田区千代田1-1" && row[24] == "米の店 山田")
        #expect(row[27] == "北海道産 ゆめぴりか 5kg" && row[29].isEmpty)
        #expect(row[32] == "置き配:宅配ボックス")
        #expect(row[37] == "1" && row[39] == "0312345678" && row[41] == "01")
        let mail = records[2]
        #expect(mail[1] == "7" && mail[5].isEmpty && mail[6].isEmpty && mail[33].isEmpty && mail[34].isEmpty, "a letterbox parcel: no wish, nothing to collect")
        #expect(mail[29] == "他2点")
    }

    @Test("refused per order with the reason: not 楽天処理済, 送料未設定, recipient 入力待ち, コンビニ受取, a character Shift_JIS lacks (named)")
    func skips() throws {
        let unconfirmed = OrderFixtures.order(1)
        let unsetFee = OrderFixtures.order(2, progress: .awaitingShipment, sync: .rakutenDone, shipping: .unset)
        var gift = OrderFixtures.confirmed(3)
        gift.packages[0].handling = PackageHandling(recipientInputDue: "2026-12-10")
        var store = OrderFixtures.confirmed(4)
        store.packages[0].handling = PackageHandling(convenienceStore: .init(name: "ファミリーマート", zipCode: "100-0001", address: "東京都"))
        var odd = OrderFixtures.confirmed(5)
        odd.packages[0].destination.familyName = "𠮷田"
        let file = writer.file(for: [unconfirmed, unsetFee, gift, store, odd]) { $0.map { _ in "J261204000001" } }
        #expect(file.rows.isEmpty)
        let reasons = file.skips.map(\.reason)
        #expect(reasons[0].contains("楽天処理済ではありません"))
        #expect(reasons[1] == "送料が未設定の注文です")
        #expect(reasons[2].contains("入力待ち"))
        #expect(reasons[3].contains("コンビニ受取"))
        #expect(reasons[4].contains("お届け先名") && reasons[4].contains("「𠮷」"), "\(reasons[4])")
        #expect(file.skips.map(\.order) == [unconfirmed, unsetFee, gift, store, odd].map(\.number))
    }

    @Test("a field over B2's length is warned with what will be printed; an address too long goes on to the building's line")
    func lengths() throws {
        var long = OrderFixtures.confirmed(1)
        long.packages[0].items[0].name = String(repeating: "あ", count: 30)
        long.packages[0].destination.subAddress = String(repeating: "一", count: 40)
        let file = writer.file(for: [long]) { $0.map { _ in "J261204000001" } }
        #expect(file.warnings.map(\.field) == ["品名１"])
        #expect(file.warnings[0].text.contains(String(repeating: "あ", count: 25)))
        let row = try Self.records(file.bytes())[1]
        #expect(row[27] == String(repeating: "あ", count: 25))
        #expect(FileText.cp932Length(row[11]) <= 64 && !row[12].isEmpty)
        #expect(row[11] + row[12] == "\(OrderFixtures.orderer.prefecture)\(OrderFixtures.orderer.city)" + String(repeating: "一", count: 40))
    }

    @Test("e飛伝Ⅲ: 74 columns as Sagawa's sample (部署ご担当者コード取得区分 one column), the key in お客様管理番号 (10), addresses on three lines of 16 全角, 配達日 and Sagawa's 時間帯 code")
    func ehiden() throws {
        var order = OrderFixtures.confirmed(1)
        order.delivery = DeliveryDetails(method: "宅配便", date: CalendarDate(year: 2026, month: 12, day: 6), timeSlot: 1416)
        order.packages[0].destination.subAddress = "梅田1-1-1 グランドタワー梅田北館レジデンス 3201号室"
        let file = LabelWriter(format: .sagawaEhiden3, sender: Self.sender, today: Self.today).file(for: [order]) { $0.map { _ in "J261204000007" } }
        let records = try Self.records(file.bytes())
        #expect(records.count == 2 && records.allSatisfy { $0.count == 74 })
        #expect(records[0][9] == "お客様管理番号" && records[0][11] == "部署ご担当者コード取得区分" && records[0][12] == "部署ご担当者コード")
        #expect(records[0][47] == "代引金額" && records[0][57] == "元着区分" && records[0][61] == "お問い合せ送り状No." && records[0][73] == "編集１０")
        let row = records[1]
        #expect(row[9] == "J261204000007")
        #expect(row[2] == OrderFixtures.orderer.phoneNumber && row[3] == OrderFixtures.orderer.zipCode.filter(\.isNumber))
        #expect([row[4], row[5], row[6]].allSatisfy { FileText.cp932Length($0) <= 32 })
        #expect(row[4] + row[5] + row[6] == "\(OrderFixtures.orderer.prefecture)\(OrderFixtures.orderer.city)" + "梅田1-1-1 グランドタワー梅田北館レジデンス 3201号室")
        #expect(row[7] == OrderFixtures.orderer.fullName + " 様" && row[24] == "北海道産 ゆめぴりか 5kg" && row[41] == "1")
        #expect(row[17] == "03-1234-5678" && row[18] == "1000001", "ご依頼主 at 18 and 19")
        #expect(row[42] == "000" && row[43] == "001" && row[57] == "1", "飛脚宅配便, no クール, 元払")
        #expect(row[44] == "20261206" && row[45] == "14", "配達日 yyyymmdd and 14〜16時 as Sagawa's 14")
        #expect(row[47].isEmpty && row[48].isEmpty && row[49].isEmpty, "nothing to collect")
        #expect(file.warnings.isEmpty)
    }

    @Test("クリックポスト: its 8-column header, at most 40 rows a file (several files), no 代金引換")
    func clickpost() throws {
        var orders = (1...85).map { OrderFixtures.confirmed($0) }
        orders[3].payment = Payment(methodCode: 2, methodName: "代金引換")
        let file = LabelWriter(format: .clickpost, sender: Self.sender, today: Self.today).file(for: orders) { $0.map { _ in "" } }
        #expect(file.rows.count == 84 && file.skips.map(\.reason) == ["代金引換の注文はクリックポストでは送れません（代金を受け取れません）"])
        let files = file.files()
        #expect(files.count == 3)
        #expect(file.paths(for: "/tmp/click.csv") == ["/tmp/click-1.csv", "/tmp/click-2.csv", "/tmp/click-3.csv"])
        let parts = try files.map(Self.records)
        #expect(parts.map(\.count) == [41, 41, 5])
        #expect(parts.allSatisfy { $0[0] == ["お届け先郵便番号", "お届け先氏名", "お届け先敬称", "お届け先住所1行目", "お届け先住所2行目", "お届け先住所3行目", "お届け先住所4行目", "内容品"] })
        let row = parts[0][1]
        #expect(row[0] == OrderFixtures.orderer.zipCode && row[1] == OrderFixtures.orderer.fullName && row[2] == "様")
        #expect(row[3] == OrderFixtures.orderer.prefecture + OrderFixtures.orderer.city && row[4] == OrderFixtures.orderer.subAddress)
    }

    @Test("ゆうプリR: 118 columns by position and no header; the key in お客様側管理番号 (1) and フリー項目０１ (76); 代金引換 only with its 送り状種別 set; the time slot told to set by hand")
    func yupri() throws {
        var card = OrderFixtures.confirmed(1)
        card.delivery = DeliveryDetails(method: "宅配便", date: CalendarDate(year: 2026, month: 12, day: 6), timeSlot: 1416)
        card.packages[0].handling = PackageHandling(dropOffLocation: "玄関前")
        card.packages[0].items.append(card.packages[0].items[0])
        var cod = OrderFixtures.confirmed(2)
        cod.payment = Payment(methodCode: 2, methodName: "代金引換")
        cod.delivery = DeliveryDetails(method: "宅配便", timeSlot: 2)
        let key = { (parcels: [[ShipmentTarget]]) in parcels.map { "J2612040000\($0[0].order == card.number ? "01" : "02")" } }
        let unset = LabelWriter(format: .japanpostYupri, sender: Self.sender, today: Self.today).file(for: [card, cod], keys: key)
        #expect(unset.skips.map(\.order) == [cod.number])
        #expect(unset.skips.first?.reason.contains("yupri_cod_slip_type") == true)

        var sender = Self.sender
        sender.yupriCollectSlipType = "1100790"
        let file = LabelWriter(format: .japanpostYupri, sender: sender, today: Self.today).file(for: [card, cod], keys: key)
        #expect(file.skips.isEmpty)
        let records = try Self.records(file.bytes())
        #expect(records.count == 2, "no header row")
        #expect(records.allSatisfy { $0.count == 118 })
        let row = records[0]
        #expect(row[0] == "J261204000001" && row[75] == "J261204000001", "the key in お客様側管理番号 and フリー項目０１")
        #expect(row[1] == "20261204" && row[5] == "0" && row[6] == "0" && row[7] == "0" && row[10] == "1100780")
        #expect(row[12] == OrderFixtures.orderer.zipCode.filter(\.isNumber))
        #expect(row[13] + row[14] + row[15] == "\(OrderFixtures.orderer.prefecture)\(OrderFixtures.orderer.city)\(OrderFixtures.orderer.subAddress)")
        #expect(row[16] == OrderFixtures.orderer.fullName && row[18] == "0" && row[19] == OrderFixtures.orderer.phoneNumber)
        #expect(row[29] == "1000001" && row[30] == "東京都千代田区千代田1-1" && row[33] == "米の店 山田" && row[36] == "03-1234-5678")
        #expect(row[53] == card.number.rawValue, "受注番号 (54)")
        #expect(row[64] == "20261206" && row[65].isEmpty, "配達指定日; the 時間帯 code is not guessed")
        #expect(file.warnings.contains { $0.order == card.number && $0.text == "配達時間帯（14〜16時）はゆうプリRで指定してください" })
        #expect(row[73] == "置き配:玄関前" && row[99].isEmpty && row[103] == "北海道産 ゆめぴりか 5kg 他1点")
        let collect = records[1]
        #expect(collect[7] == "2" && collect[10] == "1100790" && collect[99] == String(cod.requestPrice.yen!))
        // 3,980円 at 8 % holds 294円, 800円 at 10 % 72円.
        #expect(collect[100] == "366", "代引消費税金額 (101)")
        #expect(collect[65].isEmpty && file.warnings.contains { $0.order == cod.number && $0.text.contains("午後") })
    }
}
