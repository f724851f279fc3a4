import OrderEngine

extension MailTemplate {
    /// The shipped templates' file names, in the day's order.
    public static let defaultNames = ["thanks", "payment", "shipped"]

    /// The templates a shop starts with, written to its mail folder the first time: サンクスメール,
    /// 入金確認 (銀行振込・前払い) and 発送メール, by file name. 送信後ステータス is written only when the
    /// shop's statuses have it.
    public static func defaultTexts(statuses: [LocalStatus]) -> [(name: String, text: String)] {
        func after(_ status: LocalStatus) -> String { statuses.contains(status) ? "送信後ステータス: \(status.name)\n" : "" }
        return [
            ("thanks", """
                件名: 【{{shopName}}】ご注文ありがとうございます（注文番号 {{orderNumber}}）
                名前: サンクスメール
                \(after(.newOrderMailed))
                {{ordererName}} 様

                このたびは{{shopName}}をご利用いただき、まことにありがとうございます。
                ご注文を承りましたので、内容をご確認ください。
                {{#mailPlugSentence}}

                {{mailPlugSentence}}
                {{/mailPlugSentence}}

                ■ご注文番号: {{orderNumber}}
                ■ご注文日時: {{orderDatetime}}
                ■お支払方法: {{settlementMethod}}
                ■配送方法: {{deliveryName}}
                {{#hasDeliveryWish}}
                ■お届け指定: {{deliveryDate}} {{shippingTerm}}
                {{/hasDeliveryWish}}

                {{#packages}}
                ◆お届け先: {{destinationName}} 様
                　〒{{destinationZipCode}} {{destinationAddress}}
                {{#items}}
                　・{{itemName}}
                {{#selectedChoice}}
                　　{{selectedChoice}}
                {{/selectedChoice}}
                　　{{price}} × {{units}} = {{subtotal}}
                {{/items}}
                {{/packages}}

                商品合計: {{goodsPrice}}
                送料: {{postagePrice}}
                {{#isCashOnDelivery}}
                代引手数料: {{deliveryPrice}}
                {{/isCashOnDelivery}}
                合計金額: {{totalPrice}}
                ご請求金額: {{requestPrice}}
                {{#isBankTransfer}}

                【お振込先】
                {{bankAccount}}
                お振込額: {{requestPrice}}
                {{/isBankTransfer}}
                {{#isCashOnDelivery}}

                商品お受け取りの際、配達員に {{requestPrice}} をお支払いください。
                {{/isCashOnDelivery}}
                {{#remarks}}

                【備考】
                {{remarks}}
                {{/remarks}}

                {{signature}}

                """),
            ("payment", """
                件名: 【{{shopName}}】ご入金を確認しました（注文番号 {{orderNumber}}）
                名前: 入金確認
                \(after(.awaitingShipment))
                {{ordererName}} 様

                {{shopName}}です。ご注文（注文番号 {{orderNumber}}）のご入金 {{requestPrice}} を確認いたしました。
                商品の発送まで今しばらくお待ちください。発送の際には改めてご連絡いたします。

                {{signature}}

                """),
            ("shipped", """
                件名: 【{{shopName}}】商品を発送しました（注文番号 {{orderNumber}}）
                名前: 発送メール

                {{ordererName}} 様

                {{shopName}}です。ご注文の商品を発送いたしました。

                ■ご注文番号: {{orderNumber}}
                {{#packages}}
                ◆お届け先: {{destinationName}} 様
                {{#parcels}}
                　{{carrierName}} お問い合わせ番号 {{trackingNumber}}（発送日 {{shipDate}}）
                {{#trackingUrl}}
                　{{trackingUrl}}
                {{/trackingUrl}}
                {{/parcels}}
                {{/packages}}
                {{#isCashOnDelivery}}

                代金引換: 商品お受け取りの際に {{requestPrice}} をお支払いください。
                {{/isCashOnDelivery}}

                配送状況は配送会社のページでご確認いただけます（反映まで数時間かかることがあります）。

                {{signature}}

                """),
        ]
    }
}
