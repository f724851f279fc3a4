import Foundation
import OrderEngine
import RakutenPay

extension RMSOrderCSV {
    /// The rows of one 注文番号, made into the API's order: the order's columns from its first row
    /// (checked against the others), a package per 送付先ID, an item per 商品明細ID.
    struct OrderRows {
        let number: String
        let rows: [Row]

        /// The order, or why not; and the lines that repeat an earlier one exactly.
        func read() -> (ReadOrder.Content, repeated: [Int]) {
            if let problem = rows.lazy.compactMap(\.widthProblem).first { return (.refused(problem), []) }
            var values = Values()
            do {
                let (packages, repeated) = try packages(&values)
                let model = try order(packages, &values)
                return (.model(model, problems: values.problems), repeated)
            } catch {
                return (.refused(error.reason), [])
            }
        }

        /// Rows grouped by 送付先ID then 商品明細ID, in the file's order. A line that repeats an
        /// earlier one of the same item exactly is read once; one that differs refuses the order.
        private func packages(_ values: inout Values) throws(Refusal) -> ([PackageModel], repeated: [Int]) {
            var order: [Int] = []
            var byBasket: [Int: [Row]] = [:]
            for row in rows {
                let basket = try values.required(row, .basketID)
                if byBasket[basket] == nil { order.append(basket) }
                byBasket[basket, default: []].append(row)
            }
            var repeated: [Int] = []
            var packages: [PackageModel] = []
            for basket in order {
                let rows = byBasket[basket]!
                var items: [ItemModel] = []
                var seen: [Int: Row] = [:]
                for row in rows {
                    let detail = try values.required(row, .itemDetailID)
                    if let earlier = seen[detail] {
                        guard earlier.fields == row.fields else {
                            throw Refusal(reason: "\(row.line)行目: 商品明細ID \(detail) が \(earlier.line)行目にもあり、内容が違います")
                        }
                        repeated.append(row.line)
                        continue
                    }
                    seen[detail] = row
                    items.append(try item(row, detail: detail, &values))
                }
                let first = rows[0]
                values.agree(rows, on: Self.packageColumns)
                packages.append(PackageModel(
                    basketId: basket,
                    postagePrice: values.money(first, .basketPostage), postageTaxRate: values.rate(first, .basketPostageTaxRate),
                    deliveryPrice: values.money(first, .basketCashOnDelivery),
                    deliveryTaxRate: values.rate(first, .basketCashOnDeliveryTaxRate),
                    goodsTax: values.optional(first, .basketGoodsTax), goodsPrice: values.money(first, .basketGoodsPrice),
                    totalPrice: values.money(first, .basketTotal), noshi: values.text(first, .noshi),
                    senderModel: SenderModel(
                        zipCode1: first.text(.senderZip1), zipCode2: first.text(.senderZip2), prefecture: first.text(.senderPrefecture),
                        city: first.text(.senderCity), subAddress: first.text(.senderSubAddress),
                        familyName: first.text(.senderFamilyName), firstName: values.text(first, .senderFirstName),
                        familyNameKana: values.text(first, .senderFamilyKana), firstNameKana: values.text(first, .senderFirstKana),
                        phoneNumber1: values.text(first, .senderPhone1), phoneNumber2: values.text(first, .senderPhone2),
                        phoneNumber3: values.text(first, .senderPhone3), isolatedIslandFlag: values.flag(first, .isolatedIsland)),
                    itemModelList: items))
            }
            return (packages, repeated)
        }

