import OrderEngine

/// 日本郵便 ゆうプリR (ゆうパックプリントR)'s 外部ファイル取込 standard layout: 118 columns by
/// position, no header row, CP932, CRLF (shipping-mail-slips.md §2.4; positions as two exporters
/// agree — お客様側管理番号 1, お届け先電話番号 20, フリー項目０１ 76). The shipment key goes in
/// お客様側管理番号 and again in フリー項目０１, which ゆうプリR carries to its 発送履歴 either way.
/// Names and address lines hold 50 bytes (25 全角). 配達時間帯区分 is not written: the sources give
/// three different code sets (51–57, 60–67, 61–63), so the operator sets the slot in ゆうプリR and is
/// told so. 代金引換: 元／着払／代引 2, 代引金額 (100) and 代引消費税金額 (101), the shop's 送り状種別 for it.
/// The 100-column 標準フォーマットV3 is not written: no source Juchu follows gives its columns.
enum YupriLayout: LabelLayout {
    static let header: [String] = [
        "お客様側管理番号", "発送予定日", "発送予定時間区分", "出荷期限日", "到着期限日", "郵便種別", "保冷種別", "元／着払／代引",
        "書留／セキュリティ／特定記録種別", "配達時間帯指定郵便種別", "送り状種別", "お届け先 コード", "お届け先 郵便番号",
        "お届け先 住所１", "お届け先 住所２", "お届け先 住所３", "お届け先 名称１", "お届け先 名称２", "お届け先 敬称区分",
        "お届け先 電話番号", "お届け先 メールアドレス１", "お届け先 局留め区分", "お届け先 局留め郵便局名",
        "お届け先 局留めメール使用区分", "お届け先 局留め郵便番号", "お届け先 配達予告メール使用区分",
        "お届け先 再配達予告メール使用区分", "ご依頼主 コード", "ご依頼主 集荷先と同一区分", "ご依頼主 郵便番号", "ご依頼主 住所１",
        "ご依頼主 住所２", "ご依頼主 住所３", "ご依頼主 名称１", "ご依頼主 名称２", "ご依頼主 敬称", "ご依頼主 電話番号",
        "ご依頼主 メールアドレス１", "ご依頼主 荷送人指図区分", "ご依頼主 お届け通知メール使用区分", "ご依頼主 お届け通知はがき使用区分",
        "集荷先 コード", "集荷先 連携可否区分", "集荷先 会社コード", "集荷先 依頼先店所コード", "集荷先 郵便番号", "集荷先 住所１",
        "集荷先 住所２", "集荷先 住所３", "集荷先 名称１", "集荷先 名称２", "集荷先 敬称", "集荷先 電話番号", "受注番号",
        "こわれもの区分", "なまもの区分", "ビン類区分", "逆さま厳禁区分", "下積み厳禁区分", "商品サイズ区分", "重量合計（ｇ）",
        "25kg超重量物区分", "損害要償額", "速達・配達日指定種別", "配達指定日／希望日", "配達時間帯区分", "差出方法区分",
        "ゆうパック複数個割引", "ゆうパック同一割引", "セット商品コード", "セット品名ラベル印字区分", "倉庫数", "複数個口数", "記事名１",
        "記事名２", "フリー項目０１", "フリー項目０２", "フリー項目０３", "フリー項目０４", "フリー項目０５", "フリー項目０６",
        "フリー項目０７", "フリー項目０８", "フリー項目０９", "フリー項目１０", "空港利用区分", "空港・局／支店名", "航空会社名", "利用便名",
        "レジャー区分", "プレー・搭乗日", "プレー・搭乗時間", "クラブ本数", "復路集貨日", "出荷先登録名", "集荷希望区分", "集荷日付",
        "集荷時間帯区分", "支店連携先選択用名称", "代引金額", "代引消費税金額", "送り状発行年月日", "商品番号", "品名", "個数",
        "重量（ｇ）", "単価", "金額", "商品備考０１", "商品備考０２", "商品備考０３", "商品備考０４", "商品備考０５", "商品備考０６",
        "商品備考０７", "商品備考０８", "商品備考０９", "商品備考１０",
    ]

