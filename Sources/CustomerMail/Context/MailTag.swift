/// One tag a mail template may use: a value, a block shown only when something is so (`{{#isBankTransfer}}…{{/isBankTransfer}}`),
/// or a list repeated per entry (`{{#items}}…{{/items}}`) with tags of its own. Names follow RMS's
/// fields where RMS has one.
public struct MailTag: Sendable {
    public enum Kind: Sendable {
        case text
        case flag
        case list([MailTag])
    }

    public let name: String
    public let description: String
    public let kind: Kind

    public static func text(_ name: String, _ description: String) -> MailTag { MailTag(name: name, description: description, kind: .text) }
    public static func flag(_ name: String, _ description: String) -> MailTag { MailTag(name: name, description: description, kind: .flag) }
    public static func list(_ name: String, _ description: String, _ tags: [MailTag]) -> MailTag {
        MailTag(name: name, description: description, kind: .list(tags))
    }
}

extension MailTag {
    public static let item: [MailTag] = [
        .text("itemName", "商品名"), .text("selectedChoice", "項目・選択肢"), .text("manageNumber", "商品管理番号"),
        .text("units", "個数"), .text("price", "単価（1,234円）"), .text("subtotal", "小計（単価×個数）"),
    ]

    public static let parcel: [MailTag] = [
        .text("carrierName", "配送会社"), .text("trackingNumber", "お問い合わせ番号"), .text("trackingUrl", "配送会社の追跡ページ"),
        .text("shipDate", "発送日"), .flag("isYamato", "ヤマト運輸のとき"), .flag("isSagawa", "佐川急便のとき"),
        .flag("isJapanPost", "日本郵便のとき"),
    ]

    /// Every tag, as the mail's context holds them.
    public static let all: [MailTag] = [
        .text("orderNumber", "注文番号"), .text("orderDatetime", "注文日時（2026年12月4日 10:41）"),
        .text("ordererName", "注文者の氏名（姓 名）"), .text("ordererFamilyName", "注文者の姓"), .text("ordererZipCode", "注文者の郵便番号"),
        .text("ordererAddress", "注文者の住所"), .text("ordererPhoneNumber", "注文者の電話番号"),
        .text("goodsPrice", "商品合計"), .text("postagePrice", "送料"), .text("deliveryPrice", "代引手数料"),
        .text("paymentCharge", "決済手数料"), .text("couponAllTotalPrice", "クーポン利用額"), .text("usedPoint", "ポイント利用額"),
        .text("totalPrice", "合計金額（RMSの値）"), .text("requestPrice", "請求金額（RMSの値: ポイント・クーポンの後）"),
        .text("settlementMethod", "支払方法"), .flag("isBankTransfer", "銀行振込のとき"), .flag("isCashOnDelivery", "代金引換のとき"),
        .flag("isCard", "クレジットカードのとき"), .flag("isDeferred", "後払いのとき"),
        .text("deliveryName", "配送方法"), .text("deliveryDate", "お届け日指定"), .text("shippingTerm", "お届け時間帯"),
        .flag("hasDeliveryWish", "お届け日か時間帯の指定があるとき"),
        .text("remarks", "備考（お客様のコメント）"), .text("mailPlugSentence", "メール差込文（RMS）"),
        .text("shopName", "店舗名（config.toml [mail] shop_name）"), .text("signature", "署名（mail/signature.txt）"),
        .text("bankAccount", "振込先（config.toml [mail] bank_account）"),
        .list("packages", "送付先ごと", [
            .text("basketId", "送付先ID"), .text("destinationName", "送付先の氏名"), .text("destinationZipCode", "送付先の郵便番号"),
            .text("destinationAddress", "送付先の住所"), .text("destinationPhoneNumber", "送付先の電話番号"),
            .list("items", "この送付先の商品", item), .list("parcels", "この送付先の荷物", parcel),
        ]),
        .list("items", "すべての商品", item),
        .list("parcels", "すべての荷物（配送会社・お問い合わせ番号・発送日）", parcel),
        .text("carrierName", "最初の荷物の配送会社"), .text("trackingNumber", "最初の荷物のお問い合わせ番号"),
        .text("trackingUrl", "最初の荷物の追跡ページ"), .text("shipDate", "最初の荷物の発送日"),
        .flag("isYamato", "最初の荷物がヤマト運輸のとき"), .flag("isSagawa", "最初の荷物が佐川急便のとき"),
        .flag("isJapanPost", "最初の荷物が日本郵便のとき"),
    ]
}
