import Foundation
import ShippingFiles

extension RMSOrderCSV {
    /// The columns Juchu reads from RMS's 楽天ペイ受注CSV (データダウンロード, 全カラムダウンロード用),
    /// by their header names (orders-rules-scale.md §2.2, from the maps RCSV-A, RCSV-T and RCSV-L).
    /// Read by name, never by position: RMS adds columns, and a shop's own template leaves some out.
    enum Column: String, CaseIterable, Sendable {
        // The order (columns 0–50 and 101–157): the same on each of its rows.
        case orderNumber = "注文番号", status = "ステータス", subStatusID = "サブステータスID", subStatus = "サブステータス"
        case orderedAt = "注文日時", orderDate = "注文日", orderTime = "注文時間", cancelDue = "キャンセル期限日"
        case confirmedAt = "注文確認日時", fixedAt = "注文確定日時", shippingInstructedAt = "発送指示日時"
        case shippingReportedAt = "発送完了報告日時", paymentMethod = "支払方法名", deliveryMethod = "配送方法"
        case deliveryClass = "配送区分", orderType = "注文種別", severalSenders = "複数送付先フラグ", sameSender = "送付先一致フラグ"
        case isolatedIsland = "離島フラグ", rakutenConfirming = "楽天確認中フラグ", caution = "警告表示タイプ"
        case rakutenMember = "楽天会員フラグ", modified = "購入履歴修正有無フラグ", goodsPrice = "商品合計金額"
        case goodsTax = "消費税合計", postage = "送料合計", cashOnDeliveryFee = "代引料合計", requestPrice = "請求金額"
        case totalPrice = "合計金額", points = "ポイント利用額", coupons = "クーポン利用総額", shopCoupons = "店舗発行クーポン利用額"
        case rakutenCoupons = "楽天発行クーポン利用額"
        case ordererZip1 = "注文者郵便番号1", ordererZip2 = "注文者郵便番号2", ordererPrefecture = "注文者住所都道府県"
        case ordererCity = "注文者住所郡市区", ordererSubAddress = "注文者住所それ以降の住所", ordererFamilyName = "注文者姓"
        case ordererFirstName = "注文者名", ordererFamilyKana = "注文者姓カナ", ordererFirstKana = "注文者名カナ"
        case ordererPhone1 = "注文者電話番号1", ordererPhone2 = "注文者電話番号2", ordererPhone3 = "注文者電話番号3"
        case ordererEmail = "注文者メールアドレス", ordererSex = "注文者性別", reserveNumber = "申込番号"
        case reserveCount = "申込お届け回数"
        // The destination (送付先, 51–69 and 116–118), keyed by 送付先ID.
        case basketID = "送付先ID", basketPostage = "送付先送料", basketCashOnDelivery = "送付先代引料"
        case basketGoodsTax = "送付先消費税合計", basketGoodsPrice = "送付先商品合計金額", basketTotal = "送付先合計金額"
        case noshi = "のし", senderZip1 = "送付先郵便番号1", senderZip2 = "送付先郵便番号2"
        case senderPrefecture = "送付先住所都道府県", senderCity = "送付先住所郡市区", senderSubAddress = "送付先住所それ以降の住所"
        case senderFamilyName = "送付先姓", senderFirstName = "送付先名", senderFamilyKana = "送付先姓カナ"
        case senderFirstKana = "送付先名カナ", senderPhone1 = "送付先電話番号1", senderPhone2 = "送付先電話番号2"
        case senderPhone3 = "送付先電話番号3", basketPostageTaxRate = "送付先送料税率", basketCashOnDeliveryTaxRate = "送付先代引料税率"
        // The item line (70–93, 119–120, 142), keyed by 商品明細ID.
        case itemDetailID = "商品明細ID", itemID = "商品ID", itemName = "商品名", itemNumber = "商品番号"
        case manageNumber = "商品管理番号", price = "単価", units = "個数", includesPostage = "送料込別", includesTax = "税込別"
        case includesCashOnDelivery = "代引手数料込別", choice = "項目・選択肢", pointRate = "ポイント倍率"
        case deliveryInfo = "納期情報", inventoryType = "在庫タイプ", itemTaxRate = "商品税率", priceTaxIncluded = "商品毎税込価格"
        case singleItemShipping = "単品配送フラグ"
        // The order again (84–115, 121–141).
        case wrapping1Title = "ラッピングタイトル1", wrapping1Name = "ラッピング名1", wrapping1Price = "ラッピング料金1"
        case wrapping1IncludesTax = "ラッピング税込別1", wrapping2Title = "ラッピングタイトル2", wrapping2Name = "ラッピング名2"
        case wrapping2Price = "ラッピング料金2", wrapping2IncludesTax = "ラッピング税込別2", wrapping1TaxRate = "ラッピング税率1"
        case wrapping1Tax = "ラッピング税額1", wrapping2TaxRate = "ラッピング税率2", wrapping2Tax = "ラッピング税額2"
        case timeSlot = "お届け時間帯", deliveryDate = "お届け日指定", operatorName = "担当者", memo = "ひとことメモ"
        /// 「メール差込文 (お客様へのメッセージ)」 in one map, 「メール差込文」 in another: matched by its start.
        case mailPlugSentence = "メール差込文", gift = "ギフト配送希望", remarks = "コメント", emailCarrier = "メールキャリアコード"
        case asuraku = "あす楽希望フラグ", drug = "医薬品受注フラグ", deal = "楽天スーパーDEAL商品受注フラグ"
        case membership = "メンバーシッププログラム受注タイプ", paymentCharge = "決済手数料", toUser = "注文者負担金合計"
        case toShop = "店舗負担金合計", paymentChargeTaxRate = "決済手数料税率", receiptCount = "領収書発行回数"
        case cautionDetail = "警告表示タイプ詳細"
        case tax10Request = "10%請求金額", tax10RequestTax = "10%請求額に対する税額", tax10Total = "10%合計金額"
        case tax10PaymentCharge = "10%決済手数料", tax10Coupon = "10%クーポン割引額", tax10Points = "10%利用ポイント数"
        case tax8Request = "8%請求金額", tax8RequestTax = "8%請求額に対する税額", tax8Total = "8%合計金額"
        case tax8PaymentCharge = "8%決済手数料", tax8Coupon = "8%クーポン割引額", tax8Points = "8%利用ポイント数"
        case tax0Request = "0%請求金額", tax0RequestTax = "0%請求額に対する税額", tax0Total = "0%合計金額"
        case tax0PaymentCharge = "0%決済手数料", tax0Coupon = "0%クーポン割引額", tax0Points = "0%利用ポイント数"

