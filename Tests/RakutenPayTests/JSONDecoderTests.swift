import Foundation
import PropertyBased
import RakutenPay
import RMSSandbox
import Testing

@Suite("The fast JSON decoder reads what Foundation's reads")
struct JSONDecoderTests {
    @Test("generated getOrder answers decode identically both ways")
    func sameAsFoundation() async {
        await propertyCheck(count: 40, input: Gen.int(in: 0...1_000_000)) { seed in
            var generator = OrderGenerator(seed: UInt64(seed), settings: .init(shopID: "398211"))
            var orders = generator.orders(count: 4, now: RakutenDateTime(epochSeconds: 1_795_000_000))
            // Fill the fields the generator leaves empty, so that every key is read by both.
            orders[0].wrappingModel1 = fixture(#"{"title":2,"name":"リボン","price":110,"includeTaxFlag":1,"deleteWrappingFlag":0,"taxRate":0.1,"taxPrice":10}"#)
            orders[0].taxSummaryModelList = [fixture(#"{"taxRate":0.08,"reqPrice":1000,"reqPriceTax":74,"totalPrice":1000,"paymentCharge":0,"couponPrice":0,"point":0}"#)]
            orders[0].dueDateModelList = [fixture(#"{"dueDateType":0,"dueDate":"2026-12-01"}"#)]
            orders[0].receiptIssueHistoryList = [RakutenDateTime(epochSeconds: 1_795_000_000)]
            orders[0].packageModelList[0].deliveryCvsModel = fixture(#"{"cvsCode":1,"storeGenreCode":"1","storeCode":"123","storeName":"ファミリーマート 玉川店","storeZip":"1580094","storePrefecture":"東京都","storeAddress":"世田谷区玉川1-1","areaCode":"01","depo":"X","openTime":"00:00","closeTime":"24:00","cvsRemarks":"\u3042\n\"quoted\""}"#)
            orders[0].packageModelList[0].socialGiftModel = fixture(#"{"sgMngNumber":"SG1","inputDueDate":"2026-11-30T10:00:00+0900","inputFlag":1,"receiverEmailAddress":"a@b.c"}"#)
            orders[0].packageModelList[0].shippingModelList = [ShippingModel(shippingDetailId: 1, shippingNumber: "1", deliveryCompany: "1001", deliveryCompanyName: "ヤマト運輸", shippingDate: RakutenDate(year: 2026, month: 11, day: 23))]
            let response = GetOrderResponse(messages: [.info("I", "m")], orders: orders, version: 10)
            // Keys in RMS's order (each found where the last ended) and in JSONEncoder's (each looked up).
            for body in [try! OrderedJSONEncoder().encode(response), try! JSONEncoder().encode(response)] {
                let fast = try! JSONIndexDecoder().decode(GetOrderResponse.self, from: Array(body))
                let reference = try! JSONDecoder().decode(GetOrderResponse.self, from: body)
                #expect(fast.orders == reference.orders)
                #expect(fast.orders == orders)
                #expect(fast.messages == reference.messages)
            }
        }
    }

    /// A generated answer of one order whose `totalPrice` is written as `number`.
    private func answer(totalPrice number: String) -> [UInt8] {
        var generator = OrderGenerator(seed: 5, settings: .init(shopID: "398211"))
        var orders = generator.orders(count: 1, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        orders[0].totalPrice = 123_456_789
        let text = String(decoding: try! OrderedJSONEncoder().encode(GetOrderResponse(messages: [], orders: orders, version: 10)), as: UTF8.self)
        return Array(text.replacingOccurrences(of: #""totalPrice":123456789"#, with: #""totalPrice":\(number)"#).utf8)
    }

    @Test("integers at the edges read as Foundation reads them, or are refused as it refuses them", arguments: [
        "0", "-0", "7", "-9999", "999999999999999999", "-999999999999999999", "9223372036854775807",
        "-9223372036854775808", "9223372036854775808", "12345678901234567890", "1e2", "100.0", "1.5", "-1E3",
    ])
    func integers(number: String) {
        let body = answer(totalPrice: number)
        let fast = Result { try JSONIndexDecoder().decode(GetOrderResponse.self, from: body) }
        let reference = Result { try JSONDecoder().decode(GetOrderResponse.self, from: Data(body)) }
        switch (fast, reference) {
        case (.success(let fast), .success(let reference)):
            #expect(fast.orders == reference.orders)
            #expect(fast.orders.first?.totalPrice == reference.orders.first?.totalPrice)
        case (.failure, .failure): break
        default: Issue.record("\(number): fast \(fast), Foundation \(reference)")
        }
    }

    @Test("strings with escapes anywhere in their first 24 bytes read as Foundation reads them")
    func escapesAtEveryOffset() throws {
        for offset in 0..<24 {
            for escape in [#"\""#, #"\\"#, #"\n"#, #"\u3042"#, #"\/"#, "注"] {
                let name = String(repeating: "a", count: offset) + escape + "末尾の文字列"
                let text = #"{"MessageModelList":[{"messageType":"INFO","messageCode":"C","message":""# + name + #""}]}"#
                let fast = try JSONIndexDecoder().decode(MessageResponse.self, from: Array(text.utf8))
                let reference = try JSONDecoder().decode(MessageResponse.self, from: Data(text.utf8))
                #expect(fast == reference, "escape \(escape) at \(offset)")
            }
        }
    }

    @Test("a raw control character anywhere in a string is refused, as JSON requires")
    func controlCharacters() {
        for offset in 0..<24 {
            for control in ["\u{01}", "\n", "\u{1F}"] {
                let text = #"{"MessageModelList":[{"messageType":"INFO","messageCode":""# + String(repeating: "あ", count: offset / 3)
                    + String(repeating: "b", count: offset % 3) + control + #"xyz","message":"m"}]}"#
                #expect(throws: DecodingError.self, "control at \(offset)") {
                    try JSONIndexDecoder().decode(MessageResponse.self, from: Array(text.utf8))
                }
            }
        }
    }

    @Test("truncated or garbled bodies are errors, never partial orders", arguments: [
        #"{"MessageModelList":[],"OrderModelList":[{"orderNumber":"1""#, #"{"MessageModelList":[]}x"#, #"{"a":[1,2}"#,
        #"{"a":"\x"}"#, #"{"a":01}"#, "", #"{"a":"unterminated}"#,
        // Numbers no model reads are still checked against the grammar.
        #"{"a":1.}"#, #"{"a":-}"#, #"{"a":1e}"#, #"{"a":1e+}"#, #"{"a":.5}"#, #"{"a":-01}"#, #"{"a":[2,+3]}"#,
    ])
    func garbled(text: String) {
        #expect(throws: DecodingError.self) { try JSONIndexDecoder().decode(MessageResponse.self, from: Array(text.utf8)) }
    }

    @Test("escapes and surrogate pairs read as Foundation reads them")
    func escapes() throws {
        let text = #"{"MessageModelList":[{"messageType":"INFO","messageCode":"\u0041\/\n","message":"\ud83d\udce6 注文 \"ok\""}]}"#
        let fast = try JSONIndexDecoder().decode(MessageResponse.self, from: Array(text.utf8))
        let reference = try JSONDecoder().decode(MessageResponse.self, from: Data(text.utf8))
        #expect(fast == reference)
        #expect(fast.messages[0].message == "📦 注文 \"ok\"")
    }

    @Test("type mismatches and missing keys name their path")
    func errors() {
        let text = #"{"MessageModelList":[{"messageType":"INFO","messageCode":3,"message":"m"}]}"#
        #expect {
            try JSONIndexDecoder().decode(MessageResponse.self, from: Array(text.utf8))
        } throws: { error in
            guard case DecodingError.typeMismatch(_, let context) = error else { return false }
            return context.codingPath.map(\.stringValue) == ["MessageModelList", "Index 0", "messageCode"]
        }
    }

    @Test("a malformed prefix that uses a tape entry per byte is refused, not a trap (the fuzzer's crasher [[[[ )", arguments: ["[[[[ ", "[[[[", "{\"a\":[[[", "[", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[1"])
    func tapeOverflow(text: String) {
        #expect(throws: (any Error).self) { _ = try JSONIndexDecoder().decode(SearchOrderResponse.self, from: Array(text.utf8)) }
    }
}

/// A model that has no public memberwise initializer, read from its JSON.
func fixture<T: Decodable>(_ json: String) -> T {
    try! JSONDecoder().decode(T.self, from: Data(json.utf8))
}
