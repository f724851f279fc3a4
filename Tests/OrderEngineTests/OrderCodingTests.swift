import Foundation
@testable import OrderEngine
import Testing
import TestSupport

@Suite("An order's document")
struct OrderCodingTests {
    @Test("the same order is the same bytes however its flags and dates were gathered, and reads back the same")
    func sameBytes() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var documents: Set<Data> = []
        var first = OrderFixtures.order(origin: .enteredByHand(.phone))
        for round in 0..<20 {
            var order = OrderFixtures.order(origin: .enteredByHand(.phone))
            // Built in another order each time: a Set's and a Dictionary's order follows the instance.
            let flags = ["メール便", "住所要確認", "再発行", "ギフト", "確認0"]
            for flag in round.isMultiple(of: 2) ? flags : flags.reversed() { order.flags.insert(flag) }
            let dates: [(DateField, CalendarDate)] = [
                (.paymentDate, CalendarDate(year: 2026, month: 12, day: 1)!), (.plannedShipmentDate, CalendarDate(year: 2026, month: 12, day: 3)!),
                (.shipmentDate, CalendarDate(year: 2026, month: 12, day: 4)!), (.deliveryDate, CalendarDate(year: 2026, month: 12, day: 6)!),
            ]
            for (field, date) in round.isMultiple(of: 3) ? dates : dates.reversed() { order.dates[field] = date }
            let data = try encoder.encode(order)
            documents.insert(data)
            #expect(try JSONDecoder().decode(Order.self, from: data) == order)
            first = order
        }
        #expect(documents.count == 1)
        // Its flags and dates are written as before (what documents already stored hold).
        let text = String(decoding: try encoder.encode(first), as: UTF8.self)
        #expect(text.contains(#""flags":["ギフト","メール便","住所要確認","再発行","確認0"]"#))
        #expect(text.contains(#""dates":["deliveryDate""#))
    }

    @Test("every stored field of an order is one of its document's keys, and is written when it holds a value")
    func everyField() throws {
        var order = OrderFixtures.order(origin: .enteredByHand(.phone), bundle: BundleID(group: [OrderNumber("398211-20261122-0000000001")]))
        order.confirmedAt = Date(timeIntervalSince1970: 1_795_000_000)
        order.remarks = "備考"
        order.memo = "メモ"
        order.mailPlugSentence = "一言"
        order.carrier = Carrier(code: "1001")
        order.flags = ["メール便"]
        order.dates[.paymentDate] = CalendarDate(year: 2026, month: 12, day: 1)!
        let fields = Mirror(reflecting: order).children.compactMap { child -> (String, Bool)? in
            guard let label = child.label else { return nil }
            let value = Mirror(reflecting: child.value)
            return (label, !(value.displayStyle == .optional && value.children.isEmpty))
        }
        // The parcels live in a column of their own (see CodingKeys).
        let keys = Set(Order.CodingKeys.allCases.map(\.rawValue))
        #expect(Set(fields.map(\.0)).subtracting(["parcels"]) == keys)
        let written = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(order)) as? [String: Any])
        for (field, holdsValue) in fields where holdsValue && keys.contains(field) {
            #expect(written[field] != nil, "\(field) は書かれていません")
        }
    }

    @Test("an amount is its yen, unset the word unset; documents of the earlier nested form still read, with Foundation's decoder and the store's")
    func amounts() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        let fees = Fees(shipping: .yen(800), cashOnDelivery: .unset, paymentCharge: .zero)
        let text = String(decoding: try encoder.encode(fees), as: UTF8.self)
        #expect(text == #"{"cashOnDelivery":"unset","paymentCharge":0,"shipping":800}"#, "\(text)")
        let earlier = #"{"cashOnDelivery":{"unset":{}},"paymentCharge":{"yen":{"_0":0}},"shipping":{"yen":{"_0":800}}}"#
        for bytes in [Data(text.utf8), Data(earlier.utf8)] {
            #expect(try JSONDecoder().decode(Fees.self, from: bytes) == fees)
        }
        // A value that is neither is refused, not read as an amount.
        for bad in [#"{"cashOnDelivery":"-9999","paymentCharge":0,"shipping":800}"#, #"{"cashOnDelivery":{"none":{}},"paymentCharge":0,"shipping":800}"#,
                    #"{"cashOnDelivery":1.5,"paymentCharge":0,"shipping":800}"#] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(Fees.self, from: Data(bad.utf8)) }
        }
        // A whole order of either form.
        let order = OrderFixtures.order(origin: .enteredByHand(.phone))
        #expect(try JSONDecoder().decode(Order.self, from: try encoder.encode(order)) == order)
    }
}
