import Foundation
import RakutenPay

/// RMS's 楽天ペイ受注CSV as データダウンロード (全カラムダウンロード用) writes it, made from API
/// orders: the header of orders-rules-scale.md §2.2 in RMS's column order, one row per item line
/// per destination, CRLF; for the tests, the benchmark and the fuzzer's seeds.
public enum RMSOrderCSVSample {
    /// Columns 0–157 (RCSV-A, RCSV-T, RCSV-L).
    public static let header: [String] = [
        "注文番号", "ステータス", "サブステータスID", "サブステータス", "注文日時", "注文日", "注文時間", "キャンセル期限日",
        "注文確認日時", "注文確定日時", "発送指示日時", "発送完了報告日時", "支払方法名", "クレジットカード支払い方法",
        "クレジットカード支払い回数", "配送方法", "配送区分", "注文種別", "複数送付先フラグ", "送付先一致フラグ", "離島フラグ",
        "楽天確認中フラグ", "警告表示タイプ", "楽天会員フラグ", "購入履歴修正有無フラグ", "商品合計金額", "消費税合計", "送料合計",
        "代引料合計", "請求金額", "合計金額", "ポイント利用額", "クーポン利用総額", "店舗発行クーポン利用額", "楽天発行クーポン利用額",
        "注文者郵便番号1", "注文者郵便番号2", "注文者住所都道府県", "注文者住所郡市区", "注文者住所それ以降の住所", "注文者姓", "注文者名",
        "注文者姓カナ", "注文者名カナ", "注文者電話番号1", "注文者電話番号2", "注文者電話番号3", "注文者メールアドレス", "注文者性別",
        "申込番号", "申込お届け回数", "送付先ID", "送付先送料", "送付先代引料", "送付先消費税合計", "送付先商品合計金額", "送付先合計金額",
        "のし", "送付先郵便番号1", "送付先郵便番号2", "送付先住所都道府県", "送付先住所郡市区", "送付先住所それ以降の住所", "送付先姓",
        "送付先名", "送付先姓カナ", "送付先名カナ", "送付先電話番号1", "送付先電話番号2", "送付先電話番号3", "商品明細ID", "商品ID",
        "商品名", "商品番号", "商品管理番号", "単価", "個数", "送料込別", "税込別", "代引手数料込別", "項目・選択肢", "ポイント倍率",
        "納期情報", "在庫タイプ", "ラッピングタイトル1", "ラッピング名1", "ラッピング料金1", "ラッピング税込別1", "ラッピング種類1",
        "ラッピングタイトル2", "ラッピング名2", "ラッピング料金2", "ラッピング税込別2", "ラッピング種類2", "お届け時間帯", "お届け日指定",
        "担当者", "ひとことメモ", "メール差込文 (お客様へのメッセージ)", "ギフト配送希望", "コメント", "利用端末", "メールキャリアコード",
        "あす楽希望フラグ", "医薬品受注フラグ", "楽天スーパーDEAL商品受注フラグ", "メンバーシッププログラム受注タイプ", "決済手数料",
        "注文者負担金合計", "店舗負担金合計", "外税合計", "決済手数料税率", "ラッピング税率1", "ラッピング税額1", "ラッピング税率2",
        "ラッピング税額2", "送付先外税合計", "送付先送料税率", "送付先代引料税率", "商品税率", "商品毎税込価格",
        "10%税率", "10%請求金額", "10%請求額に対する税額", "10%合計金額", "10%決済手数料", "10%クーポン割引額", "10%利用ポイント数",
        "8%税率", "8%請求金額", "8%請求額に対する税額", "8%合計金額", "8%決済手数料", "8%クーポン割引額", "8%利用ポイント数",
        "0%税率", "0%請求金額", "0%請求額に対する税額", "0%合計金額", "0%決済手数料", "0%クーポン割引額", "0%利用ポイント数",
        "単品配送フラグ", "購入時配送会社", "領収書発行回数", "領収書初回発行日時", "領収書最終発行日時", "支払い期限日",
        "支払い方法変更期限日", "返金手続き期限日", "店舗発行クーポンコード", "店舗発行クーポン名", "楽天発行クーポンコード",
        "楽天発行クーポン名", "警告表示タイプ詳細", "SKU管理番号", "システム連携用SKU番号", "SKU情報",
    ]

