import Foundation
import RakutenPay
import Testing
import TestSupport

/// The official sample bodies (rpay-api.md §14, copied into Samples/).
@Suite("Official samples")
struct SampleTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Samples")

    static func sample(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    static func encoded<T: Encodable>(_ value: T) throws -> [UInt8] {
        Array(try JSONEncoder().encode(value))
    }

    @Test("every response sample decodes", arguments: [
        "searchOrder.200.results.json", "searchOrder.200.no-results.json", "searchOrder.400.validation.json",
    ])
    func searchResponses(name: String) throws {
        let response = try JSONDecoder().decode(SearchOrderResponse.self, from: Data(try Self.sample(name)))
        #expect(!response.messages.isEmpty)
    }

    @Test("message-only responses decode", arguments: [
        "updateOrderMemo.200.json", "updateOrderMemo.400.json", "updateOrderRemarks.200.json", "updateOrderRemarks.400.json",
        "updateOrderShipping.200.json", "updateOrderShipping.400.json", "updateOrderShippingAsync.200.accepted.json",
        "updateOrderShippingAsync.validation-error.json", "updateOrderSubStatus.200.partial.json", "updateOrderSubStatus.400.json",
    ])
    func messageResponses(name: String) throws {
        let response = try JSONDecoder().decode(MessageResponse.self, from: Data(try Self.sample(name)))
        #expect(!response.messages.isEmpty)
    }

    @Test("async shipping results decode", arguments: [
        "getResultUpdateOrderShippingAsync.200.success.json", "getResultUpdateOrderShippingAsync.200.partial.json",
        "getResultUpdateOrderShippingAsync.200.not-found.json", "getResultUpdateOrderShippingAsync.400.missing-requestId.json",
    ])
    func asyncResults(name: String) throws {
        let response = try JSONDecoder().decode(GetResultUpdateOrderShippingAsyncResponse.self, from: Data(try Self.sample(name)))
        #expect(!response.results.isEmpty)
        #expect(response.isPendingOrUnknown == (name.contains("not-found")))
    }

    @Test("the decoded samples say what the samples say")
    func details() throws {
        let search = try JSONDecoder().decode(SearchOrderResponse.self, from: Data(try Self.sample("searchOrder.200.results.json")))
        #expect(search.orderNumberList?.count == 30)
        #expect(search.pagination == PaginationResponseModel(totalRecordsAmount: 79, totalPages: 3, requestPage: 1))
        let none = try JSONDecoder().decode(SearchOrderResponse.self, from: Data(try Self.sample("searchOrder.200.no-results.json")))
        #expect(none.orderNumberList == [])
        #expect(none.pagination == PaginationResponseModel(totalRecordsAmount: nil, totalPages: nil, requestPage: nil))
        let accepted = try JSONDecoder().decode(MessageResponse.self, from: Data(try Self.sample("updateOrderShippingAsync.200.accepted.json")))
        #expect(accepted.messages.first?.requestId == "ede66c43-9b9d-4222-93ed-5f11c96e08e2_20180101120000")
        let shipping = try JSONDecoder().decode(MessageResponse.self, from: Data(try Self.sample("updateOrderShipping.200.json")))
        #expect(shipping.messages.map(\.dataNumber) == [1, 2, 3, 4, 5])
        #expect(shipping.messages.map(\.shippingDetailId) == [15419, 15420, 15421, 15422, 15423])
    }

    @Test("the client sends what the searchOrder request sample shows")
    func searchRequest() throws {
        let request = SearchOrderRequest(
            dateType: 1, startDatetime: RakutenDateTime(parsing: "2017-12-14T00:00:00+0900")!,
            endDatetime: RakutenDateTime(parsing: "2018-01-14T00:00:00+0900")!,
            pagination: PaginationRequestModel(requestRecordsAmount: 30, requestPage: 1, sortModelList: [SortModel(sortColumn: 1, sortDirection: 1)]))
        #expect(try JSONComparison.same(Self.encoded(request), Self.sample("searchOrder.request.sample.json")))
    }

    @Test("the client sends what the updateOrderShipping request sample shows")
    func shippingRequest() throws {
        let request = UpdateOrderShippingRequest(orderNumber: "123456-20180101-00001801", basketidModelList: [
            BasketidModel(basketId: 10_746_402, shippingModelList: [
                ShippingUpdateModel(shippingDetailId: 15419, deliveryCompany: "1001", shippingNumber: "SN111111", shippingDate: "2018-01-25"),
                ShippingUpdateModel(deliveryCompany: "1001"),
                ShippingUpdateModel(deliveryCompany: "1002", shippingDate: "2018-01-30"),
                ShippingUpdateModel(deliveryCompany: "1002", shippingNumber: "SN222222"),
            ]),
            BasketidModel(basketId: 10_746_403, shippingModelList: [
                ShippingUpdateModel(deliveryCompany: "1001", shippingNumber: "SN333333", shippingDate: "2018-02-01"),
            ]),
        ])
        #expect(try JSONComparison.same(Self.encoded(request), Self.sample("updateOrderShipping.request.sample.json")))
    }

    @Test("the client sends what the updateOrderMemo request sample shows")
    func memoRequest() throws {
        let request = UpdateOrderMemoRequest(
            orderNumber: "123456-20180101-1241583267", subStatusId: 3601, deliveryClass: 2,
            deliveryDate: RakutenDate(year: 2018, month: 1, day: 15), shippingTerm: 724, memo: "ひとことメモです",
            operator: "楽天担当", mailPlugSentence: "お買い上げ頂きまして誠に有難うございます。")
        #expect(try JSONComparison.same(Self.encoded(request), Self.sample("updateOrderMemo.request.sample.json")))
        let decoded = try JSONDecoder().decode(UpdateOrderMemoRequest.self, from: Data(try Self.sample("updateOrderMemo.request.sample.json")))
        #expect(decoded == request)
    }

    @Test("the client sends what the updateOrderRemarks request sample shows")
    func remarksRequest() throws {
        let request = UpdateOrderRemarksRequest(
            orderNumber: "123456-20180101-1241583267", giftCheck: 1,
            remarks: "[配送日時指定:]\n2018年01月23日\n\n[備考欄です:]\nなにかあればどうぞ")
        #expect(try JSONComparison.same(Self.encoded(request), Self.sample("updateOrderRemarks.request.sample.json")))
    }

    @Test("the sandbox answers the bad searchOrder sample with the sample's 400")
    func sandboxBadSearch() async throws {
        let sandbox = try await SandboxHarness.start(orders: 5)
        let answer = try await sandbox.post("searchOrder", body: Self.sample("searchOrder.400.request.json"))
        #expect(answer.status == 400)
        #expect(try JSONComparison.same(answer.body, Self.sample("searchOrder.400.validation.json")))
        await sandbox.stop()
    }

    @Test("the sandbox answers the bad updateOrderShipping sample with the sample's 400")
    func sandboxBadShipping() async throws {
        let sandbox = try await SandboxHarness.start(orders: 5)
        let answer = try await sandbox.post("updateOrderShipping", body: Self.sample("updateOrderShipping.400.request.json"))
        #expect(answer.status == 400)
        #expect(try JSONComparison.same(answer.body, Self.sample("updateOrderShipping.400.json")))
        await sandbox.stop()
    }
}
