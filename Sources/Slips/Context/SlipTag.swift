import CustomerMail

/// The tags a slip template may use: every tag of a mail template for the order (same names,
/// same values), and what a printed document adds — the shop as an invoice names it, the
/// per-rate totals, the basket a 納品書 is for, a receipt's 宛名 and 但し書き, the picking lines.
/// `juchu slips --tags` lists them.
/// In a document, クーポン利用額 and ポイント利用額 are no value when 0, so that their lines can be left out.
public enum SlipTag {
    static let item: [MailTag] = MailTag.item + [
        .text("reducedMark", "軽減税率（8%）の商品に「※」"), .text("taxRate", "税率（10%・8%）"), .text("shelf", "棚番（棚番ファイルから）"),
    ]

    static let taxLine: [MailTag] = [
        .text("rate", "税率（10%）"), .text("amount", "税率ごとの合計（税込）"), .text("tax", "うち消費税"),
        .text("reducedMark", "軽減税率なら「※」"), .flag("isReduced", "軽減税率（8%）のとき"),
    ]

    /// What each document (`{{#documents}}…{{/documents}}`) holds.
    public static let document: [MailTag] = documentOwn + [
        .flag("isBundle", "同梱（複数の注文を1個口で）のとき"), .text("bundleCount", "同梱の注文の数"),
        .text("bundleNumbers", "同梱の注文番号（・区切り）"),
        .list("bundleOrders", "同梱の注文ごと（注文番号・商品・金額・税率ごとの合計、この注文の値）", bundleOrder),
        .text("bundleRequestPrice", "同梱の注文の請求金額の合計"),
        .text("bundleCollectPrice", "同梱のうち代金引換で受け取る金額（カード払いなどの注文があるとき）"),
    ]

    /// The names a bundle's document answers for the bundle, not for each of its orders.
    static let bundleLevel: Set<String> = ["isBundle", "bundleCount", "bundleNumbers", "bundleOrders", "bundleRequestPrice", "bundleCollectPrice"]

    /// The names the batch answers (the shop, the title), above every document.
    static let batchLevel: Set<String> = Set(all.map(\.name))

    /// What each order of a bundle (`{{#bundleOrders}}…{{/bundleOrders}}`) holds: a document's
    /// tags, each for that order.
    static let bundleOrder: [MailTag] = documentOwn

    /// A document's tags for one order.
    static let documentOwn: [MailTag] = MailTag.all.filter { $0.name != "items" } + [
        .list("items", "商品（納品書は送付先の商品、ほかは注文のすべての商品）", item),
        .text("basketId", "送付先ID（納品書）"), .text("destinationName", "送付先の氏名（納品書）"),
        .text("destinationZipCode", "送付先の郵便番号（納品書）"), .text("destinationAddress", "送付先の住所（納品書）"),
        .text("destinationPhoneNumber", "送付先の電話番号（納品書）"), .text("basketPosition", "送付先の順番（2件のうち1件目: 1/2）"),
        .flag("isGift", "ギフト注文のとき（金額を印刷しない）"), .flag("showsPrices", "金額を印刷するとき（ギフトでない）"),
        .list("taxLines", "税率ごとの合計と消費税（RMSの税率別内訳）", taxLine),
        .flag("hasReducedRate", "軽減税率の商品があるとき（※の説明）"), .text("taxTotal", "税率ごとの合計の総額"),
        .flag("isReissue", "再発行のとき"), .text("copy", "何回目の発行か"), .text("issueDate", "発行日（納品書は出荷日、なければ印刷日）"),
        .text("addressee", "領収書の宛名"), .text("purpose", "領収書の但し書き"), .text("receiptAmount", "領収金額（請求金額）"),
        .text("receiptNumber", "領収書番号"), .text("memo", "ひとことメモ"), .text("localStatus", "受注ステータス"),
        .text("rmsStatus", "RMSステータス"), .text("marks", "ギフト・あす楽など"), .text("flags", "チェック項目"),
        .text("wrappings", "ラッピング（RMSの名前: 包装紙（赤））"), .text("noshi", "のし"),
        .text("packingNotes", "梱包で加えるもの（ラッピング・のし）"), .flag("isMultiBasket", "送付先が複数あるとき"),
        .text("basketGoodsPrice", "この送付先の商品合計（送付先が複数のとき）"), .text("basketPostagePrice", "この送付先の送料"),
        .text("basketSubtotal", "この送付先の小計（商品＋送料）"),
    ]

    static let pickLine: [MailTag] = [
        .text("shelf", "棚番"), .text("manageNumber", "商品管理番号"), .text("itemName", "商品名"), .text("selectedChoice", "項目・選択肢"),
        .text("units", "数量"), .text("orderCount", "注文数"),
    ]

    /// Every tag at the top of a slip template.
    public static let all: [MailTag] = [
        .text("documentTitle", "帳票の名前（納品書）"), .text("printDate", "印刷日"), .text("shopName", "店舗名（[slips] shop_name）"),
        .text("shopZipCode", "店舗の郵便番号"), .text("shopAddress", "店舗の住所"), .text("shopPhone", "店舗の電話番号"),
        .text("registrationNumber", "登録番号（T＋13桁）"), .flag("isRegistered", "登録番号があるとき（インボイス）"),
        .text("orderCount", "注文の数"), .text("totalUnits", "ピッキングリストの総数量"),
        .flag("isTotalled", "商品ごとに合計したピッキングリストのとき（注文ごとでなく）"),
        .list("documents", "帳票ごと（納品書は送付先ごと）", document),
        .list("pickLines", "ピッキングリスト（商品・選択肢ごとの合計）", pickLine),
    ]
}