    /// The file's text: the header, then each order's rows, CRLF after each line.
    public static func text(_ orders: [OrderModel], header: [String] = header) -> String {
        var lines = [line(header)]
        lines.reserveCapacity(orders.count * 2 + 1)
        for order in orders { lines += rows(of: order, header: header).map(line) }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// One row per item line per destination, in `header`'s columns.
    public static func rows(of order: OrderModel, header: [String] = header) -> [[String]] {
        order.packageModelList.flatMap { package in
            package.itemModelList.map { item in header.map { value(of: $0, order, package, item) } }
        }
    }

    /// One record: a field quoted when it holds a comma, a quote or a line break.
    public static func line(_ fields: [String]) -> String {
        fields.map { field in
            field.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r\n" })
                ? "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : field
        }.joined(separator: ",")
    }

    static func time(_ value: RakutenDateTime?) -> String {
        guard let p = value?.localParts else { return "" }
        return String(format: "%04d-%02d-%02d %02d:%02d:%02d", p.year, p.month, p.day, p.hour, p.minute, p.second)
    }

    static func rate(_ value: Double?) -> String {
        value.map { $0 == 0.08 ? "0.08" : $0 == 0.1 ? "0.1" : "\($0)" } ?? ""
    }

    private static func value(of column: String, _ o: OrderModel, _ p: PackageModel, _ i: ItemModel) -> String {
        let orderer = o.ordererModel, sender = p.senderModel
        let statuses = [100: "注文確認待ち", 200: "楽天処理中", 300: "発送待ち", 400: "変更確定待ち", 500: "発送済",
                        600: "支払手続き中", 700: "支払手続き済", 800: "キャンセル確定待ち", 900: "キャンセル確定"]
        let taxes = Dictionary((o.taxSummaryModelList ?? []).map { (Int(($0.taxRate * 100).rounded()), $0) }, uniquingKeysWith: { a, _ in a })
        if let percent = column.firstIndex(of: "%"), let rate = Int(column[..<percent]) {
            guard let tax = taxes[rate] else { return "" }
            switch column[column.index(after: percent)...] {
            case "税率": return rate == 0 ? "0" : "0.\(rate == 10 ? "1" : "08")"
            case "請求金額": return "\(tax.reqPrice)"
            case "請求額に対する税額": return "\(tax.reqPriceTax)"
            case "合計金額": return "\(tax.totalPrice)"
            case "決済手数料": return "\(tax.paymentCharge)"
            case "クーポン割引額": return "\(tax.couponPrice)"
            case "利用ポイント数": return "\(tax.point)"
            default: return ""
            }
        }
        let wrapping = column.hasSuffix("1") ? o.wrappingModel1 : column.hasSuffix("2") ? o.wrappingModel2 : nil
        switch column {
        case "注文番号": return o.orderNumber
        case "ステータス": return statuses[o.orderProgress] ?? "\(o.orderProgress)"
        case "サブステータスID": return o.subStatusId.map(String.init) ?? ""
        case "サブステータス": return o.subStatusName ?? ""
        case "注文日時": return time(o.orderDatetime)
        case "注文日": return String(time(o.orderDatetime).prefix(10))
        case "注文時間": return String(time(o.orderDatetime).suffix(8))
        case "キャンセル期限日": return o.cancelDueDate?.description ?? ""
        case "注文確認日時": return time(o.shopOrderCfmDatetime)
        case "注文確定日時": return time(o.orderFixDatetime)
        case "発送指示日時": return time(o.shippingInstDatetime)
        case "発送完了報告日時": return time(o.shippingCmplRptDatetime)
        case "支払方法名": return o.settlementModel?.settlementMethod ?? ""
        case "配送方法": return o.deliveryModel.deliveryName
        case "配送区分": return o.deliveryModel.deliveryClass.map(String.init) ?? ""
        case "注文種別": return "\(o.orderType)"
        case "複数送付先フラグ": return "\(o.severalSenderFlag)"
        case "送付先一致フラグ": return "\(o.equalSenderFlag)"
        case "離島フラグ": return "\(o.isolatedIslandFlag)"
        case "楽天確認中フラグ": return "\(o.rakutenConfirmFlag)"
        case "警告表示タイプ": return "\(o.cautionDisplayType)"
        case "楽天会員フラグ": return "\(o.rakutenMemberFlag)"
        case "購入履歴修正有無フラグ": return "\(o.modifyFlag)"
        case "商品合計金額": return "\(o.goodsPrice)"
        case "消費税合計": return o.goodsTax.map(String.init) ?? ""
        case "送料合計": return "\(o.postagePrice)"
        case "代引料合計": return "\(o.deliveryPrice)"
        case "請求金額": return "\(o.requestPrice)"
        case "合計金額": return "\(o.totalPrice)"
        case "ポイント利用額": return "\(o.pointModel?.usedPoint ?? 0)"
        case "クーポン利用総額": return "\(o.couponAllTotalPrice)"
        case "店舗発行クーポン利用額": return "\(o.couponShopPrice)"
        case "楽天発行クーポン利用額": return "\(o.couponOtherPrice)"
        case "注文者郵便番号1": return orderer.zipCode1
        case "注文者郵便番号2": return orderer.zipCode2
        case "注文者住所都道府県": return orderer.prefecture
        case "注文者住所郡市区": return orderer.city
        case "注文者住所それ以降の住所": return orderer.subAddress
        case "注文者姓": return orderer.familyName
        case "注文者名": return orderer.firstName ?? ""
        case "注文者姓カナ": return orderer.familyNameKana ?? ""
        case "注文者名カナ": return orderer.firstNameKana ?? ""
        case "注文者電話番号1": return orderer.phoneNumber1 ?? ""
        case "注文者電話番号2": return orderer.phoneNumber2 ?? ""
        case "注文者電話番号3": return orderer.phoneNumber3 ?? ""
        case "注文者メールアドレス": return orderer.emailAddress
        case "注文者性別": return orderer.sex ?? ""
        case "申込番号": return o.reserveNumber ?? ""
        case "申込お届け回数": return o.reserveDeliveryCount.map(String.init) ?? ""
        case "送付先ID": return "\(p.basketId)"
        case "送付先送料": return "\(p.postagePrice)"
        case "送付先代引料": return "\(p.deliveryPrice)"
        case "送付先消費税合計": return p.goodsTax.map(String.init) ?? ""
        case "送付先商品合計金額": return "\(p.goodsPrice)"
        case "送付先合計金額": return "\(p.totalPrice)"
        case "のし": return p.noshi ?? ""
        case "送付先郵便番号1": return sender.zipCode1
        case "送付先郵便番号2": return sender.zipCode2
        case "送付先住所都道府県": return sender.prefecture
        case "送付先住所郡市区": return sender.city
        case "送付先住所それ以降の住所": return sender.subAddress
        case "送付先姓": return sender.familyName
        case "送付先名": return sender.firstName ?? ""
        case "送付先姓カナ": return sender.familyNameKana ?? ""
        case "送付先名カナ": return sender.firstNameKana ?? ""
        case "送付先電話番号1": return sender.phoneNumber1 ?? ""
        case "送付先電話番号2": return sender.phoneNumber2 ?? ""
        case "送付先電話番号3": return sender.phoneNumber3 ?? ""
        case "商品明細ID": return "\(i.itemDetailId)"
        case "商品ID": return "\(i.itemId)"
        case "商品名": return i.itemName
        case "商品番号": return i.itemNumber ?? ""
        case "商品管理番号": return i.manageNumber
        case "単価": return "\(i.price)"
        case "個数": return "\(i.units)"
        case "送料込別": return "\(i.includePostageFlag)"
        case "税込別": return "\(i.includeTaxFlag)"
        case "代引手数料込別": return "\(i.includeCashOnDeliveryPostageFlag)"
        case "項目・選択肢": return i.selectedChoice ?? ""
        case "ポイント倍率": return "\(i.pointRate)"
        case "納期情報": return i.delvdateInfo ?? ""
        case "在庫タイプ": return "\(i.inventoryType)"
        case "ラッピングタイトル1", "ラッピングタイトル2": return wrapping.map { "\($0.title)" } ?? ""
        case "ラッピング名1", "ラッピング名2": return wrapping?.name ?? ""
        case "ラッピング料金1", "ラッピング料金2": return wrapping.map { "\($0.price)" } ?? ""
        case "ラッピング税込別1", "ラッピング税込別2": return wrapping.map { "\($0.includeTaxFlag)" } ?? ""
        case "ラッピング税率1", "ラッピング税率2": return rate(wrapping?.taxRate)
        case "ラッピング税額1", "ラッピング税額2": return wrapping?.taxPrice.map(String.init) ?? ""
        case "お届け時間帯": return o.shippingTerm.map(String.init) ?? ""
        case "お届け日指定": return o.deliveryDate?.description ?? ""
        case "担当者": return o.operator ?? ""
        case "ひとことメモ": return o.memo ?? ""
        case "メール差込文 (お客様へのメッセージ)": return o.mailPlugSentence ?? ""
        case "ギフト配送希望": return "\(o.giftCheckFlag)"
        case "コメント": return o.remarks ?? ""
        case "メールキャリアコード": return "\(o.emailCarrierCode)"
        case "あす楽希望フラグ": return "\(o.asurakuFlag)"
        case "医薬品受注フラグ": return "\(o.drugFlag)"
        case "楽天スーパーDEAL商品受注フラグ": return "\(o.dealFlag)"
        case "メンバーシッププログラム受注タイプ": return "\(o.membershipType)"
        case "決済手数料": return "\(o.paymentCharge)"
        case "注文者負担金合計": return "\(o.additionalFeeOccurAmountToUser)"
        case "店舗負担金合計": return "\(o.additionalFeeOccurAmountToShop)"
        case "決済手数料税率": return rate(o.paymentChargeTaxRate)
        case "送付先送料税率": return rate(p.postageTaxRate)
        case "送付先代引料税率": return rate(p.deliveryTaxRate)
        case "商品税率": return rate(i.taxRate)
        case "商品毎税込価格": return "\(i.priceTaxIncl)"
        case "単品配送フラグ": return i.isSingleItemShipping.map(String.init) ?? ""
        case "領収書発行回数": return o.receiptIssueCount.map(String.init) ?? ""
        case "警告表示タイプ詳細": return o.cautionDisplayDetailType.map(String.init) ?? ""
        default: return ""
        }
    }
}
