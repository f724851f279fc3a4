import Foundation
import PropertyBased
import RakutenPay
import RMSSandbox
import Testing

@Suite("JSON written with the keys in RMS's order")
struct OrderedJSONEncoderTests {
    @Test("an order's keys come in the order of Rakuten's field tables, the same bytes every time, read back unchanged")
    func orderKeys() async {
        await propertyCheck(count: 20, input: Gen.int(in: 0...1_000_000)) { seed in
            var generator = OrderGenerator(seed: UInt64(seed), settings: .init(shopID: "398211"))
            let orders = generator.orders(count: 3, now: RakutenDateTime(epochSeconds: 1_795_000_000))
            let response = GetOrderResponse(messages: [], orders: orders, version: 10)
            let body = try! OrderedJSONEncoder().encode(response)
            #expect(try! OrderedJSONEncoder().encode(response) == body)
            #expect(try! JSONDecoder().decode(GetOrderResponse.self, from: body).orders == orders)
            // The same document as JSONEncoder's, keys aside.
            let ours = try! JSONSerialization.jsonObject(with: body) as! NSDictionary
            let foundations = try! JSONSerialization.jsonObject(with: JSONEncoder().encode(response)) as! NSDictionary
            #expect(ours == foundations)

            let text = String(decoding: body, as: UTF8.self)
            let tableOrder = [
                "MessageModelList", "OrderModelList", "orderNumber", "orderProgress", "orderDatetime", "giftCheckFlag",
                "goodsPrice", "postagePrice", "totalPrice", "requestPrice", "OrdererModel", "zipCode1", "familyName",
                "emailAddress", "DeliveryModel", "PackageModelList", "basketId", "SenderModel", "ItemModelList", "itemName",
            ]
            let positions = tableOrder.map { text.range(of: "\"\($0)\":")?.lowerBound }
            #expect(!positions.contains(nil))
            #expect(positions.compactMap { $0 } == positions.compactMap { $0 }.sorted())
        }
    }

    private struct Values: Codable, Equatable {
        var zero: Double = 0
        var whole: Double = 1
        var fraction: Double = 0.1
        var large: Double = 1e21
        var negative: Double = -2.5
        var single: Float = 0.25
        var small: Int8 = -8
        var big: UInt64 = .max
        var flag = true
        var text = "a\"b\\c/d\ne\u{1}f\u{7f}注文"
        var absent: String? = nil
        var list: [[Int]] = [[1, 2], []]
        var nested: [String: Int] = ["k": 1]
    }

    @Test("values as JSONEncoder writes them: whole doubles without a fraction, escapes, nil left out")
    func values() throws {
        let value = Values()
        let body = try OrderedJSONEncoder().encode(value)
        let text = String(decoding: body, as: UTF8.self)
        #expect(text.hasPrefix(#"{"zero":0,"whole":1,"fraction":0.1,"large":1e+21,"negative":-2.5,"single":0.25,"small":-8,"#))
        #expect(text.contains(#""text":"a\"b\\c/d\ne\u0001f"#))
        #expect(!text.contains("absent"))
        #expect(try JSONDecoder().decode(Values.self, from: body) == value)
        let ours = try JSONSerialization.jsonObject(with: body) as! NSDictionary
        let foundations = try JSONSerialization.jsonObject(with: JSONEncoder().encode(value)) as! NSDictionary
        #expect(ours == foundations)
    }

    @Test("a number JSON cannot hold is refused with its path")
    func notFinite() {
        struct Rate: Encodable { var rates: [Double] }
        #expect {
            try OrderedJSONEncoder().encode(Rate(rates: [0.1, .infinity]))
        } throws: { error in
            guard case EncodingError.invalidValue(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["rates", "Index 1"]
        }
    }
}
