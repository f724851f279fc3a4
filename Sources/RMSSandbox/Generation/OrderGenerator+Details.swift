import RakutenPay

extension OrderGenerator {
    /// What a real order may also carry — a gift with wrapping, a delivery date and time slot,
    /// あす楽, a sub-status, a convenience-store pick-up, 置き配, a social gift still waiting for its
    /// recipient — drawn from the order's own number, so that the rest of a seed's orders stay
    /// what they were.
    static func addDetails(to model: inout OrderModel, placed: RakutenDateTime) {
        var random = SeededRandom(seed: UInt64(model.orderNumber.suffix(10)) ?? 1)
        if random.chance(0.08) {
            model.giftCheckFlag = 1
            let price = random.pick([0, 0, 220])
            model.wrappingModel1 = WrappingModel(
                title: 1, name: random.pick(["包装紙（赤）", "包装紙（和柄）"]), price: price, includeTaxFlag: 1,
                deleteWrappingFlag: 0, taxRate: 0.1, taxPrice: price / 11)
            if random.chance(0.5) {
                model.wrappingModel2 = WrappingModel(
                    title: 2, name: "リボン（金）", price: 0, includeTaxFlag: 1, deleteWrappingFlag: 0, taxRate: 0.1, taxPrice: 0)
            }
        }
        if random.chance(0.12) {
            model.deliveryDate = RakutenDate(placed.adding(seconds: Int64(random.pick([3, 4, 5, 7])) * 86_400))
        }
        if random.chance(0.15) { model.shippingTerm = random.pick([1, 2, 812, 1416, 1618, 1820, 1921]) }
        if random.chance(0.05) { model.asurakuFlag = 1 }
        if random.chance(0.05) {
            model.subStatusId = random.pick([3601, 3602])
            model.subStatusName = model.subStatusId == 3601 ? "要確認" : "在庫確認中"
        }
        if random.chance(0.02) { model.drugFlag = 1 }
        if random.chance(0.03) { model.cautionDisplayType = 1 }
        let single = model.packageModelList.count == 1
        if single, model.settlementModel?.settlementMethodCode != 2, random.chance(0.04) {
            let store = random.pick([
                ("ファミリーマート 渋谷道玄坂店", "150-0043", "東京都", "渋谷区道玄坂2-6-1"),
                ("ローソン 梅田茶屋町店", "530-0013", "大阪府", "大阪市北区茶屋町8-26"),
                ("ファミリーマート 札幌駅前店", "060-0005", "北海道", "札幌市中央区北五条西2-1"),
            ])
            model.packageModelList[0].deliveryCvsModel = DeliveryCvsModel(
                cvsCode: 1, storeGenreCode: "FM", storeCode: random.digits(6), storeName: store.0, storeZip: store.1,
                storePrefecture: store.2, storeAddress: store.3, openTime: "00:00", closeTime: "24:00")
            model.deliveryModel = DeliveryModel(deliveryName: "コンビニ受取", deliveryClass: 0)
        } else if random.chance(0.06) {
            model.packageModelList[0].dropOffFlag = 1
            model.packageModelList[0].dropOffLocation = random.pick(["玄関前", "宅配ボックス", "メーターボックス"])
        }
        if single, random.chance(0.02) {
            // The recipient enters the address later: until then RMS shows dummy values (§4.5).
            model.socialGiftFlag = 1
            model.packageModelList[0].socialGiftModel = SocialGiftModel(
                sgMngNumber: "SG\(random.digits(10))", inputDueDate: placed.adding(seconds: 7 * 86_400), inputFlag: 0)
            var sender = model.packageModelList[0].senderModel
            sender.zipCode1 = "999"
            sender.zipCode2 = "9999"
            sender.prefecture = "入力待ち"
            sender.city = "入力待ち"
            sender.subAddress = "入力待ち"
            sender.familyName = "入力待ち"
            sender.firstName = "入力待ち"
            sender.familyNameKana = "ニュウリョクマチ"
            sender.firstNameKana = "ニュウリョクマチ"
            sender.phoneNumber1 = "999"
            sender.phoneNumber2 = "9999"
            sender.phoneNumber3 = "9999"
            model.packageModelList[0].senderModel = sender
        }
        // Wrapping is part of goodsPrice: the totals follow it.
        if (model.wrappingModel1?.price ?? 0) > 0 { model.recomputeTotals() } else { model.recomputeTaxSummary() }
    }
}
