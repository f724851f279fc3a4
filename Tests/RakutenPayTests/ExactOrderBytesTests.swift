import Foundation
import RMSSandbox
import Testing
import TestSupport
@testable import RakutenPay

@Suite("Each order's exact bytes")
struct ExactOrderBytesTests {
    @Test("each order is cut from the answer exactly, whatever its strings hold and whatever surrounds it")
    func exactBytes() throws {
        var generator = OrderGenerator(seed: 5, settings: .init(shopID: "398211"))
        var orders = generator.orders(count: 2, now: RakutenDateTime(epochSeconds: 1_795_000_000))
        orders[1].remarks = #"}"],{ [OrderModelList]"#
        let first = String(decoding: try JSONEncoder().encode(orders[0]), as: UTF8.self)
        let second = String(decoding: try JSONEncoder().encode(orders[1]), as: UTF8.self)
        // Spaces around the elements, a message naming the list, and a malformed order between.
        let body = #"{"MessageModelList":[{"messageType":"INFO","messageCode":"X","message":"\"OrderModelList\":["}], "OrderModelList" : [ "#
            + first + #" , {"orderNumber":"398211-20261123-0000000001"},"# + "\n" + second + #" ] ,"version":10}"#
        let fetched = try RakutenPayClient.fetchedOrders(fromBody: Array(body.utf8))
        #expect(fetched.orders.map { String(decoding: $0.rawJSON, as: UTF8.self) } == [first, second])
        #expect(fetched.orders.map(\.model) == orders)
        #expect(fetched.failures.map(\.orderNumber) == ["398211-20261123-0000000001"])
        // Read from Data where it lies, also from a slice that does not start at index 0.
        let padded = Data(Array("xyz".utf8) + Array(body.utf8))
        let bodies: [Data] = [Data(body.utf8), padded.dropFirst(3)]
        for data in bodies {
            let fromData: RakutenPayClient.FetchedOrders = try RakutenPayClient.fetchedOrders(fromBody: data)
            #expect(fromData.orders.map(\.rawJSON) == fetched.orders.map(\.rawJSON))
            #expect(fromData.orders.map(\.model) == orders)
        }
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
