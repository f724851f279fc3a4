import OrderEngine

extension Order {
    /// Maps an order as RMS sent it. -9999 amounts become ``Money/unset``.
    public init(rakuten model: OrderModel, localStatus: LocalStatus) {
        let progress = RMSProgress(code: model.orderProgress)
        let confirmed = model.shopOrderCfmDatetime != nil
        self.init(
            number: OrderNumber(model.orderNumber),
            origin: .rakutenAPI,
            orderedAt: model.orderDatetime.date,
            rmsProgress: progress,
            localStatus: localStatus,
            sync: confirmed ? .afterConfirmation(rmsProgress: progress) : .notSent,
            orderer: Contact(orderer: model.ordererModel),
            packages: model.packageModelList.filter { $0.packageDeleteFlag == 0 }.map(Package.init(rakuten:)),
            payment: Payment(
                methodCode: model.settlementModel?.settlementMethodCode,
                methodName: model.settlementModel?.settlementMethod ?? "（不明）",
                cardNumber: model.settlementModel?.cardNumber,
                cardName: model.settlementModel?.cardName),
            fees: Fees(
                shipping: Money(rakuten: model.postagePrice),
                cashOnDelivery: Money(rakuten: model.deliveryPrice),
                paymentCharge: Money(rakuten: model.paymentCharge)),
            goodsPrice: Money(rakuten: model.goodsPrice),
            couponTotal: model.couponAllTotalPrice,
            coupons: (model.couponModelList ?? []).map {
                Coupon(code: $0.couponCode, name: $0.couponName, capital: $0.couponCapital,
                       total: Money(rakuten: $0.couponTotalPrice))
            },
            pointsUsed: model.pointModel?.usedPoint ?? 0,
            confirmedAt: model.shopOrderCfmDatetime?.date,
            remarks: model.remarks,
            memo: model.memo)
        rmsAmounts = RMSAmounts(rakuten: model)
        mailPlugSentence = model.mailPlugSentence
        rakutenReceipts = model.receiptIssueCount.map {
            RakutenReceipts(count: $0, dates: (model.receiptIssueHistoryList ?? []).map(\.date))
        }
        delivery = DeliveryDetails(
            method: model.deliveryModel.deliveryName,
            date: model.deliveryDate.flatMap { CalendarDate(year: $0.year, month: $0.month, day: $0.day) },
            timeSlot: model.shippingTerm, isGift: model.giftCheckFlag == 1, isAsuraku: model.asurakuFlag == 1,
            isIsolatedIsland: model.isolatedIslandFlag == 1, subStatus: model.subStatusName, subStatusID: model.subStatusId, containsDrug: model.drugFlag == 1,
            caution: model.cautionDisplayType, isSocialGift: model.socialGiftFlag == 1)
    }
}

extension RMSAmounts {
    init(rakuten model: OrderModel) {
        self.init(
            goods: Money(rakuten: model.goodsPrice), postage: Money(rakuten: model.postagePrice),
            cashOnDelivery: Money(rakuten: model.deliveryPrice), paymentCharge: Money(rakuten: model.paymentCharge),
            total: Money(rakuten: model.totalPrice), request: Money(rakuten: model.requestPrice),
            coupons: model.couponAllTotalPrice, points: model.pointModel?.usedPoint ?? 0,
            additionalFee: Money(rakuten: model.additionalFeeOccurAmountToUser),
            wrappings: [model.wrappingModel1, model.wrappingModel2].compactMap { $0 }.filter { $0.deleteWrappingFlag == 0 }.map {
                Wrapping(kind: $0.title == 2 ? "リボン" : "包装紙", name: $0.name, price: Money(rakuten: $0.price))
            },
            taxSummary: (model.taxSummaryModelList ?? []).map {
                TaxLine(
                    rate: $0.taxRate, request: Money(rakuten: $0.reqPrice), requestTax: Money(rakuten: $0.reqPriceTax),
                    total: Money(rakuten: $0.totalPrice), paymentCharge: Money(rakuten: $0.paymentCharge),
                    coupons: Money(rakuten: $0.couponPrice), points: Money(rakuten: $0.point))
            })
    }
}

extension Contact {
    init(orderer m: OrdererModel) {
        self.init(
            familyName: m.familyName, firstName: m.firstName ?? "", familyNameKana: m.familyNameKana ?? "",
            firstNameKana: m.firstNameKana ?? "", zipCode: m.zipCode1 + "-" + m.zipCode2, prefecture: m.prefecture,
            city: m.city, subAddress: m.subAddress,
            phoneNumber: Self.phone(m.phoneNumber1, m.phoneNumber2, m.phoneNumber3), emailAddress: m.emailAddress)
    }

    init(sender m: SenderModel) {
        self.init(
            familyName: m.familyName, firstName: m.firstName ?? "", familyNameKana: m.familyNameKana ?? "",
            firstNameKana: m.firstNameKana ?? "", zipCode: m.zipCode1 + "-" + m.zipCode2, prefecture: m.prefecture,
            city: m.city, subAddress: m.subAddress,
            phoneNumber: Self.phone(m.phoneNumber1, m.phoneNumber2, m.phoneNumber3))
    }

    /// The parts RMS gives, joined by hyphens; missing or empty parts left out. Built in place:
    /// a phone number is short enough to need no allocation, the arrays of a joined() did.
    static func phone(_ first: String?, _ second: String?, _ third: String?) -> String {
        var phone = ""
        func add(_ part: String?) {
            guard let part, !part.isEmpty else { return }
            if !phone.isEmpty { phone.append("-") }
            phone.append(part)
        }
        add(first)
        add(second)
        add(third)
        return phone
    }
}

extension Package {
    init(rakuten m: PackageModel) {
        self.init(
            basketID: m.basketId,
            destination: Contact(sender: m.senderModel),
            items: m.itemModelList.filter { $0.deleteItemFlag == 0 }.map {
                Item(itemDetailID: $0.itemDetailId, name: $0.itemName, manageNumber: $0.manageNumber,
                     selectedChoice: $0.selectedChoice, unitPrice: $0.price, units: $0.units, taxRate: $0.taxRate,
                     includesTax: $0.includeTaxFlag == 1)
            },
            postage: Money(rakuten: m.postagePrice),
            cashOnDeliveryFee: Money(rakuten: m.deliveryPrice),
            shipments: (m.shippingModelList ?? []).map {
                Shipment(shippingDetailID: $0.shippingDetailId, trackingNumber: $0.shippingNumber,
                         carrier: $0.deliveryCompany.map(Carrier.init(code:)), shippingDate: $0.shippingDate?.description)
            })
        let store = m.deliveryCvsModel.flatMap { cvs in
            cvs.storeName.map {
                PackageHandling.ConvenienceStore(
                    name: $0, zipCode: cvs.storeZip ?? "", address: (cvs.storePrefecture ?? "") + (cvs.storeAddress ?? ""))
            }
        }
        let awaiting = m.socialGiftModel.flatMap { $0.inputFlag == 1 ? nil : ($0.inputDueDate.map { RakutenDate($0).description } ?? "期限不明") }
        let handling = PackageHandling(
            noshi: m.noshi, convenienceStore: store, dropOffLocation: m.dropOffFlag == 1 ? (m.dropOffLocation ?? "指定あり") : nil,
            recipientInputDue: awaiting)
        self.handling = handling.isEmpty ? nil : handling
    }
}
