/// getOrder's models read by hand from the tape: the hot path of every fetch, where Codable's
/// generic machinery costs more than the reading. Each line mirrors the model's Codable
/// declaration (same key, same optionality); a test decodes generated orders both ways and
/// requires the same result, so a field added to one and not the other is caught.

extension OrderModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        orderNumber = try object.string("orderNumber")
        orderProgress = try object.int("orderProgress")
        subStatusId = try object.intIfPresent("subStatusId")
        subStatusName = try object.stringIfPresent("subStatusName")
        orderDatetime = try object.dateTime("orderDatetime")
        shopOrderCfmDatetime = try object.dateTimeIfPresent("shopOrderCfmDatetime")
        orderFixDatetime = try object.dateTimeIfPresent("orderFixDatetime")
        shippingInstDatetime = try object.dateTimeIfPresent("shippingInstDatetime")
        shippingCmplRptDatetime = try object.dateTimeIfPresent("shippingCmplRptDatetime")
        cancelDueDate = try object.dateIfPresent("cancelDueDate")
        deliveryDate = try object.dateIfPresent("deliveryDate")
        shippingTerm = try object.intIfPresent("shippingTerm")
        remarks = try object.stringIfPresent("remarks")
        giftCheckFlag = try object.int("giftCheckFlag")
        socialGiftFlag = try object.intIfPresent("socialGiftFlag")
        severalSenderFlag = try object.int("severalSenderFlag")
        equalSenderFlag = try object.int("equalSenderFlag")
        isolatedIslandFlag = try object.int("isolatedIslandFlag")
        rakutenMemberFlag = try object.int("rakutenMemberFlag")
        carrierCode = try object.int("carrierCode")
        emailCarrierCode = try object.int("emailCarrierCode")
        orderType = try object.int("orderType")
        reserveNumber = try object.stringIfPresent("reserveNumber")
        reserveDeliveryCount = try object.intIfPresent("reserveDeliveryCount")
        cautionDisplayType = try object.int("cautionDisplayType")
        cautionDisplayDetailType = try object.intIfPresent("cautionDisplayDetailType")
        rakutenConfirmFlag = try object.int("rakutenConfirmFlag")
        goodsPrice = try object.int("goodsPrice")
        goodsTax = try object.intIfPresent("goodsTax")
        postagePrice = try object.int("postagePrice")
        deliveryPrice = try object.int("deliveryPrice")
        paymentCharge = try object.int("paymentCharge")
        paymentChargeTaxRate = try object.double("paymentChargeTaxRate")
        totalPrice = try object.int("totalPrice")
        requestPrice = try object.int("requestPrice")
        couponAllTotalPrice = try object.int("couponAllTotalPrice")
        couponShopPrice = try object.int("couponShopPrice")
        couponOtherPrice = try object.int("couponOtherPrice")
        additionalFeeOccurAmountToUser = try object.int("additionalFeeOccurAmountToUser")
        additionalFeeOccurAmountToShop = try object.int("additionalFeeOccurAmountToShop")
        asurakuFlag = try object.int("asurakuFlag")
        drugFlag = try object.int("drugFlag")
        dealFlag = try object.int("dealFlag")
        membershipType = try object.int("membershipType")
        memo = try object.stringIfPresent("memo")
        `operator` = try object.stringIfPresent("operator")
        mailPlugSentence = try object.stringIfPresent("mailPlugSentence")
        modifyFlag = try object.int("modifyFlag")
        isTaxRecalc = try object.intIfPresent("isTaxRecalc")
        receiptIssueCount = try object.intIfPresent("receiptIssueCount")
        receiptIssueHistoryList = try object.valueIfPresent("receiptIssueHistoryList")?.elements().map { try $0.dateTime() }
        ordererModel = try object.model("OrdererModel", as: OrdererModel.self)
        settlementModel = try object.modelIfPresent("SettlementModel", as: SettlementModel.self)
        deliveryModel = try object.model("DeliveryModel", as: DeliveryModel.self)
        pointModel = try object.modelIfPresent("PointModel", as: PointModel.self)
        wrappingModel1 = try object.modelIfPresent("WrappingModel1", as: WrappingModel.self)
        wrappingModel2 = try object.modelIfPresent("WrappingModel2", as: WrappingModel.self)
        packageModelList = try object.list("PackageModelList", of: PackageModel.self)
        couponModelList = try object.listIfPresent("CouponModelList", of: CouponModel.self)
        changeReasonModelList = try object.listIfPresent("ChangeReasonModelList", of: ChangeReasonModel.self)
        taxSummaryModelList = try object.listIfPresent("TaxSummaryModelList", of: TaxSummaryModel.self)
        dueDateModelList = try object.listIfPresent("DueDateModelList", of: DueDateModel.self)
        deliveryCertPrgFlag = try object.intIfPresent("deliveryCertPrgFlag")
        oneDayOperationFlag = try object.intIfPresent("oneDayOperationFlag")
    }
}

