import OrderEngine

/// 佐川急便 e飛伝Ⅲ's 出荷データ取込 layout: 75 columns by position, a header row, CP932, CRLF;
/// the shipment key in お客様管理番号 (column 10). Addresses take three lines and names two, 16
/// 全角 each (shipping-mail-slips.md §2.3). お届け日 and 時間帯 are not written: their codes are
/// not in the documents Juchu follows, so the operator sets them in e飛伝Ⅲ, and is told so.
enum EhidenLayout: LabelLayout {
    static let header: [String] = [
        "お届け先コード取得区分", "お届け先コード", "お届け先電話番号", "お届け先郵便番号", "お届け先住所１", "お届け先住所２",
        "お届け先住所３", "お届け先名称１", "お届け先名称２", "お客様管理番号", "お客様コード", "部署ご担当者コード", "取得区分",
        "部署ご担当者コード", "部署ご担当者名称", "荷送人電話番号", "ご依頼主コード取得区分", "ご依頼主コード", "ご依頼主電話番号",
        "ご依頼主郵便番号", "ご依頼主住所１", "ご依頼主住所２", "ご依頼主名称１", "ご依頼主名称２", "荷姿", "品名１", "品名２",
        "品名３", "品名４", "品名５", "荷札荷姿", "荷札品名1", "荷札品名2", "荷札品名3", "荷札品名4", "荷札品名5", "荷札品名6",
        "荷札品名7", "荷札品名8", "荷札品名9", "荷札品名10", "荷札品名11", "出荷個数", "スピード指定", "クール便指定", "配達日",
        "配達指定時間帯", "配達指定時間（時分）", "代引金額", "消費税", "決済種別", "保険金額", "指定シール1", "指定シール2",
        "指定シール3", "営業所受取", "ＳＲＣ区分", "営業所受取営業所コード", "元着区分", "メールアドレス", "ご不在時連絡先", "出荷日",
        "お問い合せ送り状No.", "出荷場印字区分", "集約解除指定", "編集1", "編集2", "編集3", "編集4", "編集5", "編集6", "編集7",
        "編集8", "編集9", "編集10",
    ]

    enum Column: Int {
        case phone = 3, zipCode, address1, address2, address3, name1, name2, key
        case senderPhone = 19, senderZipCode, senderAddress1, senderAddress2, senderName1, senderName2
        case itemName1 = 26
        case count = 43
        case collectAmount = 49
    }

    static let limits: [Int: Int] = Dictionary(uniqueKeysWithValues: [
        Column.address1, .address2, .address3, .name1, .name2, .senderAddress1, .senderAddress2, .senderName1, .senderName2,
    ].map { ($0.rawValue - 1, 32) } + (0..<5).map { (Column.itemName1.rawValue - 1 + $0, 32) })

    static func refusal(of order: Order, settings: LabelSender) -> String? { nil }

    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String]) {
        var fields = Array(repeating: "", count: header.count)
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
        if basket.isCashOnDelivery { set(.collectAmount, basket.collectAmount) }
        var notes: [String] = []
        if let delivery = basket.order.delivery, delivery.date != nil || (delivery.timeSlot ?? 0) != 0 {
            notes.append("お届け指定（\([delivery.date?.description, delivery.timeSlotText].compactMap { $0 }.joined(separator: " "))）はe飛伝Ⅲで指定してください")
        }
        if basket.isCashOnDelivery { notes.append("代金引換 \(basket.collectAmount)円: e飛伝Ⅲで決済種別を確かめてください") }
        if basket.package.items.count > 5 { notes.append("品名は5つまでです（\(basket.package.items.count)品）") }
        return (fields, notes)
    }
}
