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
        if request.ordererModel.familyName.isEmpty { check.fail("010", "familyNameの値を指定して下さい。") }
        if request.ordererModel.prefecture.isEmpty { check.fail("010", "prefectureの値を指定して下さい。") }
        guard check.isValid else { return Self.refused(check, orderNumber: order.orderNumber) }
        order.ordererModel = request.ordererModel
        await state.replace(order)
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

    /// getSubStatusList: the shop's own sub-statuses.
    func getSubStatusList() -> SandboxAnswer {
        .json(.ok, GetSubStatusListResponse(
            messages: [.info("ORDER_EXT_API_GET_SUBSTATUSLIST_INFO_101", "サブステータス情報取得に成功しました。")],
            statuses: [
                StatusModel(orderProgress: 100, subStatuses: [
                    SubStatusModel(subStatusId: 3601, subStatusName: "要確認", orderby: 1),
                    SubStatusModel(subStatusId: 3602, subStatusName: "在庫確認中", orderby: 2),
                ]),
                StatusModel(orderProgress: 300, subStatuses: [
                    SubStatusModel(subStatusId: 3701, subStatusName: "ピッキング済", orderby: 1),
                ]),
            ]))
    }
}
