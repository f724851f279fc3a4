import Foundation
import OrderEngine
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

/// Real getOrder answers carry their optional keys with an explicit null (`"WrappingModel1":
/// null`, `"DeliveryCvsModel": null`, `"deliveryDate": null`, …) where the sandbox leaves them
/// out. The decoder must read both shapes the same: an order that fails here would be kept 要確認
/// instead of arriving whole.
@Suite("getOrder answers with explicit nulls, as RMS writes them")
struct ExplicitNullsTests {
    /// Every key a model may lack, given null wherever it is missing, at every level.
    static func withNulls(_ object: Any, optionalKeys: [String: [String]], level: String) -> Any {
        if let array = object as? [Any] { return array.map { withNulls($0, optionalKeys: optionalKeys, level: level) } }
        guard var dictionary = object as? [String: Any] else { return object }
        for key in optionalKeys[level] ?? [] where dictionary[key] == nil { dictionary[key] = NSNull() }
        for (key, value) in dictionary where value is [String: Any] || value is [Any] {
            dictionary[key] = withNulls(value, optionalKeys: optionalKeys, level: key)
        }
        return dictionary
    }

    static let optionalKeys: [String: [String]] = [
        "OrderModelList": [
            "subStatusId", "subStatusName", "shopOrderCfmDatetime", "orderFixDatetime", "shippingInstDatetime",
            "shippingCmplRptDatetime", "cancelDueDate", "deliveryDate", "shippingTerm", "remarks", "reserveNumber",
            "reserveDeliveryCount", "cautionDisplayDetailType", "memo", "operator", "mailPlugSentence",
            "receiptIssueHistoryList", "SettlementModel", "PointModel", "WrappingModel1", "WrappingModel2",
            "CouponModelList", "ChangeReasonModelList", "TaxSummaryModelList", "DueDateModelList",
        ],
        "PackageModelList": ["noshi", "DeliveryCvsModel", "defaultDeliveryCompanyCode", "dropOffLocation", "SocialGiftModel", "ShippingModelList"],
        "OrdererModel": ["firstName", "familyNameKana", "firstNameKana", "phoneNumber1", "phoneNumber2", "phoneNumber3", "sex"],
        "SenderModel": ["firstName", "familyNameKana", "firstNameKana", "phoneNumber1", "phoneNumber2", "phoneNumber3"],
        "SettlementModel": ["cardName", "cardNumber", "cardOwner", "cardYm", "cardPayType", "cardInstallmentDesc"],
        "ItemModelList": ["selectedChoice", "delvdateInfo", "itemNumber", "SkuModelList"],
        "DeliveryModel": ["deliveryClass"],
    ]

    @Test("an answer whose optional keys are null decodes to the same orders as one that leaves them out")
    func nullsReadAsAbsent() throws {
        var generator = OrderGenerator(seed: 12, settings: .init(shopID: "398211"))
        let models = generator.orders(count: 60, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        let plain = try OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: models, version: 10))
        let object = try JSONSerialization.jsonObject(with: plain)
        let nulled = try JSONSerialization.data(withJSONObject: Self.withNulls(object, optionalKeys: Self.optionalKeys, level: ""))
        #expect(String(decoding: nulled, as: UTF8.self).contains("\"WrappingModel1\":null"))
        let fetched = try RakutenPayClient.fetchedOrders(fromBody: nulled)
        #expect(fetched.failures.map(\.description) == [])
        let byNumber = Dictionary(uniqueKeysWithValues: fetched.orders.map { ($0.model.orderNumber, $0.model) })
        for model in models {
            let read = try #require(byNumber[model.orderNumber])
            #expect(Order(rakuten: read, localStatus: .newOrder) == Order(rakuten: model, localStatus: .newOrder))
        }
    }

    @Test("the sandbox writes them so over HTTP, and the client reads its answers whole")
    func sandboxWritesNulls() async throws {
        let sandbox = try await SandboxHarness.start(orders: 20)
        let now = RakutenDateTime(Date())
        let numbers = try await sandbox.client.searchOrderNumbers(orderProgress: [100], from: now.adding(seconds: -30 * 86_400), to: now)
        let (status, body) = try await sandbox.post("getOrder", body: Array(try JSONEncoder().encode(GetOrderRequest(orderNumberList: numbers, version: 10))))
        #expect(status == 200)
        let text = String(decoding: body, as: UTF8.self)
        for key in ["WrappingModel1", "DeliveryCvsModel", "deliveryDate"] { #expect(text.contains("\"\(key)\":null"), "\(key)") }
        #expect(!text.contains("\"goodsTax\":null"), "a key version 10 does not have is left out, not null")
        let fetched = try await sandbox.client.getOrders(numbers)
        #expect(fetched.failures.isEmpty && fetched.orders.count == numbers.count)
        await sandbox.stop()
    }
}
