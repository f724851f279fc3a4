import OrderEngine

extension SlipTemplate {
    /// The stylesheet the shipped templates share: A4, IPAex Gothic, the item table's heading
    /// repeated on every page a long order runs onto. Kept cheap to lay out, as a day's 納品書 are
    /// many: fixed table layouts (sized by content, a table costs the renderer twice), one table a
    /// document, totals and the tax block as lines, no backgrounds; a total's label placed, not
    /// floated (1,000 納品書 laid out in 12 % less time than with a float per line).
    public static let defaultStyleSheet = """
        @page { size: A4; margin: 12mm 12mm 14mm 12mm; }
        body { font-family: "IPAexGothic"; font-size: 9pt; line-height: 1.35; color: #000; margin: 0; }
        section.document + section.document { break-before: page; }
        h1 { font-size: 16pt; text-align: center; margin: 0 0 4mm 0; font-weight: normal; }
        p { margin: 0; }
        .reissue { font-size: 10pt; }
        header { margin-bottom: 4mm; }
        header .from { float: right; width: 40%; text-align: right; }
        header .to { width: 55%; }
        .name { font-size: 12pt; margin-top: 1.5mm; }
        .shop { font-size: 11pt; }
        .lead { clear: both; margin: 2mm 0 3mm 0; }
        table { width: 100%; border-collapse: collapse; table-layout: fixed; }
        th, td { border: 0.4pt solid #444; padding: 1mm 1.5mm; vertical-align: top; }
        th { font-weight: normal; text-align: left; }
        thead { display: table-header-group; }
        thead tr.repeat th { border: none; padding: 0 0 1mm 0; font-size: 8pt; }
        .num { text-align: right; white-space: nowrap; }
        col.units { width: 12%; } col.price { width: 15%; } col.shelf { width: 14%; } col.code { width: 20%; } col.label { width: 18%; }
        .choice { white-space: pre-line; font-size: 8pt; }
        .totals { width: 45%; margin: 3mm 0 0 auto; }
        .totals p { text-align: right; border-bottom: 0.4pt solid #444; padding: 0.6mm 0; position: relative; }
        .totals span { position: absolute; left: 0; }
        .taxes { width: 60%; margin: 3mm 0 0 auto; text-align: right; }
        .note { font-size: 8pt; margin-top: 2mm; text-align: right; }
        .box { border: 0.4pt solid #444; padding: 2mm; margin-top: 3mm; white-space: pre-line; }
        .amount { font-size: 18pt; text-align: center; border-bottom: 1pt solid #000; margin: 6mm 15% 2mm 15%; }
        .picking-order { margin-bottom: 4mm; }
        """

    /// What a shop starts with for `kind`.
    public static func defaultText(of kind: SlipKind) -> String {
        switch kind {
        case .deliveryNote: deliveryNote
        case .orderSlip: orderSlip
        case .picking: picking
        case .receipt: receipt
        }
    }

    static let head = """
        <!doctype html>
        <html lang="ja">
        <head><meta charset="utf-8"><title>{{documentTitle}}</title><link rel="stylesheet" href="slips.css"></head>
        """

    /// The invoice block: per rate, the total and the tax in it; then ※ explained — on a gift's
    /// 納品書 too, which prints no amounts but keeps the marks.
    static let taxBlock = """
          {{#showsPrices}}
          <div class="taxes">
          {{#taxLines}}
            <p>{{rate}}対象{{reducedMark}}　{{amount}}（うち消費税 {{tax}}）</p>
          {{/taxLines}}
          </div>
          {{#isMultiBasket}}<p class="note">税率ごとの合計はご注文全体（すべての送付先）の金額です。送料・手数料は10%対象です。</p>{{/isMultiBasket}}
          {{/showsPrices}}
          {{#hasReducedRate}}<p class="note">※印は軽減税率（8%）対象の商品です。</p>{{/hasReducedRate}}
        """

