import RakutenPay

extension SandboxAPI {
    func updateOrderOrderer(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERORDERER", body: body.json)
        let current = await order(named: &check)
        _ = check.required("OrdererModel")
        guard check.isValid, var order = current, let request = body.decode(UpdateOrderOrdererRequest.self) else {
            if check.isValid { check.badFormat("OrdererModel") }
            return Self.refused(check)
        }
        let orderer = request.ordererModel
        if [800, 900].contains(order.orderProgress) {
            check.fail("101", "指定された注文は注文者情報を更新できる状態ではありませんでした。")
        } else if orderer != order.ordererModel {
            check.checkContact(
                "OrdererModel", zip1: orderer.zipCode1, zip2: orderer.zipCode2, prefecture: orderer.prefecture, city: orderer.city,
                subAddress: orderer.subAddress, familyName: orderer.familyName, firstName: orderer.firstName,
                kana: [orderer.familyNameKana, orderer.firstNameKana], phones: [orderer.phoneNumber1, orderer.phoneNumber2, orderer.phoneNumber3])
        }
        // The masked e-mail address is RMS's: a different one is not taken.
        if orderer.emailAddress != order.ordererModel.emailAddress { check.fail("033", "emailAddressは変更できません。") }
        guard check.isValid else { return Self.refused(check, orderNumber: order.orderNumber) }
        order.ordererModel = orderer
        await state.replace(order)
        await state.noteAccepted(.updateOrderOrderer, order.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_UPDATE_ORDERORDERER_INFO_101", "注文者情報の更新設定が完了しました。", orderNumber: order.orderNumber)])
    }

    func updateOrderDelivery(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERDELIVERY", body: body.json)
        let current = await order(named: &check)
        let name = check.required("deliveryName")?.stringValue
        guard check.isValid, var order = current, let name else { return Self.refused(check) }
        guard state.configuration.deliveryNames.contains(name) else {
            check.fail("901", "指定された配送方法（\(name)）は店舗に設定されていません。")
            return Self.refused(check, orderNumber: order.orderNumber)
        }
        guard Self.beforeShipping.contains(order.orderProgress) else {
            check.fail("902", "指定された注文は配送方法を更新できる状態ではありませんでした。")
            return Self.refused(check, orderNumber: order.orderNumber)
        }
        order.deliveryModel.deliveryName = name
        await state.replace(order)
        await state.noteAccepted(.updateOrderDelivery, order.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_UPDATE_ORDERDELIVERY_INFO_101", "配送方法の更新設定が完了しました。", orderNumber: order.orderNumber)])
    }

    func updateOrderMemo(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERMEMO", body: body.json)
        let current = await order(named: &check)
        guard check.isValid, var order = current else { return Self.refused(check) }
        let memo = body.json["memo"]?.stringValue
        let person = body.json["operator"]?.stringValue
        let sentence = body.json["mailPlugSentence"]?.stringValue
        if let memo, memo.count > 1000 { check.fail("107", "memoは1000文字以内で指定して下さい。") }
        if let person, person.count > 6 { check.fail("108", "operatorは6文字以内で指定して下さい。") }
        if let sentence, sentence.count > 1024 { check.fail("109", "mailPlugSentenceは1024文字以内で指定して下さい。") }
        var deliveryDate: RakutenDate?
        if let date = body.json["deliveryDate"], date != .null {
            deliveryDate = date.stringValue.flatMap(RakutenDate.init(parsing:))
            if deliveryDate == nil { check.badFormat("deliveryDate") }
            if let deliveryDate, deliveryDate < RakutenDate(now()) { check.fail("110", "deliveryDateに過去の日付は指定できません。") }
        }
        if let term = body.json["shippingTerm"], term != .null {
            // 0 なし, 1 午前, 2 午後, 9 その他, or h1h2 with 7 ≤ h1 < h2 ≤ 24 (rpay-api.md §4.3).
            let valid = term.intValue.map { code in
                [0, 1, 2, 9].contains(code) || ((7...24).contains(code / 100) && (7...24).contains(code % 100) && code / 100 < code % 100)
            } ?? false
            if !valid { check.badFormat("shippingTerm") }
        }
        if let value = body.json["deliveryClass"], value != .null, !(value.intValue.map { (0...8).contains($0) } ?? false) {
            check.badFormat("deliveryClass")
        }
        guard check.isValid else { return Self.refused(check, orderNumber: order.orderNumber) }
        if let memo { order.memo = memo }
        if let person { order.operator = person }
        if let sentence { order.mailPlugSentence = sentence }
        if let deliveryDate { order.deliveryDate = deliveryDate }
        if let value = body.json["deliveryClass"]?.intValue { order.deliveryModel.deliveryClass = value }
        if let value = body.json["shippingTerm"]?.intValue { order.shippingTerm = value }
        if let value = body.json["subStatusId"]?.intValue { order.subStatusId = value }
        await state.replace(order)
        await state.noteAccepted(.updateOrderMemo, order.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_UPDATE_ORDERMEMO_INFO_101", "ひとことメモ、担当者情報等の更新設定が完了しました。", orderNumber: order.orderNumber)])
    }

    func updateOrderRemarks(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERREMARKS", body: body.json)
        let current = await order(named: &check)
        guard check.isValid, var order = current else { return Self.refused(check) }
        let remarks = body.json["remarks"]?.stringValue
        let gift = body.json["giftCheck"]?.intValue
        if remarks == nil, gift == nil { check.fail("009", "giftCheckまたはremarksの項目を指定して下さい。") }
        if let remarks, remarks.count > 4000 { check.fail("011", "remarksは4000文字以内で指定して下さい。") }
        if let gift, !(0...1).contains(gift) { check.badFormat("giftCheck") }
        guard check.isValid else { return Self.refused(check, orderNumber: order.orderNumber) }
        if let remarks { order.remarks = remarks }
        if let gift { order.giftCheckFlag = gift }
        await state.replace(order)
        await state.noteAccepted(.updateOrderRemarks, order.orderNumber)
        return .messages(.ok, [.info("ORDER_EXT_API_UPDATE_ORDERREMARKS_INFO_101", "備考情報の更新設定が完了しました。", orderNumber: order.orderNumber)])
    }

    /// getPayment: one payment per order, its status following the order's progress.
    func getPayment(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "GET_PAYMENT", body: body.json)
        let current = await order(named: &check)
        _ = check.requiredInt("version", allowed: 1...10)
        guard check.isValid, let order = current else { return Self.refused(check) }
        let status =
            switch order.orderProgress {
            case 800, 900: 31500
            case 300...700: 30600
            default: 30100
            }
        let payment = PaymentModel(
            orderPaymentNumber: "\(order.orderNumber)-1", paymentMethod: order.settlementModel?.settlementMethodCode ?? 1,
            paymentAmount: order.requestPrice, paymentCharge: order.paymentCharge, paymentStatus: status)
        return .json(.ok, GetPaymentResponse(
            messages: [.info("ORDER_EXT_API_GET_PAYMENT_INFO_101", "決済情報取得に成功しました。", orderNumber: order.orderNumber)],
            order: PaymentOrderModel(orderNumber: order.orderNumber, payments: [payment])))
    }

    /// The shop's own sub-statuses, per RMS status, as getSubStatusList gives them.
    static let subStatuses: [StatusModel] = [
        StatusModel(orderProgress: 100, subStatuses: [
            SubStatusModel(subStatusId: 3601, subStatusName: "要確認", orderby: 1),
            SubStatusModel(subStatusId: 3602, subStatusName: "在庫確認中", orderby: 2),
        ]),
        StatusModel(orderProgress: 300, subStatuses: [
            SubStatusModel(subStatusId: 3701, subStatusName: "ピッキング済", orderby: 1),
            SubStatusModel(subStatusId: 3702, subStatusName: "お届け日変更あり", orderby: 2),
        ]),
        StatusModel(orderProgress: 500, subStatuses: [
            SubStatusModel(subStatusId: 3801, subStatusName: "返品受付", orderby: 1),
        ]),
    ]

    /// getSubStatusList: the shop's own sub-statuses.
    func getSubStatusList() -> SandboxAnswer {
        .json(.ok, GetSubStatusListResponse(
            messages: [.info("ORDER_EXT_API_GET_SUBSTATUSLIST_INFO_101", "サブステータス情報取得に成功しました。")],
            statuses: Self.subStatuses))
    }

    /// updateOrderSubStatus (rpay-api.md §9.6): up to 100 orders; each answered with HTTP 200, an
    /// ERROR for an order RMS will not change (cancelled: 101; a sub-status not of its status: 102;
    /// not the shop's: 016). `subStatusId` null takes it off.
    func updateOrderSubStatus(_ body: SandboxRequestBody) async -> SandboxAnswer {
        var check = RequestChecker(functionCode: "UPDATE_ORDERSUBSTATUS", body: body.json)
        guard let numbers = check.required("orderNumberList")?.arrayValue?.compactMap(\.stringValue) else {
            if check.isValid { check.badFormat("orderNumberList") }
            return Self.refused(check)
        }
        if numbers.count > 100 { check.fail("011", "orderNumberListは100件以内で指定して下さい。") }
        guard body.json["subStatusId"] != nil else {
            check.fail("009", "subStatusIdの項目を指定して下さい。")
            return Self.refused(check)
        }
        let id = body.json["subStatusId"]?.intValue
        if body.json["subStatusId"] != .null, id == nil { check.badFormat("subStatusId") }
        guard check.isValid else { return Self.refused(check) }
        var messages: [MessageModel] = []
        for number in numbers {
            guard var order = await state.orders[number] else {
                messages.append(.error("ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_016", "指定された注文番号は存在しませんでした。", orderNumber: number))
                continue
            }
            if [800, 900].contains(order.orderProgress) {
                messages.append(.error("ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_101", "キャンセルされた注文は更新できません。", orderNumber: number))
                continue
            }
            let known = Self.subStatuses.first { $0.orderProgress == order.orderProgress }?.subStatuses ?? []
            if let id, !known.contains(where: { $0.subStatusId == id }) {
                messages.append(.error("ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_ERROR_102", "指定された注文番号、サブステータスでは更新できません。", orderNumber: number))
                continue
            }
            order.subStatusId = id
            order.subStatusName = id.flatMap { id in known.first { $0.subStatusId == id }?.subStatusName }
            await state.replace(order)
            await state.noteAccepted(.updateOrderSubStatus, number)
            messages.append(.info("ORDER_EXT_API_UPDATE_ORDERSUBSTATUS_INFO_101", "サブステータスの更新設定が完了しました。", orderNumber: number))
        }
        return .messages(.ok, messages)
    }
}
