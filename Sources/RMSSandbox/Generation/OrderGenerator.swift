import RakutenPay

/// Makes a shop's worth of orders that look like RMS's: Japanese names and kana, addresses across
/// prefectures, 1–4 items, several payment methods, some unset postage, repeat customers at the
/// same address (bundle candidates), multi-destination orders, coupons and points.
/// The same seed and `now` always give the same orders.
public struct OrderGenerator: Sendable {
    public struct Settings: Sendable {
        public var shopID: String
        /// Share of orders whose postage RMS has not fixed (-9999).
        public var unsetPostageRate: Double = 0.06
        /// Share of orders placed by someone who ordered before, to the same address.
        public var repeatCustomerRate: Double = 0.1
        /// Share of orders still waiting for the shop's confirmation; the rest are older and further on.
        public var awaitingConfirmationRate: Double = 0.85
        public var multiDestinationRate: Double = 0.05

        public init(shopID: String) { self.shopID = shopID }
    }

    public var settings: Settings
    private var random: SeededRandom
    private var customers: [Customer] = []
    private var usedSerials: Set<String> = []
    private var nextBasketID = 10_746_400
    private var nextItemDetailID = 50_000_000

    struct Customer {
        let orderer: OrdererModel
        let sender: SenderModel
    }

    public init(seed: UInt64, settings: Settings) {
        self.random = SeededRandom(seed: seed)
        self.settings = settings
    }

    /// `count` orders placed before `now`, newest last.
    public mutating func orders(count: Int, now: RakutenDateTime) -> [OrderModel] {
        (0..<count).map { _ in order(now: now) }.sorted { $0.orderDatetime < $1.orderDatetime }
    }

    /// One new order placed at `placedAt`, waiting for confirmation: as one arrives during a session.
    public mutating func newOrder(placedAt: RakutenDateTime) -> OrderModel {
        makeOrder(at: placedAt, progress: 100, now: placedAt)
    }

    private mutating func order(now: RakutenDateTime) -> OrderModel {
        if random.chance(settings.awaitingConfirmationRate) {
            let age = Int64.random(in: 60...(3 * 86_400), using: &random)
            return makeOrder(at: now.adding(seconds: -age), progress: 100, now: now)
        }
        let age = Int64.random(in: (4 * 86_400)...(20 * 86_400), using: &random)
        let progress = random.weighted([(300, 0.6), (500, 0.25), (900, 0.1), (200, 0.05)])
        return makeOrder(at: now.adding(seconds: -age), progress: progress, now: now)
    }