    /// One order's lines under its header (a 納品書's basket, or an order of a bundle's).
    static func itemTable(header: String) -> String {
        """
          <table class="lines">
            <colgroup><col><col class="units">{{#showsPrices}}<col class="price"><col class="sum">{{/showsPrices}}</colgroup>
            <thead>
              <tr class="repeat"><th colspan="{{#showsPrices}}4{{/showsPrices}}{{^showsPrices}}2{{/showsPrices}}">\(header)</th></tr>
              <tr><th>商品名</th><th class="num">数量</th>{{#showsPrices}}<th class="num">単価</th><th class="num">金額</th>{{/showsPrices}}</tr>
            </thead>
            <tbody>
            {{#items}}
              <tr><td>{{itemName}}{{reducedMark}}{{#selectedChoice}}<div class="choice">{{selectedChoice}}</div>{{/selectedChoice}}</td><td class="num">{{units}}</td>{{#showsPrices}}<td class="num">{{price}}</td><td class="num">{{subtotal}}</td>{{/showsPrices}}</tr>
            {{/items}}
            </tbody>
          </table>
        """
    }

    /// The issuer as an invoice names it: name, address, phone, 登録番号 (each line only when set).
    static let shopLines = """
              <p class="shop">{{shopName}}</p>
              {{#shopAddress}}<p>〒{{shopZipCode}} {{shopAddress}}</p>{{/shopAddress}}
              {{#shopPhone}}<p>TEL {{shopPhone}}</p>{{/shopPhone}}
              {{#isRegistered}}<p>登録番号 {{registrationNumber}}</p>{{/isRegistered}}
        """

    /// The order's amounts, a line each; coupons and points only when used. `whose`: what the
    /// amounts are of, where a page holds more than one (「ご注文全体の」).
    static func totalsBlock(requestLabel: String, whose: String = "") -> String {
        """
          <div class="totals">
            <p><span>\(whose)商品合計</span>{{goodsPrice}}</p>
            <p><span>\(whose)送料</span>{{postagePrice}}</p>
            {{#isCashOnDelivery}}<p><span>代引手数料</span>{{deliveryPrice}}</p>{{/isCashOnDelivery}}
            {{#couponAllTotalPrice}}<p><span>クーポン利用</span>−{{couponAllTotalPrice}}</p>{{/couponAllTotalPrice}}
            {{#usedPoint}}<p><span>ポイント利用</span>−{{usedPoint}}</p>{{/usedPoint}}
            <p><span>\(whose)\(requestLabel)</span>{{requestPrice}}</p>
          </div>
        """
    }

