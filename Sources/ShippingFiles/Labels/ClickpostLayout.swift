import OrderEngine

/// 日本郵便 クリックポスト's まとめ申込 CSV: 8 columns under a header, CP932, at most 40 rows a file
/// (shipping-mail-slips.md §2.5). There is no column for a key: the issued list comes back matched
/// by postcode, name and address. A クリックポスト takes no payment on delivery.
enum ClickpostLayout: LabelLayout {
    static let header = [
        "お届け先郵便番号", "お届け先氏名", "お届け先敬称", "お届け先住所1行目", "お届け先住所2行目", "お届け先住所3行目",
        "お届け先住所4行目", "内容品",
    ]

    /// 氏名 at most 20 characters, as the writers peers use agree.
    static let limits: [Int: Int] = [1: 40]

    static func refusal(of parcel: LabelParcel, settings: LabelSender) -> String? {
        parcel.cashOnDelivery != nil ? "代金引換の注文はクリックポストでは送れません（代金を受け取れません）" : nil
    }

    static func fields(_ basket: LabelBasket) -> (fields: [String], notes: [String]) {
        let destination = basket.destination
        var notes: [String] = []
        if basket.parcel.deliveryDate != nil || basket.parcel.timeSlot != nil {
            notes.append("クリックポストはお届け日時を指定できません（\(basket.wishText)）")
        }
        let lines = [LabelWriter.clean("\(destination.prefecture)\(destination.city)")]
            + LabelBasket.lines(LabelWriter.clean(destination.subAddress), bytes: 40, count: 3)
        let fields = [
            LabelWriter.zipCode(destination.zipCode), LabelWriter.clean(destination.fullName), "様",
            lines[0], lines[1], lines[2], lines[3], basket.itemNames.first ?? "",
        ]
        return (fields, notes)
    }
}