    private mutating func makeOrder(at placed: RakutenDateTime, progress: Int, now: RakutenDateTime) -> OrderModel {
        let customer: Customer
        if !customers.isEmpty, random.chance(settings.repeatCustomerRate) {
            customer = random.pick(customers)
        } else {
            customer = makeCustomer()
            customers.append(customer)
        }
        let payment = makePayment(orderer: customer.orderer)
        let postageUnset = random.chance(settings.unsetPostageRate)

        var packages = [makePackage(sender: customer.sender, postageUnset: postageUnset, cashOnDelivery: payment.settlementMethodCode == 2)]
        if random.chance(settings.multiDestinationRate) {
            packages.append(makePackage(sender: makeCustomer().sender, postageUnset: postageUnset, cashOnDelivery: false))
        }

        let goods = packages.reduce(0) { $0 + $1.goodsPrice }
        let postage = postageUnset ? -9999 : packages.reduce(0) { $0 + $1.postagePrice }
        let cod = packages.reduce(0) { $0 + max(0, $1.deliveryPrice) }
        var coupons: [CouponModel] = []
        if random.chance(0.1) {
            let price = random.pick([300, 500, 1000])
            coupons.append(CouponModel(
                couponCode: "SHOP-\(random.digits(6))", itemId: 0, couponName: "ショップ限定 \(price)円OFFクーポン",
                couponSummary: "お一人様1回限り", couponCapital: "ショップ", couponCapitalCode: 1,
                expiryDate: RakutenDate(placed.adding(seconds: 30 * 86_400)), couponPrice: price, couponUnit: 1,
                couponTotalPrice: price, itemDetailId: nil))
        }
        let couponTotal = coupons.reduce(0) { $0 + $1.couponTotalPrice }
        let points = random.chance(0.2) ? random.pick([100, 200, 500, 1000, 1500]) : 0
        let total = postageUnset ? -9999 : goods + postage
        let request = postageUnset ? -9999 : total + cod - couponTotal - points

        let date = placed.localParts
        var serial = random.digits(10)
        while !usedSerials.insert(serial).inserted { serial = random.digits(10) }
        let number = "\(settings.shopID)-\(zeroPad(date.year, 4))\(zeroPad(date.month, 2))\(zeroPad(date.day, 2))-\(serial)"

        var model = OrderModel(
            orderNumber: number, orderProgress: progress, orderDatetime: placed,
            remarks: random.chance(0.3) ? random.pick(Self.remarks) : nil,
            severalSenderFlag: packages.count > 1 ? 1 : 0,
            equalSenderFlag: packages.count == 1 && customer.sender.familyName == customer.orderer.familyName ? 1 : 0,
            isolatedIslandFlag: packages.contains { $0.senderModel.isolatedIslandFlag == 1 } ? 1 : 0,
            carrierCode: random.pick([0, 11, 12]), emailCarrierCode: 0, orderType: 1,
            goodsPrice: goods, postagePrice: postage, deliveryPrice: cod, paymentCharge: 0,
            totalPrice: total, requestPrice: request, couponAllTotalPrice: couponTotal, couponShopPrice: couponTotal,
            couponOtherPrice: 0, receiptIssueCount: 0,
            ordererModel: customer.orderer, settlementModel: payment,
            deliveryModel: DeliveryModel(deliveryName: random.pick(["宅配便", "宅配便", "メール便"]), deliveryClass: 0),
            pointModel: PointModel(usedPoint: points), packageModelList: packages,
            couponModelList: coupons.isEmpty ? nil : coupons, changeReasonModelList: [],
            deliveryCertPrgFlag: 0, oneDayOperationFlag: 0)
        model.socialGiftFlag = 0
        model.cautionDisplayType = 0
        if progress >= 200 {
            let confirmed = placed.adding(seconds: Int64.random(in: 600...86_400, using: &random))
            model.shopOrderCfmDatetime = confirmed
            model.changeReasonModelList = [ChangeReasonModel(
                changeId: Int.random(in: 1_000_000...9_999_999, using: &random),
                changeType: ChangeReasonModel.orderConfirmationType, changeApplyDatetime: confirmed,
                changeFixDatetime: confirmed, changeCmplDatetime: confirmed)]
            model.orderFixDatetime = confirmed.adding(seconds: 3600)
        }
        if progress == 500 {
            model.shippingCmplRptDatetime = placed.adding(seconds: 2 * 86_400)
        }
        Self.addDetails(to: &model, placed: placed)
        return model
    }

    private mutating func makeCustomer() -> Customer {
        let family = random.pick(JapaneseNames.family)
        let given = random.pick(JapaneseNames.given)
        let city = random.weighted(Addresses.cities.map { ($0, $0.isolatedIsland ? 0.2 : 1.0) })
        let zip2 = random.digits(4)
        let sub = Addresses.subAddress(town: random.pick(city.towns), random: &random)
        let mobile = random.chance(0.7)
        let phone = mobile
            ? (random.pick(["090", "080", "070"]), random.digits(4), random.digits(4))
            : ("0\(Int.random(in: 3...99, using: &random))", random.digits(4), random.digits(4))
        let orderer = OrdererModel(
            zipCode1: city.zip1, zipCode2: zip2, prefecture: city.prefecture, city: city.city, subAddress: sub,
            familyName: family.0, firstName: given.0, familyNameKana: family.1, firstNameKana: given.1,
            phoneNumber1: phone.0, phoneNumber2: phone.1, phoneNumber3: phone.2,
            emailAddress: maskedEmail(), sex: random.pick(["男", "女"]),
            birthYear: Int.random(in: 1950...2004, using: &random), birthMonth: Int.random(in: 1...12, using: &random),
            birthDay: Int.random(in: 1...28, using: &random))
        let sender = SenderModel(
            zipCode1: city.zip1, zipCode2: zip2, prefecture: city.prefecture, city: city.city, subAddress: sub,
            familyName: family.0, firstName: given.0, familyNameKana: family.1, firstNameKana: given.1,
            phoneNumber1: phone.0, phoneNumber2: phone.1, phoneNumber3: phone.2,
            isolatedIslandFlag: city.isolatedIsland ? 1 : 0)
        return Customer(orderer: orderer, sender: sender)
    }

