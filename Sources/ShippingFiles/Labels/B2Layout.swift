import OrderEngine

/// ヤマト運輸 B2クラウド's 入出力 layout (「外部データから発行」 in, 「発行済データ」 out): 95 columns,
/// read by position, a header row first, Shift_JIS (CP932), CRLF. The issued data comes back in
/// the same layout with 伝票番号 (column 4) filled. Column for column as Yamato's template
/// (newb2web_template1.xls 「外部データ取り込み基本レイアウト」, its cell notes copied by the exporters
/// peers use): 収納代行問合せ先名(漢字) is column 66, which one older copy left out
/// (label-layouts research §1; shipping-mail-slips.md §2.1–2.2).
enum B2Layout: LabelLayout {
    static let header: [String] = [
        "お客様管理番号", "送り状種類", "クール区分", "伝票番号", "出荷予定日", "お届け予定日", "配達時間帯", "お届け先コード",
        "お届け先電話番号", "お届け先電話番号枝番", "お届け先郵便番号", "お届け先住所", "お届け先アパートマンション名",
        "お届け先会社・部門１", "お届け先会社・部門２", "お届け先名", "お届け先名(ｶﾅ)", "敬称", "ご依頼主コード",
        "ご依頼主電話番号", "ご依頼主電話番号枝番", "ご依頼主郵便番号", "ご依頼主住所", "ご依頼主アパートマンション",
        "ご依頼主名", "ご依頼主名(ｶﾅ)", "品名コード１", "品名１", "品名コード２", "品名２", "荷扱い１", "荷扱い２", "記事",
        "ｺﾚｸﾄ代金引換額（税込)", "内消費税額等", "止置き", "営業所コード", "発行枚数", "個数口表示フラグ", "請求先顧客コード",
        "請求先分類コード", "運賃管理番号", "クロネコwebコレクトデータ登録", "クロネコwebコレクト加盟店番号",
        "クロネコwebコレクト申込受付番号１", "クロネコwebコレクト申込受付番号２", "クロネコwebコレクト申込受付番号３",
        "お届け予定ｅメール利用区分", "お届け予定ｅメールe-mailアドレス", "入力機種", "お届け予定ｅメールメッセージ",
        "お届け完了ｅメール利用区分", "お届け完了ｅメールe-mailアドレス", "お届け完了ｅメールメッセージ", "クロネコ収納代行利用区分",
        "予備", "収納代行請求金額(税込)", "収納代行内消費税額等", "収納代行請求先郵便番号", "収納代行請求先住所",
        "収納代行請求先住所（アパートマンション名）", "収納代行請求先会社・部門名１", "収納代行請求先会社・部門名２",
        "収納代行請求先名(漢字)", "収納代行請求先名(カナ)", "収納代行問合せ先名(漢字)", "収納代行問合せ先郵便番号", "収納代行問合せ先住所",
        "収納代行問合せ先住所（アパートマンション名）", "収納代行問合せ先電話番号", "収納代行管理番号", "収納代行品名",
        "収納代行備考", "複数口くくりキー", "検索キータイトル1", "検索キー1", "検索キータイトル2", "検索キー2",
        "検索キータイトル3", "検索キー3", "検索キータイトル4", "検索キー4", "検索キータイトル5", "検索キー5", "予備", "予備",
        "投函予定メール利用区分", "投函予定メールe-mailアドレス", "投函予定メールメッセージ", "投函完了メール（お届け先宛）利用区分",
        "投函完了メール（お届け先宛）e-mailアドレス", "投函完了メール（お届け先宛）メールメッセージ", "投函完了メール（ご依頼主宛）利用区分",
        "投函完了メール（ご依頼主宛）e-mailアドレス", "投函完了メール（ご依頼主宛）メールメッセージ",
    ]

    /// Columns by position (1-based, as the layout numbers them).
    enum Column: Int {
        case key = 1, slipType, cool, slipNumber, shipDate, deliveryDate, timeSlot
        case phone = 9, zipCode = 11, address, building
        case name = 16, honorific = 18
        case senderPhone = 20, senderZipCode = 22, senderAddress, senderBuilding, senderName
        case itemName1 = 28, itemName2 = 30, note = 33, collectAmount, collectTax, issueCount = 38
        case customerCode = 40, freightNumber = 42
    }

    /// Field lengths B2 prints, in CP932 bytes (全角 two each).
    static let limits: [Int: Int] = [
        Column.address.rawValue - 1: 64, Column.building.rawValue - 1: 32, Column.name.rawValue - 1: 32,
        Column.itemName1.rawValue - 1: 50, Column.itemName2.rawValue - 1: 50, Column.note.rawValue - 1: 44,
        Column.senderAddress.rawValue - 1: 64, Column.senderName.rawValue - 1: 32,
    ]

