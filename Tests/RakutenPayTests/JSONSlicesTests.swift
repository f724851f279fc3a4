import Foundation
import Testing
import TestSupport
@testable import RakutenPay

@Suite("Each order's exact bytes")
struct JSONSlicesTests {
    @Test("elements are cut exactly, whatever their strings hold")
    func slices() {
        let json = #"{"MessageModelList":[{"x":"[OrderModelList]"}], "OrderModelList" : [ {"a":"}\"],{","b":[1,{"c":2}]} , {"unknownKey":true}, "x" ] ,"version":10}"#
        let elements = JSONSlices.elements(of: "OrderModelList", in: Array(json.utf8)).map { String(decoding: $0, as: UTF8.self) }
        #expect(elements == [#"{"a":"}\"],{","b":[1,{"c":2}]}"#, #"{"unknownKey":true}"#, #""x""#])
        #expect(JSONSlices.elements(of: "Missing", in: Array(json.utf8)).isEmpty)
        #expect(JSONSlices.elements(of: "OrderModelList", in: Array(#"{"OrderModelList":null}"#.utf8)).isEmpty)
    }

    @Test("fetched orders keep RMS's JSON, which decodes back to the same order")
    func fetchedRaw() async throws {
        let sandbox = try await SandboxHarness.start(orders: 30)
        let numbers = try await sandbox.orders(inProgress: 100).map(\.orderNumber)
        let fetched = try await sandbox.client.getOrders(numbers)
        #expect(fetched.orders.count == numbers.count)
        for order in fetched.orders {
            #expect(try JSONDecoder().decode(OrderModel.self, from: Data(order.rawJSON)) == order.model)
            #expect(order.rawJSON.first == UInt8(ascii: "{") && order.rawJSON.last == UInt8(ascii: "}"))
        }
        await sandbox.stop()
    }
}
