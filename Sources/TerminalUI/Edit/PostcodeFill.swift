import OrderEngine

/// What a postcode lookup puts into an address form (注文内容修正, 受注を登録): 都道府県 and
/// 市区町村 when the code belongs to one of them, the town into a 番地 nobody has typed yet, and
/// the note shown under the form of what it did (or why it could not).
struct PostcodeFill {
    var prefecture: String?
    var city: String?
    /// The 番地 to put (the town), or nil to leave the 番地 as it is.
    var subAddress: String?
    var note: String

    /// `subAddress`: the 番地 as it is now; `autoFilled`: what an earlier lookup put there (replaced
    /// too, while nobody typed after it).
    init(places: [PostcodePlace], zip: String, subAddress current: String, autoFilled: String?) {
        let shown = "〒\(zip.prefix(3))-\(zip.suffix(4))"
        let areas = Set(places.map { $0.prefecture + "\t" + $0.city })
        guard let first = places.first, areas.count == 1 else {
            note = places.isEmpty ? "\(shown) は日本郵便のデータにありません（住所はそのままです）"
                : "\(shown) は複数の市区町村にあります（\(places.map(\.text).joined(separator: "・"))）: 住所を入力してください"
            return
        }
        prefecture = first.prefecture
        city = first.city
        // The town starts an empty 番地; one already there is the operator's to change.
        let town = places.count == 1 ? first.town : ""
        let fills = (current.isEmpty || current == autoFilled) && !town.isEmpty
        if fills { subAddress = town }
        note = "\(shown) → 都道府県・市区町村を \(first.prefecture + first.city) にしました"
            + (fills ? "、番地に \(town)" : town.isEmpty ? "" : "（町域 \(town)、番地はそのまま）")
    }
}