    /// Columns by position (1-based, as the layout numbers them).
    enum Column: Int {
        case key = 1, shipDate, mailType = 6, cool, payment
        case slipType = 11, zipCode = 13, address1, address2, address3, name1, name2, honorific, phone
        case senderZipCode = 30, senderAddress1, senderAddress2, senderAddress3, senderName1, senderName2
        case senderPhone = 37, orderNumber = 54, deliveryDate = 65, article1 = 74, freeItem1 = 76
        case collectAmount = 100, collectTax, itemName = 104
    }

    static let limits: [Int: Int] = Dictionary(uniqueKeysWithValues: [
        Column.address1, .address2, .address3, .name1, .name2, .senderAddress1, .senderAddress2, .senderAddress3, .senderName1,
        .article1, .itemName,
    ].map { ($0.rawValue - 1, 50) })

    static var writesHeader: Bool { false }

    static func refusal(of parcel: LabelParcel, settings: LabelSender) -> String? {
        if parcel.cashOnDelivery != nil, settings.yupriCollectSlipType.isEmpty {
            return "代金引換のゆうパックの送り状種別が設定されていません（config.toml の [shipping] yupri_cod_slip_type）"
        }
        if parcel.service == .postbox, settings.yupriPostboxSlipType.isEmpty {
            return "ゆうパケット（ポスト投函）の送り状種別が設定されていません（config.toml の [shipping] yupri_postbox_slip_type）。宅配便にするなら注文の配送方法を変えてください"
        }
        return nil
    }

    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String]) {
        let parcel = basket.parcel
        var fields = Array(repeating: "", count: header.count)
        var notes: [String] = []
        func set(_ column: Column, _ value: String) { fields[column.rawValue - 1] = value }
        set(.key, basket.key)
        set(.shipDate, LabelBasket.digits(basket.shipDate))
        // 郵便種別: 0 ゆうパック, 9 ゆうパケット (YU-LAYOUT).
        set(.mailType, parcel.service == .postbox ? "9" : "0")
        set(.cool, "0")
        // 元／着払／代引: 0 元払, 2 代引.
        set(.payment, basket.cashOnDelivery != nil ? "2" : "0")
        set(.slipType, basket.cashOnDelivery != nil ? basket.sender.yupriCollectSlipType
            : parcel.service == .postbox ? basket.sender.yupriPostboxSlipType : basket.sender.yupriSlipType)
        set(.zipCode, basket.destination.zipCode.filter(\.isNumber))
        let address = LabelBasket.lines(basket.address, bytes: 50, count: 3)
        set(.address1, address[0])
        set(.address2, address[1])
        set(.address3, address[2])
        let name = LabelBasket.lines(LabelWriter.clean(basket.destination.fullName), bytes: 50, count: 2)
        set(.name1, name[0])
        set(.name2, name[1])
        set(.honorific, "0")
        set(.phone, LabelWriter.phone(basket.destination.phoneNumber))
        set(.senderZipCode, basket.sender.zipCode.filter(\.isNumber))
        let senderAddress = LabelBasket.lines(LabelWriter.clean(basket.sender.address), bytes: 50, count: 3)
        set(.senderAddress1, senderAddress[0])
        set(.senderAddress2, senderAddress[1])
        set(.senderAddress3, senderAddress[2])
        set(.senderName1, LabelWriter.clean(basket.sender.name))
        set(.senderPhone, LabelWriter.phone(basket.sender.phone))
        set(.orderNumber, parcel.lead.order.number.rawValue)
        if let note = basket.postboxWishNote {
            notes.append(note)
        } else {
            set(.deliveryDate, LabelBasket.digits(parcel.deliveryDate))
            if let slot = parcel.timeSlotText { notes.append("配達時間帯（\(slot)）はゆうプリRで指定してください") }
        }
        if let note = basket.dropOffNote { set(.article1, note) }
        set(.freeItem1, basket.key)
        if let collect = basket.cashOnDelivery {
            set(.collectAmount, String(collect.amount))
            set(.collectTax, String(collect.tax))
        }
        let items = basket.itemNames
        set(.itemName, items.count > 1 ? "\(items[0]) 他\(items.count - 1)点" : items.first ?? "")
        return (fields, notes)
    }
}