    static let deliveryNote = head + """

        <body>
        {{#documents}}
        <section class="document">
          <h1>納品書{{#isReissue}}<span class="reissue">（再発行）</span>{{/isReissue}}</h1>
          <header>
            <div class="from">
              <p>{{issueDate}}</p>
        \(shopLines)
            </div>
            <div class="to">
              <p>〒{{destinationZipCode}}</p>
              <p>{{destinationAddress}}</p>
              <p class="name">{{destinationName}} 様</p>
            </div>
          </header>
          {{^isBundle}}
          <p class="lead">ご注文者 {{ordererName}} 様　ご注文日時 {{orderDatetime}}<br>このたびはご注文いただき、ありがとうございます。下記のとおり納品いたします。</p>
        \(itemTable(header: "注文番号 {{orderNumber}}　{{destinationName}} 様{{#basketPosition}}　送付先 {{basketPosition}}{{/basketPosition}}"))
          {{#showsPrices}}
          {{#isMultiBasket}}
          <div class="totals">
            <p><span>この送付先の商品合計</span>{{basketGoodsPrice}}</p>
            <p><span>この送付先の送料</span>{{basketPostagePrice}}</p>
            <p><span>この送付先の小計</span>{{basketSubtotal}}</p>
          </div>
          <p class="note">以下はご注文全体（すべての送付先）の金額です。</p>
        \(totalsBlock(requestLabel: "ご請求金額", whose: "ご注文全体の"))
          {{/isMultiBasket}}
          {{^isMultiBasket}}
        \(totalsBlock(requestLabel: "ご請求金額"))
          {{/isMultiBasket}}
          {{/showsPrices}}
        \(taxBlock)
          {{#remarks}}<div class="box">{{remarks}}</div>{{/remarks}}
          {{/isBundle}}
          {{#isBundle}}
          <p class="lead">ご注文者 {{ordererName}} 様<br>このたびはご注文いただき、ありがとうございます。ご注文 {{bundleCount}}件を同梱して納品いたします。</p>
          {{#bundleOrders}}
        \(itemTable(header: "注文番号 {{orderNumber}}　ご注文日時 {{orderDatetime}}　お支払い方法 {{settlementMethod}}"))
          {{#showsPrices}}
        \(totalsBlock(requestLabel: "ご請求金額", whose: "この注文の"))
          <div class="taxes">
          {{#taxLines}}
            <p>{{rate}}対象{{reducedMark}}　{{amount}}（うち消費税 {{tax}}）</p>
          {{/taxLines}}
          </div>
          {{/showsPrices}}
          {{#remarks}}<div class="box">{{remarks}}</div>{{/remarks}}
          {{/bundleOrders}}
          {{#showsPrices}}
          <div class="totals">
            <p><span>同梱 {{bundleCount}}件のご請求金額の合計</span>{{bundleRequestPrice}}</p>
            {{#bundleCollectPrice}}<p><span>うち代金引換でお支払いいただく金額</span>{{bundleCollectPrice}}</p>{{/bundleCollectPrice}}
          </div>
          {{/showsPrices}}
          {{#hasReducedRate}}<p class="note">※印は軽減税率（8%）対象の商品です。</p>{{/hasReducedRate}}
          {{/isBundle}}
          {{#packingNotes}}<p class="note">ラッピング・のし: {{packingNotes}}</p>{{/packingNotes}}
        </section>
        {{/documents}}
        </body>
        </html>

        """

    static let orderSlip = head + """

        <body>
        {{#documents}}
        <section class="document">
          <h1>受注伝票{{#isReissue}}<span class="reissue">（{{copy}}回目）</span>{{/isReissue}}</h1>
          <table>
            <colgroup><col class="label"><col><col class="label"><col></colgroup>
            <tr><th>注文番号</th><td>{{orderNumber}}</td><th>注文日時</th><td>{{orderDatetime}}</td></tr>
            <tr><th>受注ステータス</th><td>{{localStatus}}</td><th>RMS</th><td>{{rmsStatus}}</td></tr>
            <tr><th>注文者</th><td>{{ordererName}} 様<br>〒{{ordererZipCode}} {{ordererAddress}}<br>TEL {{ordererPhoneNumber}}</td><th>支払方法</th><td>{{settlementMethod}}</td></tr>
            <tr><th>配送方法</th><td>{{deliveryName}}</td><th>お届け指定</th><td>{{deliveryDate}} {{shippingTerm}}</td></tr>
            <tr><th>特記</th><td>{{marks}}</td><th>チェック項目</th><td>{{flags}}</td></tr>
            {{#wrappings}}<tr><th>ラッピング</th><td colspan="3">{{wrappings}}</td></tr>{{/wrappings}}
            {{#noshi}}<tr><th>のし</th><td colspan="3">{{noshi}}</td></tr>{{/noshi}}
            {{#memo}}<tr><th>ひとことメモ</th><td colspan="3">{{memo}}</td></tr>{{/memo}}
            {{#remarks}}<tr><th>備考</th><td colspan="3" class="choice">{{remarks}}</td></tr>{{/remarks}}
          </table>
          {{#packages}}
          <table class="taxes">
            <colgroup><col class="code"><col><col class="units"><col class="price"></colgroup>
            <thead>
              <tr class="repeat"><th colspan="4">注文番号 {{orderNumber}}　送付先 {{destinationName}} 様　〒{{destinationZipCode}} {{destinationAddress}}　TEL {{destinationPhoneNumber}}</th></tr>
              <tr><th>商品管理番号</th><th>商品名</th><th class="num">数量</th><th class="num">単価</th></tr>
            </thead>
            <tbody>
            {{#items}}
              <tr><td>{{manageNumber}}</td><td>{{itemName}}{{#selectedChoice}}<div class="choice">{{selectedChoice}}</div>{{/selectedChoice}}</td><td class="num">{{units}}</td><td class="num">{{price}}</td></tr>
            {{/items}}
            </tbody>
          </table>
          {{/packages}}
        \(totalsBlock(requestLabel: "請求金額"))
        \(taxBlock)
        </section>
        {{/documents}}
        </body>
        </html>

        """

