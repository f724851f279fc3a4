import Foundation
import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("The sandbox checks what RMS checks")
struct SandboxChecksTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test("POST only: other methods get 405; unknown functions 404; with or without the trailing slash")
    func methods() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        #expect(try await sandbox.post("getSubStatusList", body: Array("null".utf8), method: "GET").status == 405)
        #expect(try await sandbox.post("noSuchFunction", body: Array("{}".utf8)).status == 404)
        #expect(try await sandbox.post("getSubStatusList", body: Array("null".utf8)).status == 200)
        await sandbox.stop()
    }

    @Test("a wrong ESA header: 401 with the gateway's body")
    func auth() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        let answer = try await sandbox.post("getSubStatusList", body: [], authorization: "ESA " + Base64.encode(Array("x:y".utf8)))
        #expect(answer.status == 401)
        #expect(try JSONComparison.same(answer.body, Array(#"{"Results":{"errorCode":"ES01-01","message":"Un-Authorised"}}"#.utf8)))
        await sandbox.stop()
    }

    @Test("missing (009), empty (010) and badly formatted (011) fields, one message each")
    func fieldChecks() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        let answer = try await sandbox.post("searchOrder", body: Array(#"{"startDatetime":"","endDatetime":"2026-11-22T00:00:00+09:00"}"#.utf8))
        #expect(answer.status == 400)
        let messages = try JSONDecoder().decode(SearchOrderResponse.self, from: Data(answer.body)).messages
        #expect(messages.map(\.messageCode) == [
            "ORDER_EXT_API_SEARCH_ORDER_ERROR_009", "ORDER_EXT_API_SEARCH_ORDER_ERROR_010", "ORDER_EXT_API_SEARCH_ORDER_ERROR_011",
        ])
        #expect(messages.map(\.message) == ["dateTypeの項目を指定して下さい。", "startDatetimeの値を指定して下さい。", "endDatetimeの書式が不正です。"])
        await sandbox.stop()
    }

    @Test("a window over 63 days, a start over 730 days ago and pages over 1000 are refused")
    func limits() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        let now = RakutenDateTime(Date())
        func search(_ start: RakutenDateTime, _ end: RakutenDateTime, perPage: Int = 30) async throws -> Int {
            var request = SearchOrderRequest(startDatetime: start, endDatetime: end)
            request.pagination = PaginationRequestModel(requestRecordsAmount: perPage, requestPage: 1)
            return try await sandbox.post("searchOrder", body: Array(JSONEncoder().encode(request))).status
        }
        #expect(try await search(now.adding(seconds: -63 * 86_400), now) == 200)
        #expect(try await search(now.adding(seconds: -64 * 86_400), now) == 400)
        #expect(try await search(now.adding(seconds: -731 * 86_400), now.adding(seconds: -700 * 86_400)) == 400)
        #expect(try await search(now.adding(seconds: -86_400), now, perPage: 1001) == 400)
        #expect(try await search(now.adding(seconds: -86_400), now, perPage: 1000) == 200)
        await sandbox.stop()
    }

    @Test("no hits: an empty list, INFO_102, and pagination fields that are null")
    func zeroHits() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        let answer = try await sandbox.post("searchOrder", body: Array(
            #"{"dateType":1,"startDatetime":"2025-01-01T00:00:00+0900","endDatetime":"2025-01-02T00:00:00+0900"}"#.utf8))
        let json = try JSONSerialization.jsonObject(with: Data(answer.body)) as? [String: Any]
        let pagination = try #require(json?["PaginationResponseModel"] as? [String: Any])
        #expect(Set(pagination.keys) == ["totalRecordsAmount", "totalPages", "requestPage"])
        #expect(pagination.values.allSatisfy { $0 is NSNull })
        #expect((json?["orderNumberList"] as? [Any])?.isEmpty == true)
        #expect(text(answer.body).contains("(検索結果０件)"))
        await sandbox.stop()
    }

    @Test("getOrder: at most 100 numbers, version required; unknown numbers get INFO_102")
    func getOrderChecks() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        let many = (0..<101).map { "\"398211-20261122-\($0)\"" }.joined(separator: ",")
        #expect(try await sandbox.post("getOrder", body: Array("{\"orderNumberList\":[\(many)],\"version\":10}".utf8)).status == 400)
        let noVersion = try await sandbox.post("getOrder", body: Array(#"{"orderNumberList":["1"]}"#.utf8))
        #expect(noVersion.status == 400 && text(noVersion.body).contains("versionの項目を指定して下さい。"))
        let unknown = try await sandbox.client.getOrder(["398211-20200101-0000000000"])
        #expect(unknown.orders.isEmpty)
        #expect(unknown.messages.first?.messageCode == "ORDER_EXT_API_GET_ORDER_INFO_102")
        await sandbox.stop()
    }

    @Test("fields follow the version asked for", arguments: [(3, false, false, true), (7, true, false, true), (8, true, true, false), (10, true, true, false)])
    func versionGating(version: Int, hasSku: Bool, hasCertFlag: Bool, hasGoodsTax: Bool) async throws {
        let sandbox = try await SandboxHarness.start(orders: 5)
        let number = try #require(try await sandbox.orders(inProgress: 100).first?.orderNumber)
        let answer = try await sandbox.post("getOrder", body: Array("{\"orderNumberList\":[\"\(number)\"],\"version\":\(version)}".utf8))
        let body = text(answer.body)
        #expect(body.contains("SkuModelList") == hasSku)
        #expect(body.contains("deliveryCertPrgFlag") == hasCertFlag)
        #expect(body.contains("\"goodsTax\"") == hasGoodsTax)
        #expect(body.contains("\"version\":\(version)") == (version >= 6))
        await sandbox.stop()
    }

    @Test("a period longer than 63 days is searched in windows; a window over 15,000 results is split again")
    func windowsAndCap() async throws {
        let now = RakutenDateTime(Date())
        var generator = OrderGenerator(seed: 5, settings: .init(shopID: "398211"))
        // 15,500 orders in one day, and a few a hundred days ago.
        var orders = (0..<15_500).map { generator.newOrder(placedAt: now.adding(seconds: -Int64($0) * 5)) }
        orders += (0..<3).map { generator.newOrder(placedAt: now.adding(seconds: -100 * 86_400 - Int64($0))) }
        var configuration = SandboxConfiguration()
        configuration.licenseKey = "SL-cap-test"
        let server = SandboxServer(configuration: configuration, orders: orders)
        let url = try await server.start()
        let client = RakutenPayClient(configuration: configuration.clientConfiguration(baseURL: url, requestsPerSecond: 0))
        let numbers = try await client.searchOrderNumbers(orderProgress: [100], from: now.adding(seconds: -120 * 86_400), to: now)
        #expect(numbers.count == orders.count)
        #expect(Set(numbers) == Set(orders.map(\.orderNumber)))
        await server.stop()
    }

    @Test("the admin endpoint controls faults, maintenance and orders, and reports counts")
    func admin() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        #expect(try await sandbox.admin("maintenance", json: #"{"on":true}"#).status == 200)
        #expect(try await sandbox.post("getSubStatusList", body: []).status == 503)
        #expect(try await sandbox.admin("maintenance", json: #"{"on":false}"#).status == 200)
        #expect(try await sandbox.admin("orders", json: #"{"count":4}"#).status == 200)
        let stats = text(try await sandbox.admin("stats", method: "GET").body)
        #expect(stats.contains("\"orderCount\":7"))
        #expect(try await sandbox.admin("faults", json: #"{"faultRate":7}"#).status == 400)
        await sandbox.stop()
    }
}