        private func item(_ row: Row, detail: Int, _ values: inout Values) throws(Refusal) -> ItemModel {
            let price = try values.required(row, .price)
            let units = try values.required(row, .units)
            let includesTax = values.flag(row, .includesTax, default: 1, words: ["税込": 1, "税別": 0])
            let rate = values.rate(row, .itemTaxRate) ?? 0.1
            // Read as RMS's defaults, but said: a line's tax is money on the slips.
            values.noteMissing(row, .includesTax, read: "税込")
            values.noteMissing(row, .itemTaxRate, read: "10%")
            // RMS's 商品毎税込価格; where the file lacks it, the price with its tax (rounded down, as
            // RMS rounds a line's tax): the next API read gives RMS's own.
            let taxIncluded = values.optional(row, .priceTaxIncluded)
                ?? (includesTax == 1 ? price : price + Int((Double(price) * rate).rounded(.down)))
            return ItemModel(
                itemDetailId: detail, itemName: row.text(.itemName), itemId: values.optional(row, .itemID) ?? 0,
                itemNumber: values.text(row, .itemNumber), manageNumber: row.text(.manageNumber), price: price, units: units,
                includePostageFlag: values.flag(row, .includesPostage, words: ["送料込": 1, "送料別": 0]), includeTaxFlag: includesTax,
                includeCashOnDeliveryPostageFlag: values.flag(row, .includesCashOnDelivery, words: ["代引手数料込": 1, "代引手数料別": 0]),
                selectedChoice: values.text(row, .choice), pointRate: values.optional(row, .pointRate) ?? 1,
                inventoryType: values.optional(row, .inventoryType) ?? 0, delvdateInfo: values.text(row, .deliveryInfo),
                taxRate: rate, priceTaxIncl: taxIncluded, isSingleItemShipping: values.optional(row, .singleItemShipping))
        }

        private func order(_ packages: [PackageModel], _ values: inout Values) throws(Refusal) -> OrderModel {
            let first = rows[0]
            values.agree(rows, on: Self.orderColumns)
            let statusText = first.text(.status)
            guard let progress = RMSProgress.code(named: statusText) else {
                throw Refusal(reason: "\(first.line)行目: ステータス「\(statusText)」はRMSのステータスではありません")
            }
            guard let orderedAt = values.dateTime(first, .orderedAt) ?? values.dateTime(first, date: .orderDate, time: .orderTime) else {
                throw Refusal(reason: "\(first.line)行目: 注文日時「\(first.text(.orderedAt))」が読めません")
            }
            let settlement = first.text(.paymentMethod)
            let points = values.count(first, .points)
            let wrappings = [
                values.wrapping(first, title: .wrapping1Title, name: .wrapping1Name, price: .wrapping1Price,
                                includesTax: .wrapping1IncludesTax, rate: .wrapping1TaxRate, tax: .wrapping1Tax),
                values.wrapping(first, title: .wrapping2Title, name: .wrapping2Name, price: .wrapping2Price,
                                includesTax: .wrapping2IncludesTax, rate: .wrapping2TaxRate, tax: .wrapping2Tax),
            ]
            return OrderModel(
                orderNumber: number, orderProgress: progress, subStatusId: values.optional(first, .subStatusID),
                subStatusName: values.text(first, .subStatus), orderDatetime: orderedAt,
                shopOrderCfmDatetime: values.dateTime(first, .confirmedAt), orderFixDatetime: values.dateTime(first, .fixedAt),
                shippingInstDatetime: values.dateTime(first, .shippingInstructedAt),
                shippingCmplRptDatetime: values.dateTime(first, .shippingReportedAt),
                cancelDueDate: values.date(first, .cancelDue), deliveryDate: values.date(first, .deliveryDate),
                shippingTerm: values.optional(first, .timeSlot), remarks: values.text(first, .remarks),
                giftCheckFlag: values.flag(first, .gift), severalSenderFlag: values.flag(first, .severalSenders),
                equalSenderFlag: values.flag(first, .sameSender, default: 1), isolatedIslandFlag: values.flag(first, .isolatedIsland),
                rakutenMemberFlag: values.flag(first, .rakutenMember, default: 1), emailCarrierCode: values.optional(first, .emailCarrier) ?? 0,
                orderType: values.optional(first, .orderType) ?? 1, reserveNumber: values.text(first, .reserveNumber),
                reserveDeliveryCount: values.optional(first, .reserveCount), cautionDisplayType: values.optional(first, .caution) ?? 0,
                cautionDisplayDetailType: values.optional(first, .cautionDetail),
                rakutenConfirmFlag: values.flag(first, .rakutenConfirming), goodsPrice: try values.required(first, .goodsPrice),
                goodsTax: values.optional(first, .goodsTax), postagePrice: try values.required(first, .postage),
                deliveryPrice: try values.required(first, .cashOnDeliveryFee), paymentCharge: values.money(first, .paymentCharge),
                paymentChargeTaxRate: values.rate(first, .paymentChargeTaxRate) ?? 0.1, totalPrice: try values.required(first, .totalPrice),
                requestPrice: try values.required(first, .requestPrice), couponAllTotalPrice: values.count(first, .coupons) ?? 0,
                couponShopPrice: values.optional(first, .shopCoupons) ?? 0, couponOtherPrice: values.optional(first, .rakutenCoupons) ?? 0,
                additionalFeeOccurAmountToUser: values.optional(first, .toUser) ?? 0,
                additionalFeeOccurAmountToShop: values.optional(first, .toShop) ?? 0, asurakuFlag: values.flag(first, .asuraku),
                drugFlag: values.flag(first, .drug), dealFlag: values.flag(first, .deal), membershipType: values.optional(first, .membership) ?? 0,
                memo: values.text(first, .memo), operator: values.text(first, .operatorName),
                mailPlugSentence: values.text(first, .mailPlugSentence), modifyFlag: values.flag(first, .modified),
                receiptIssueCount: values.optional(first, .receiptCount),
                ordererModel: OrdererModel(
                    zipCode1: first.text(.ordererZip1), zipCode2: first.text(.ordererZip2), prefecture: first.text(.ordererPrefecture),
                    city: first.text(.ordererCity), subAddress: first.text(.ordererSubAddress), familyName: first.text(.ordererFamilyName),
                    firstName: values.text(first, .ordererFirstName), familyNameKana: values.text(first, .ordererFamilyKana),
                    firstNameKana: values.text(first, .ordererFirstKana), phoneNumber1: values.text(first, .ordererPhone1),
                    phoneNumber2: values.text(first, .ordererPhone2), phoneNumber3: values.text(first, .ordererPhone3),
                    emailAddress: first.text(.ordererEmail), sex: values.text(first, .ordererSex)),
                settlementModel: settlement.isEmpty ? nil : SettlementModel(settlementMethodCode: nil, settlementMethod: settlement, rpaySettlementFlag: nil),
                deliveryModel: DeliveryModel(deliveryName: first.text(.deliveryMethod), deliveryClass: values.optional(first, .deliveryClass)),
                pointModel: points.map { PointModel(usedPoint: $0) },
                wrappingModel1: wrappings[0], wrappingModel2: wrappings[1], packageModelList: packages,
                taxSummaryModelList: values.taxSummaries(first))
        }