extension OrdererModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        zipCode1 = try object.string("zipCode1")
        zipCode2 = try object.string("zipCode2")
        prefecture = try object.string("prefecture")
        city = try object.string("city")
        subAddress = try object.string("subAddress")
        familyName = try object.string("familyName")
        firstName = try object.stringIfPresent("firstName")
        familyNameKana = try object.stringIfPresent("familyNameKana")
        firstNameKana = try object.stringIfPresent("firstNameKana")
        phoneNumber1 = try object.stringIfPresent("phoneNumber1")
        phoneNumber2 = try object.stringIfPresent("phoneNumber2")
        phoneNumber3 = try object.stringIfPresent("phoneNumber3")
        emailAddress = try object.string("emailAddress")
        sex = try object.stringIfPresent("sex")
        birthYear = try object.intIfPresent("birthYear")
        birthMonth = try object.intIfPresent("birthMonth")
        birthDay = try object.intIfPresent("birthDay")
    }
}

extension SenderModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        zipCode1 = try object.string("zipCode1")
        zipCode2 = try object.string("zipCode2")
        prefecture = try object.string("prefecture")
        city = try object.string("city")
        subAddress = try object.string("subAddress")
        familyName = try object.string("familyName")
        firstName = try object.stringIfPresent("firstName")
        familyNameKana = try object.stringIfPresent("familyNameKana")
        firstNameKana = try object.stringIfPresent("firstNameKana")
        phoneNumber1 = try object.stringIfPresent("phoneNumber1")
        phoneNumber2 = try object.stringIfPresent("phoneNumber2")
        phoneNumber3 = try object.stringIfPresent("phoneNumber3")
        isolatedIslandFlag = try object.int("isolatedIslandFlag")
    }
}

extension SettlementModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        settlementMethodCode = try object.intIfPresent("settlementMethodCode")
        settlementMethod = try object.string("settlementMethod")
        rpaySettlementFlag = try object.intIfPresent("rpaySettlementFlag")
        cardName = try object.stringIfPresent("cardName")
        cardNumber = try object.stringIfPresent("cardNumber")
        cardOwner = try object.stringIfPresent("cardOwner")
        cardYm = try object.stringIfPresent("cardYm")
        cardPayType = try object.intIfPresent("cardPayType")
        cardInstallmentDesc = try object.stringIfPresent("cardInstallmentDesc")
    }
}

extension PackageModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        basketId = try object.int("basketId")
        postagePrice = try object.int("postagePrice")
        postageTaxRate = try object.doubleIfPresent("postageTaxRate")
        deliveryPrice = try object.int("deliveryPrice")
        deliveryTaxRate = try object.doubleIfPresent("deliveryTaxRate")
        goodsTax = try object.intIfPresent("goodsTax")
        goodsPrice = try object.int("goodsPrice")
        totalPrice = try object.int("totalPrice")
        noshi = try object.stringIfPresent("noshi")
        packageDeleteFlag = try object.int("packageDeleteFlag")
        senderModel = try object.model("SenderModel", as: SenderModel.self)
        itemModelList = try object.list("ItemModelList", of: ItemModel.self)
        shippingModelList = try object.listIfPresent("ShippingModelList", of: ShippingModel.self)
        deliveryCvsModel = try object.modelIfPresent("DeliveryCvsModel", as: DeliveryCvsModel.self)
        defaultDeliveryCompanyCode = try object.stringIfPresent("defaultDeliveryCompanyCode")
        dropOffFlag = try object.intIfPresent("dropOffFlag")
        dropOffLocation = try object.stringIfPresent("dropOffLocation")
        socialGiftModel = try object.modelIfPresent("SocialGiftModel", as: SocialGiftModel.self)
    }
}

extension ItemModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        itemDetailId = try object.int("itemDetailId")
        itemName = try object.string("itemName")
        itemId = try object.int("itemId")
        itemNumber = try object.stringIfPresent("itemNumber")
        manageNumber = try object.string("manageNumber")
        price = try object.int("price")
        units = try object.int("units")
        includePostageFlag = try object.int("includePostageFlag")
        includeTaxFlag = try object.int("includeTaxFlag")
        includeCashOnDeliveryPostageFlag = try object.int("includeCashOnDeliveryPostageFlag")
        selectedChoice = try object.stringIfPresent("selectedChoice")
        pointRate = try object.int("pointRate")
        pointType = try object.int("pointType")
        inventoryType = try object.int("inventoryType")
        delvdateInfo = try object.stringIfPresent("delvdateInfo")
        restoreInventoryFlag = try object.int("restoreInventoryFlag")
        dealFlag = try object.int("dealFlag")
        drugFlag = try object.int("drugFlag")
        deleteItemFlag = try object.int("deleteItemFlag")
        taxRate = try object.double("taxRate")
        priceTaxIncl = try object.int("priceTaxIncl")
        isSingleItemShipping = try object.intIfPresent("isSingleItemShipping")
        skuModelList = try object.listIfPresent("SkuModelList", of: SkuModel.self)
    }
}