        /// Without these an order cannot be told or totalled: a file that lacks one is refused whole.
        static let required: [Column] = [
            .orderNumber, .status, .basketID, .itemDetailID, .itemName, .price, .units, .goodsPrice, .postage,
            .cashOnDeliveryFee, .totalPrice, .requestPrice, .ordererFamilyName, .senderFamilyName,
        ]

        /// Columns of the documented header Juchu does not read (the card's, the device's, the
        /// receipts' dates, SKU…): known, so not reported as unknown.
        static let unread: Set<String> = [
            "クレジットカード支払い方法", "クレジットカード支払い回数", "ラッピング種類1", "ラッピング種類2", "利用端末", "外税合計",
            "送付先外税合計", "10%税率", "8%税率", "0%税率", "購入時配送会社", "領収書初回発行日時", "領収書最終発行日時",
            "支払い期限日", "支払い方法変更期限日", "返金手続き期限日", "店舗発行クーポンコード", "店舗発行クーポン名",
            "楽天発行クーポンコード", "楽天発行クーポン名", "SKU管理番号", "システム連携用SKU番号", "SKU情報",
        ]

        /// Its place among the cases, for lookups by array: a raw-valued enum hashes its name.
        /// (A case-only enum is its tag, one byte for fewer than 256 cases.)
        var ordinal: Int { Int(unsafeBitCast(self, to: UInt8.self)) }

        /// Whether `header` names this column (trimmed; the mail text by its start).
        func names(_ header: String) -> Bool {
            self == .mailPlugSentence ? header.hasPrefix(rawValue) : header == rawValue
        }
    }

    /// Where each known column is in a file, and what else its header holds.
    struct Header: Sendable {
        /// Each column's position in the file (by ``Column/ordinal``), -1 where it has none.
        private let positions: [Int]
        let width: Int
        /// Header names Juchu does not read (newer columns, a shop's own): kept in the report.
        let unknown: [String]

        func position(of column: Column) -> Int? {
            let position = positions[column.ordinal]
            return position < 0 ? nil : position
        }

        var columns: Set<Column> { Set(Column.allCases.filter { position(of: $0) != nil }) }

        /// Reads the first record. The CSV before 楽天ペイ (受注番号, カード決済ステータス, −99999…)
        /// is refused by its header: its columns mean other things (shipping-mail-slips.md §5.2).
        init(_ fields: [String]) throws(FileFormatError) {
            let names = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if !names.contains(Column.orderNumber.rawValue), names.contains("受注番号") {
                throw FileFormatError(line: 1, "楽天ペイ以前の受注CSV（受注番号・カード決済ステータスの形式）です。RMSの「受注・決済管理 → 受注管理 → データダウンロード」で楽天ペイ受注CSVを作って取り込んでください")
            }
            var index: [Column: Int] = [:]
            var unknown: [String] = []
            for (position, name) in names.enumerated() {
                if let column = Column.allCases.first(where: { $0.names(name) }) {
                    if index[column] == nil { index[column] = position } else { unknown.append("\(name)（2列目）") }
                } else if !name.isEmpty, !Column.unread.contains(name) {
                    unknown.append(name)
                }
            }
            let missing = Column.required.filter { index[$0] == nil }
            guard missing.isEmpty else {
                throw FileFormatError(line: 1, "楽天ペイ受注CSVの見出しに \(missing.map(\.rawValue).joined(separator: "・")) がありません。データダウンロードのテンプレートは「全カラムダウンロード用」を選んでください")
            }
            var positions = [Int](repeating: -1, count: Column.allCases.count)
            for (column, position) in index { positions[column.ordinal] = position }
            self.positions = positions
            width = fields.count
            self.unknown = unknown
        }
    }
}