    static let picking = head + """

        <body>
        <h1>ピッキングリスト</h1>
        <p class="lead">{{printDate}}　注文 {{orderCount}}件{{#totalUnits}}　総数量 {{totalUnits}}{{/totalUnits}}</p>
        {{#isTotalled}}
        <table>
          <colgroup><col class="shelf"><col class="code"><col><col class="units"><col class="units"></colgroup>
          <thead><tr><th>棚番</th><th>商品管理番号</th><th>商品名・選択肢</th><th class="num">数量</th><th class="num">注文数</th></tr></thead>
          <tbody>
          {{#pickLines}}
            <tr><td>{{shelf}}</td><td>{{manageNumber}}</td><td>{{itemName}}{{#selectedChoice}}<div class="choice">{{selectedChoice}}</div>{{/selectedChoice}}</td><td class="num">{{units}}</td><td class="num">{{orderCount}}</td></tr>
          {{/pickLines}}
          </tbody>
        </table>
        {{/isTotalled}}
        {{#documents}}
        <div class="picking-order">
          <table>
            <colgroup><col class="shelf"><col class="code"><col><col class="units"></colgroup>
            <thead>
              <tr class="repeat"><th colspan="4">{{#isBundle}}同梱 {{bundleCount}}件 {{bundleNumbers}}{{/isBundle}}{{^isBundle}}注文番号 {{orderNumber}}{{/isBundle}}　{{ordererName}} 様　{{deliveryName}}{{#packingNotes}}　{{packingNotes}}{{/packingNotes}}</th></tr>
              <tr><th>棚番</th><th>商品管理番号</th><th>商品名・選択肢</th><th class="num">数量</th></tr>
            </thead>
            <tbody>
            {{#items}}
              <tr><td>{{shelf}}</td><td>{{manageNumber}}</td><td>{{itemName}}{{#selectedChoice}}<div class="choice">{{selectedChoice}}</div>{{/selectedChoice}}</td><td class="num">{{units}}</td></tr>
            {{/items}}
            </tbody>
          </table>
        </div>
        {{/documents}}
        </body>
        </html>

        """

    static let receipt = head + """

        <body>
        {{#documents}}
        <section class="document">
          <h1>領収書{{#isReissue}}<span class="reissue">（再発行）</span>{{/isReissue}}</h1>
          <header>
            <div class="from"><p>No. {{receiptNumber}}</p><p>発行日 {{issueDate}}</p></div>
            <div class="to"><p class="name">{{addressee}} 様</p></div>
          </header>
          <p class="amount" style="clear: both">{{receiptAmount}}</p>
          <p style="text-align: center">但し {{purpose}}　上記正に領収いたしました。</p>
          <div class="totals">
            <p><span>注文番号</span>{{orderNumber}}</p>
            <p><span>ご注文日</span>{{orderDatetime}}</p>
            <p><span>お支払方法</span>{{settlementMethod}}</p>
            {{#usedPoint}}<p><span>ポイント利用（領収金額に含みません）</span>{{usedPoint}}</p>{{/usedPoint}}
          </div>
        \(taxBlock)
          <div class="from" style="margin-top: 8mm; text-align: right">
        \(shopLines)
          </div>
        </section>
        {{/documents}}
        </body>
        </html>

        """
}