    /// 配達時間帯 as B2 takes it now: 午前中, 14–16, 16–18, 18–20, 19–21 (12–14 and 20–21 are gone).
    static let timeSlots: Set<String> = ["0812", "1416", "1618", "1820", "1921"]

    /// ｺﾚｸﾄ代金引換額 B2 takes: 1–300,000円, and 1–30,000円 for 宅急便コンパクトコレクト (Yamato's template notes).
    static let collectLimit = 300_000
    static let compactCollectLimit = 30_000

    static func refusal(of parcel: LabelParcel, settings: LabelSender) -> String? {
        guard let collect = parcel.cashOnDelivery else { return nil }
        let limit = parcel.service == .compact ? compactCollectLimit : collectLimit
        guard collect.amount > limit else { return nil }
        return "代金引換の金額 \(Money.groupedYen(collect.amount)) がB2クラウドのコレクトの上限（\(Money.groupedYen(limit))）を超えています"
    }

    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String]) {
        let parcel = basket.parcel
        var fields = Array(repeating: "", count: header.count)
        var notes: [String] = []
        func set(_ column: Column, _ value: String) { fields[column.rawValue - 1] = value }
        set(.key, basket.key)
        set(.slipType, slipType(parcel, settings: basket.sender))
        set(.cool, "0")
        set(.shipDate, date(basket.shipDate))
        if let note = basket.postboxWishNote {
            notes.append(note)
        } else {
            set(.deliveryDate, date(parcel.deliveryDate))
            let slot = timeSlot(parcel.timeSlot)
            if let slot, timeSlots.contains(slot) {
                set(.timeSlot, slot)
            } else if let text = parcel.timeSlotText {
                notes.append("お届け時間帯「\(text)」はB2クラウドの配達時間帯にありません。B2クラウドで指定してください")
            }
        }
        set(.phone, LabelWriter.phone(basket.destination.phoneNumber))
        set(.zipCode, LabelWriter.zipCode(basket.destination.zipCode))
        // The address goes on its line; what B2 cannot print there goes on the building's.
        let address = LabelBasket.lines(basket.address, bytes: limits[Column.address.rawValue - 1]!, count: 2)
        set(.address, address[0])
        set(.building, address[1])
        set(.name, LabelWriter.clean(basket.destination.fullName))
        set(.honorific, "様")
        set(.senderPhone, LabelWriter.phone(basket.sender.phone))
        set(.senderZipCode, LabelWriter.zipCode(basket.sender.zipCode))
        set(.senderAddress, LabelWriter.clean(basket.sender.address))
        set(.senderName, LabelWriter.clean(basket.sender.name))
        let items = basket.itemNames
        set(.itemName1, items.first ?? "")
        if items.count == 2 { set(.itemName2, items[1]) } else if items.count > 2 { set(.itemName2, "他\(items.count - 1)点") }
        if let note = basket.dropOffNote { set(.note, note) }
        if let collect = basket.cashOnDelivery {
            set(.collectAmount, String(collect.amount))
            set(.collectTax, String(collect.tax))
        }
        set(.issueCount, "1")
        set(.customerCode, basket.sender.yamatoCustomerCode)
        set(.freightNumber, basket.sender.yamatoFreightNumber)
        return (fields, notes)
    }

    /// 送り状種類: 0 発払, 2 コレクト (代金引換), 8 宅急便コンパクト, 9 宅急便コンパクトコレクト, and the
    /// shop's code for a letterbox parcel (7 or A), which never collects: a 代金引換 order asking
    /// for one was refused before it came here.
    static func slipType(_ parcel: LabelParcel, settings: LabelSender) -> String {
        let collects = parcel.cashOnDelivery != nil
        switch parcel.service {
        case .postbox: return settings.b2PostboxSlipType.rawValue
        case .compact: return collects ? "9" : "8"
        case .standard: return collects ? "2" : "0"
        }
    }

    /// 配達時間帯 from RMS's shippingTerm: 812 → 0812; 1 午前中 → 0812; nil when it has no hhHH form.
    static func timeSlot(_ slot: Int?) -> String? {
        guard let slot, slot != 0 else { return nil }
        if slot == 1 { return "0812" }
        guard slot >= 100 else { return nil }
        return slot < 1000 ? "0\(slot)" : "\(slot)"
    }

    static func date(_ date: CalendarDate?) -> String {
        date.map { $0.description.replacingOccurrences(of: "-", with: "/") } ?? ""
    }
}
