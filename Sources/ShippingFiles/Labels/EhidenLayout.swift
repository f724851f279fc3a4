import OrderEngine

/// 佐川急便 e飛伝Ⅲ's 出荷データ取込 layout (「標準_飛脚宅配便_CSV_ヘッダ有」): 74 columns by position,
/// a header row, CP932, CRLF; the shipment key in お客様管理番号 (column 10). Column for column as
/// the exporters checked against Sagawa's own sample agree: column 12 is one field,
/// 部署ご担当者コード取得区分 (an older copy split it in two and put every later column one place
/// right). Addresses take three lines and names two, 16 全角 each; 配達日 is yyyymmdd and
/// 配達指定時間帯 Sagawa's code; 代金引換 is e-コレクト: 代引金額 (the whole amount to collect), 消費税
/// (the tax in it), 決済種別 and its 指定シール from the shop's setting (label-layouts research §3;
/// shipping-mail-slips.md §2.3).
enum EhidenLayout: LabelLayout {
    static let header: [String] = [
        "お届け先コード取得区分", "お届け先コード", "お届け先電話番号", "お届け先郵便番号", "お届け先住所１", "お届け先住所２",
        "お届け先住所３", "お届け先名称１", "お届け先名称２", "お客様管理番号", "お客様コード", "部署ご担当者コード取得区分",
        "部署ご担当者コード", "部署ご担当者名称", "荷送人電話番号", "ご依頼主コード取得区分", "ご依頼主コード", "ご依頼主電話番号",
        "ご依頼主郵便番号", "ご依頼主住所１", "ご依頼主住所２", "ご依頼主名称１", "ご依頼主名称２", "荷姿", "品名１", "品名２",
        "品名３", "品名４", "品名５", "荷札荷姿", "荷札品名１", "荷札品名２", "荷札品名３", "荷札品名４", "荷札品名５", "荷札品名６",
        "荷札品名７", "荷札品名８", "荷札品名９", "荷札品名１０", "荷札品名１１", "出荷個数", "スピード指定", "クール便指定", "配達日",
        "配達指定時間帯", "配達指定時間（時分）", "代引金額", "消費税", "決済種別", "保険金額", "指定シール１", "指定シール２",
        "指定シール３", "営業所受取", "SRC区分", "営業所受取営業所コード", "元着区分", "メールアドレス", "ご不在時連絡先", "出荷日",
        "お問い合せ送り状No.", "出荷場印字区分", "集約解除指定", "編集０１", "編集０２", "編集０３", "編集０４", "編集０５", "編集０６",
        "編集０７", "編集０８", "編集０９", "編集１０",
    ]

    enum Column: Int {
        case phone = 3, zipCode, address1, address2, address3, name1, name2, key
        case senderPhone = 18, senderZipCode, senderAddress1, senderAddress2, senderName1, senderName2
        case itemName1 = 25
        case count = 42, speed, cool, deliveryDate, timeSlot
        case collectAmount = 48, collectTax, payment
        case seal1 = 52
        case charge = 58
    }

    static let limits: [Int: Int] = Dictionary(uniqueKeysWithValues: [
        Column.address1, .address2, .address3, .name1, .name2, .senderAddress1, .senderAddress2, .senderName1, .senderName2,
    ].map { ($0.rawValue - 1, 32) } + (0..<5).map { (Column.itemName1.rawValue - 1 + $0, 32) })

    /// 配達指定時間帯 by RMS's shippingTerm: 01 午前中, 12 12–14, 14 14–16, 16 16–18, 18 18–20,
    /// 19 19–21, 04 18–21 (Sagawa's codes as the e飛伝Ⅱ layout and e飛伝Ⅲ exporters give them).
    static let timeSlots: [Int: String] = [1: "01", 812: "01", 1214: "12", 1416: "14", 1618: "16", 1820: "18", 1921: "19", 1821: "04"]

    static func refusal(of parcel: LabelParcel, settings: LabelSender) -> String? { nil }

    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String]) {
        let parcel = basket.parcel
        var fields = Array(repeating: "", count: header.count)
        var notes: [String] = []
        func set(_ column: Column, _ value: String) { fields[column.rawValue - 1] = value }
        set(.phone, LabelWriter.phone(basket.destination.phoneNumber))
        set(.zipCode, basket.destination.zipCode.filter(\.isNumber))
        let address = LabelBasket.lines(basket.address, bytes: 32, count: 3)
        set(.address1, address[0])
        set(.address2, address[1])
        set(.address3, address[2])
        let name = LabelBasket.lines(LabelWriter.clean(basket.destination.fullName) + " 様", bytes: 32, count: 2)
        set(.name1, name[0])
        set(.name2, name[1])
        set(.key, basket.key)
        set(.senderPhone, LabelWriter.phone(basket.sender.phone))
        set(.senderZipCode, basket.sender.zipCode.filter(\.isNumber))
        let senderAddress = LabelBasket.lines(LabelWriter.clean(basket.sender.address), bytes: 32, count: 2)
        set(.senderAddress1, senderAddress[0])
        set(.senderAddress2, senderAddress[1])
        let senderName = LabelBasket.lines(LabelWriter.clean(basket.sender.name), bytes: 32, count: 2)
        set(.senderName1, senderName[0])
        set(.senderName2, senderName[1])
        for (offset, item) in basket.itemNames.prefix(5).enumerated() { fields[Column.itemName1.rawValue - 1 + offset] = item }
        set(.count, "1")
        set(.speed, "000")
        set(.cool, "001")
        set(.charge, "1")
        // e飛伝Ⅲ has no letterbox service: a parcel asked as one goes as 飛脚宅配便, to the door,
        // so its お届け指定 stays on it.
        if parcel.service == .postbox { notes.append("e飛伝Ⅲにはポスト投函の便がないため、飛脚宅配便（手渡し）で出力します") }
        set(.deliveryDate, LabelBasket.digits(parcel.deliveryDate))
        if let slot = parcel.timeSlot, let code = timeSlots[slot] {
            set(.timeSlot, code)
        } else if let text = parcel.timeSlotText {
            notes.append("お届け時間帯「\(text)」はe飛伝Ⅲの配達指定時間帯にありません。e飛伝Ⅲで指定してください")
        }
        if let collect = basket.cashOnDelivery {
            set(.collectAmount, String(collect.amount))
            set(.collectTax, String(collect.tax))
            set(.payment, basket.sender.ehidenCollectPayment.code)
            set(.seal1, basket.sender.ehidenCollectPayment.seal)
        }
        if basket.parcel.items.count > 5 { notes.append("品名は5つまでです（\(basket.parcel.items.count)品）") }
        return (fields, notes)
    }
}