    /// Rakuten masks the buyer's address: 32 hex digits, then `s1@pc.fw.rakuten.ne.jp`.
    private mutating func maskedEmail() -> String {
        let hex = Array("0123456789abcdef")
        return String((0..<32).map { _ in random.pick(hex) }) + "s1@pc.fw.rakuten.ne.jp"
    }

    private mutating func makePayment(orderer: OrdererModel) -> SettlementModel {
        let code = random.weighted([(1, 0.6), (2, 0.2), (9, 0.12), (21, 0.04), (12, 0.04)])
        let name = SettlementModel.methodNames[code] ?? "クレジットカード"
        guard code == 1 else { return SettlementModel(settlementMethodCode: code, settlementMethod: name, rpaySettlementFlag: 1) }
        return SettlementModel(
            settlementMethodCode: code, settlementMethod: name, rpaySettlementFlag: 1,
            cardName: random.pick(["VISA", "MasterCard", "JCB", "AMEX"]),
            cardNumber: "XXXX-XXXX-XXXX-\(random.digits(4))", cardOwner: "XXXXXXXX", cardYm: "20\(Int.random(in: 27...31, using: &random))-\(zeroPad(Int.random(in: 1...12, using: &random), 2))",
            cardPayType: 0)
    }

    private mutating func makePackage(sender: SenderModel, postageUnset: Bool, cashOnDelivery: Bool) -> PackageModel {
        let lines = random.weighted([(1, 0.55), (2, 0.25), (3, 0.13), (4, 0.07)])
        var products = Catalog.products
        var items: [ItemModel] = []
        for _ in 0..<lines {
            let index = Int.random(in: 0..<products.count, using: &random)
            let product = products.remove(at: index)
            let units = random.weighted([(1, 0.75), (2, 0.18), (3, 0.07)])
            nextItemDetailID += 1
            items.append(ItemModel(
                itemDetailId: nextItemDetailID, itemName: product.name, itemId: product.itemId,
                itemNumber: product.manageNumber.uppercased(), manageNumber: product.manageNumber,
                price: product.price, units: units,
                selectedChoice: product.choices.isEmpty ? nil : random.pick(product.choices),
                taxRate: product.taxRate, priceTaxIncl: product.price,
                skuModelList: [SkuModel(variantId: "v\(product.itemId)", merchantDefinedSkuId: nil, skuInfo: nil)]))
        }
        let goods = items.reduce(0) { $0 + $1.price * $1.units }
        let postage = postageUnset ? -9999 : (goods >= 5000 ? 0 : (sender.isolatedIslandFlag == 1 ? 1800 : 800))
        let cod = cashOnDelivery ? 330 : 0
        nextBasketID += 1
        return PackageModel(
            basketId: nextBasketID, postagePrice: postage, postageTaxRate: 0.1, deliveryPrice: cod, deliveryTaxRate: 0.1,
            goodsPrice: goods, totalPrice: postageUnset ? -9999 : goods + postage,
            noshi: items.contains { $0.selectedChoice?.hasPrefix("のし:御") == true } ? "御歳暮" : nil,
            senderModel: sender, itemModelList: items, shippingModelList: [], defaultDeliveryCompanyCode: "1001",
            dropOffFlag: 0)
    }

    static let remarks = [
        "[配送日時指定:]\n午前中希望",
        "[備考欄です:]\nギフト包装をお願いします。",
        "[配送日時指定:]\n2026年11月28日 14:00〜16:00",
        "[備考欄です:]\n領収書をお願いします。宛名は株式会社ヤマダ商事で。",
        "[備考欄です:]\n不在の場合は宅配ボックスへお願いします。",
    ]

    private func zeroPad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