        /// The order's own columns: the same on each of its rows.
        static let orderColumns: [Column] = [
            .status, .subStatusID, .orderedAt, .confirmedAt, .fixedAt, .shippingInstructedAt, .shippingReportedAt, .paymentMethod,
            .deliveryMethod, .goodsPrice, .postage, .cashOnDeliveryFee, .requestPrice, .totalPrice, .points, .coupons,
            .ordererFamilyName, .ordererFirstName, .ordererZip1, .ordererZip2, .ordererPrefecture, .ordererCity,
            .ordererSubAddress, .ordererPhone1, .ordererPhone2, .ordererPhone3, .paymentCharge, .deliveryDate, .timeSlot,
            .memo, .remarks,
        ]

        /// A destination's columns: the same on each row of its 送付先ID.
        static let packageColumns: [Column] = [
            .basketPostage, .basketCashOnDelivery, .basketGoodsPrice, .basketTotal, .senderFamilyName, .senderFirstName,
            .senderZip1, .senderZip2, .senderPrefecture, .senderCity, .senderSubAddress, .senderPhone1, .senderPhone2, .senderPhone3,
        ]
    }
}

extension RMSProgress {
    /// The code of the status RMS shows as `label` (「発送待ち」 → 300), or written as its code.
    static func code(named label: String) -> Int? {
        stride(from: 100, through: 900, by: 100).first { RMSProgress(code: $0).label.utf8.elementsEqual(label.utf8) || String($0) == label }
    }
}
