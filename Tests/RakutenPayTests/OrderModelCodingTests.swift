import Foundation
import PropertyBased
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("The order model's JSON")
struct OrderModelCodingTests {
    @Test("generated orders survive encode → decode unchanged, keys exactly the API's")
    func roundTrip() async {
        await propertyCheck(count: 60, input: Gen.int(in: 0...1_000_000)) { seed in
            var generator = OrderGenerator(seed: UInt64(seed), settings: .init(shopID: "398211"))
            let orders = generator.orders(count: 3, now: RakutenDateTime(epochSeconds: 1_795_000_000 + Int64(seed)))
            let data = try! JSONEncoder().encode(GetOrderResponse(messages: [], orders: orders, version: 10))
            let decoded = try! JSONDecoder().decode(GetOrderResponse.self, from: data)
            #expect(decoded.orders == orders)
            #expect(decoded.failures.isEmpty)
            let text = String(decoding: data, as: UTF8.self)
            for key in ["OrderModelList", "OrdererModel", "PackageModelList", "SenderModel", "ItemModelList", "SettlementModel"] {
                #expect(text.contains("\"\(key)\""))
            }
        }
    }

    @Test("datetimes read and write as yyyy-MM-ddTHH:mm:ss+0900, whatever the instant")
    func datetimes() async {
        await propertyCheck(input: Gen.int(in: 0...4_000_000_000)) { seconds in
            let value = RakutenDateTime(epochSeconds: Int64(seconds))
            #expect(value.description.hasSuffix("+0900"))
            #expect(RakutenDateTime(parsing: value.description) == value)
        }
    }

    @Test("other datetime forms are refused, as RMS refuses them", arguments: [
        "2026-11-22T10:00:00+09:00", "2026-11-22T01:00:00Z", "2026/11/22 10:00:00", "2026-02-30T10:00:00+0900",
    ])
    func refusedForms(text: String) {
        #expect(RakutenDateTime(parsing: text) == nil)
    }

    @Test("a missing not-null key names the order and the key path; the other orders still decode")
    func oneBadOrder() throws {
        var generator = OrderGenerator(seed: 9, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: 3, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(GetOrderResponse(messages: [], orders: orders, version: 10))) as! [String: Any]
        var list = json["OrderModelList"] as! [[String: Any]]
        var packages = list[1]["PackageModelList"] as! [[String: Any]]
        var sender = packages[0]["SenderModel"] as! [String: Any]
        sender.removeValue(forKey: "prefecture")
        packages[0]["SenderModel"] = sender
        list[1]["PackageModelList"] = packages
        list[2]["unknownNewKey"] = "ignored"
        json["OrderModelList"] = list
        let response = try JSONDecoder().decode(GetOrderResponse.self, from: JSONSerialization.data(withJSONObject: json))
        #expect(response.orders.map(\.orderNumber) == [orders[0].orderNumber, orders[2].orderNumber])
        let failure = try #require(response.failures.first)
        #expect(failure.orderNumber == orders[1].orderNumber)
        #expect(failure.keyPath == "PackageModelList[0].SenderModel.prefecture")
        #expect(failure.description == "注文 \(orders[1].orderNumber) の PackageModelList[0].SenderModel.prefecture: 必須の項目がありません")
    }

    @Test("a value of the wrong type or form names its order, its path and what was expected", arguments: [
        ("orderProgress", #""100""#, "型が違います（Int が必要）"), ("subStatusId", #""x""#, "型が違います（Int が必要）"),
        ("remarks", "5", "型が違います（String が必要）"), ("orderNumber", "null", "null は使えない項目です"),
        ("goodsPrice", "1.5", "型が違います（Int が必要）"), ("shopOrderCfmDatetime", "5", "型が違います（String が必要）"),
        ("orderDatetime", #""2026/11/22 10:00:00""#, "「2026/11/22 10:00:00」は yyyy-MM-ddTHH:mm:ss+0900 の形式ではありません"),
        ("deliveryDate", #""tomorrow""#, "「tomorrow」は yyyy-MM-dd の形式ではありません"),
    ])
    func wrongType(key: String, valueJSON: String, problem: String) throws {
        var generator = OrderGenerator(seed: 10, settings: .init(shopID: "398211"))
        let orders = generator.orders(count: 2, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        var json = try JSONSerialization.jsonObject(with: JSONEncoder().encode(GetOrderResponse(messages: [], orders: orders, version: 10))) as! [String: Any]
        var list = json["OrderModelList"] as! [[String: Any]]
        list[1][key] = try JSONSerialization.jsonObject(with: Data(valueJSON.utf8), options: .fragmentsAllowed)
        json["OrderModelList"] = list
        let body = try JSONSerialization.data(withJSONObject: json)
        let fast = try JSONIndexDecoder().decode(GetOrderResponse.self, from: Array(body))
        #expect(fast.orders == [orders[0]])
        let failure = try #require(fast.failures.first)
        #expect(fast.failures.count == 1)
        #expect(failure.keyPath == key)
        #expect(failure.description == "注文 \(key == "orderNumber" ? "（番号不明, 2件目）" : orders[1].orderNumber) の \(key): \(problem)")
    }
}