extension ShippingModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        shippingDetailId = try object.int("shippingDetailId")
        shippingNumber = try object.stringIfPresent("shippingNumber")
        deliveryCompany = try object.stringIfPresent("deliveryCompany")
        deliveryCompanyName = try object.stringIfPresent("deliveryCompanyName")
        shippingDate = try object.dateIfPresent("shippingDate")
    }
}

extension DeliveryModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        deliveryName = try object.string("deliveryName")
        deliveryClass = try object.intIfPresent("deliveryClass")
    }
}

extension PointModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        usedPoint = try object.int("usedPoint")
    }
}

extension WrappingModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        title = try object.int("title")
        name = try object.string("name")
        price = try object.int("price")
        includeTaxFlag = try object.int("includeTaxFlag")
        deleteWrappingFlag = try object.int("deleteWrappingFlag")
        taxRate = try object.doubleIfPresent("taxRate")
        taxPrice = try object.intIfPresent("taxPrice")
    }
}

extension ChangeReasonModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        changeId = try object.int("changeId")
        changeType = try object.intIfPresent("changeType")
        changeTypeDetail = try object.intIfPresent("changeTypeDetail")
        changeReason = try object.intIfPresent("changeReason")
        changeReasonDetail = try object.intIfPresent("changeReasonDetail")
        changeApplyDatetime = try object.dateTimeIfPresent("changeApplyDatetime")
        changeFixDatetime = try object.dateTimeIfPresent("changeFixDatetime")
        changeCmplDatetime = try object.dateTimeIfPresent("changeCmplDatetime")
    }
}

extension TaxSummaryModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        taxRate = try object.double("taxRate")
        reqPrice = try object.int("reqPrice")
        reqPriceTax = try object.int("reqPriceTax")
        totalPrice = try object.int("totalPrice")
        paymentCharge = try object.int("paymentCharge")
        couponPrice = try object.int("couponPrice")
        point = try object.int("point")
    }
}

extension DueDateModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        dueDateType = try object.int("dueDateType")
        dueDate = try object.date("dueDate")
    }
}

extension CouponModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        couponCode = try object.string("couponCode")
        itemId = try object.int("itemId")
        couponName = try object.string("couponName")
        couponSummary = try object.stringIfPresent("couponSummary")
        couponCapital = try object.string("couponCapital")
        couponCapitalCode = try object.int("couponCapitalCode")
        expiryDate = try object.dateIfPresent("expiryDate")
        couponPrice = try object.intIfPresent("couponPrice")
        couponUnit = try object.intIfPresent("couponUnit")
        couponTotalPrice = try object.int("couponTotalPrice")
        itemDetailId = try object.intIfPresent("itemDetailId")
    }
}

extension DeliveryCvsModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        cvsCode = try object.intIfPresent("cvsCode")
        storeGenreCode = try object.stringIfPresent("storeGenreCode")
        storeCode = try object.stringIfPresent("storeCode")
        storeName = try object.stringIfPresent("storeName")
        storeZip = try object.stringIfPresent("storeZip")
        storePrefecture = try object.stringIfPresent("storePrefecture")
        storeAddress = try object.stringIfPresent("storeAddress")
        areaCode = try object.stringIfPresent("areaCode")
        depo = try object.stringIfPresent("depo")
        openTime = try object.stringIfPresent("openTime")
        closeTime = try object.stringIfPresent("closeTime")
        cvsRemarks = try object.stringIfPresent("cvsRemarks")
    }
}

extension SocialGiftModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        sgMngNumber = try object.stringIfPresent("sgMngNumber")
        inputDueDate = try object.dateTimeIfPresent("inputDueDate")
        inputFlag = try object.intIfPresent("inputFlag")
        inputCompDatetime = try object.dateTimeIfPresent("inputCompDatetime")
        receiverEmailAddress = try object.stringIfPresent("receiverEmailAddress")
    }
}

extension SkuModel: TapeDecodable {
    init(tape object: TapeObject) throws {
        variantId = try object.stringIfPresent("variantId")
        merchantDefinedSkuId = try object.stringIfPresent("merchantDefinedSkuId")
        skuInfo = try object.stringIfPresent("skuInfo")
    }
}

extension GetOrderResponse: TapeDecodable {
    /// Orders one by one: a malformed order becomes a failure naming its number and key path,
    /// and the others still arrive.
    init(tape object: TapeObject) throws {
        messages = try object.value("MessageModelList").decoded([MessageModel].self)
        version = try object.intIfPresent("version")
        orders = []
        failures = []
        orderBytes = []
        for (index, element) in (try object.valueIfPresent("OrderModelList")?.elements() ?? []).enumerated() {
            do {
                orders.append(try element.model(OrderModel.self))
                orderBytes.append(element.byteRange)
            } catch {
                let number = try? TapeObject(tape: element.tape, entry: element.entry, path: nil).stringIfPresent("orderNumber")
                failures.append(OrderDecodingFailure(index: index, orderNumber: number ?? nil, error: error))
                failureBytes.append(element.byteRange)
            }
        }
    }
}
