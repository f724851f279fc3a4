import Foundation
import OrderEngine
@testable import RakutenPay
import RMSSandbox
import Testing
import TestSupport

@Suite("Failures, classified as the operator is shown them")
struct ErrorClassTests {
    let now = RakutenDateTime(Date())

    func search(_ client: RakutenPayClient) async throws {
        _ = try await client.searchOrder(SearchOrderRequest(startDatetime: now.adding(seconds: -3600), endDatetime: now))
    }

    func expectClass(_ expected: APIErrorClass, status: Int?, _ body: () async throws -> Void) async {
        await #expect {
            try await body()
        } throws: { error in
            guard let error = error as? RakutenPayError else { return false }
            return error.errorClass == expected && (status == nil || error.httpStatus == status)
        }
    }

    @Test("an expired licence key: 401 GA0001 (as RMS answers once it has expired), 認証エラー, as a wrong key's ES01-01 is")
    func expiredKey() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3) { $0.keyExpires = RakutenDate(year: 2020, month: 1, day: 1) }
        await expectClass(.authentication, status: 401) { try await search(sandbox.client) }
        let (status, body) = try await sandbox.post("searchOrder", body: Array("{}".utf8))
        #expect(status == 401 && String(decoding: body, as: UTF8.self).contains("GA0001"))
        for code in ["ES01-01", "GA0001"] {
            let envelope = Array(#"{"Results":{"errorCode":"\#(code)","message":"Un-Authorised"}}"#.utf8)
            #expect(RakutenPayError.classify(function: .getOrder, status: 401, body: envelope).errorClass == .authentication)
            #expect(RakutenPayError.classify(function: .getOrder, status: 400, body: envelope).errorClass == .authentication, "\(code) on any status")
        }
        #expect(APIErrorClass.authentication.message == "認証エラー(licenseKey有効期限切れの可能性があります)")
        await sandbox.stop()
    }

    @Test("maintenance: 503 API In Maintenance; a read is retried, then reported")
    func maintenance() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3) { $0.maintenance = true }
        await expectClass(.maintenance, status: 503) { try await search(sandbox.client) }
        let stats = try await sandbox.admin("stats", method: "GET")
        #expect(String(decoding: stats.body, as: UTF8.self).contains("\"searchOrder\":4"), "a read is tried readAttempts (4) times")
        await sandbox.stop()
    }

    @Test("a read survives one fault of each kind by retrying", arguments: [Fault.internalError, .maintenance, .qpsLimit, .droppedConnection, .truncatedBody, .latency])
    func readRetried(fault: Fault) async throws {
        let sandbox = try await SandboxHarness.start(orders: 3)
        sandbox.server.injectFault(fault)
        try await search(sandbox.client)
        await sandbox.stop()
    }

    @Test("a write refused at the gateway for QPS never reached RMS: it is sent again after a pause, and applied once")
    func confirmAfterQPS() async throws {
        let sandbox = try await SandboxHarness.start(orders: 20)
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice != -9999 })
        sandbox.server.injectFault(.qpsLimit)
        let result = try #require(await sandbox.client.confirmOrder([order.orderNumber]).first)
        #expect(result.outcome == .accepted(rmsProgress: nil))
        #expect(await sandbox.server.acceptedConfirmations()[order.orderNumber] == 1)
        await sandbox.stop()
    }

    @Test("a write is never re-sent blindly: faults before it reach RMS are reported as not applied", arguments: [
        (Fault.maintenance, APIErrorClass.maintenance), (.internalError, .temporary),
        (.droppedConnection, .temporary), (.truncatedBody, .temporary),
    ])
    func confirmNotApplied(fault: Fault, expected: APIErrorClass) async throws {
        let sandbox = try await SandboxHarness.start(orders: 20)
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice != -9999 })
        sandbox.server.injectFault(fault, afterApplying: false)
        let result = try #require(await sandbox.client.confirmOrder([order.orderNumber]).first)
        guard case .notApplied(let errorClass, _) = result.outcome else {
            Issue.record("expected not applied, got \(result.outcome)")
            return
        }
        #expect(errorClass == expected)
        #expect(await sandbox.server.acceptedConfirmations()[order.orderNumber] == nil)
        let stats = String(decoding: try await sandbox.admin("stats", method: "GET").body, as: UTF8.self)
        #expect(stats.contains("\"confirmOrder\":1"), "confirmOrder must be sent once: \(stats)")
        await sandbox.stop()
    }

    @Test("after an unclear failure that did apply, the client reads the order back and reports it accepted", arguments: [
        Fault.internalError, .droppedConnection, .truncatedBody,
    ])
    func confirmAppliedThenFailed(fault: Fault) async throws {
        let sandbox = try await SandboxHarness.start(orders: 20)
        let order = try #require(try await sandbox.orders(inProgress: 100).first { $0.postagePrice != -9999 })
        sandbox.server.injectFault(fault, afterApplying: true)
        let result = try #require(await sandbox.client.confirmOrder([order.orderNumber]).first)
        #expect(result.outcome == .accepted(rmsProgress: 100))
        #expect(await sandbox.server.acceptedConfirmations()[order.orderNumber] == 1)
        await sandbox.stop()
    }

    @Test("too many requests per second: 429 Forbidden-Exceeded QPS Limitation, then retried within the limit")
    func qps() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3) { $0.requestsPerSecond = 2 }
        // A client that ignores the limit meets the gateway: six requests at once.
        let answers = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for _ in 0..<6 {
                group.addTask {
                    let answer = try await sandbox.post("searchOrder", body: Array(#"{"dateType":1,"startDatetime":"2026-11-20T00:00:00+0900","endDatetime":"2026-11-21T00:00:00+0900"}"#.utf8))
                    return (answer.status, answer.body)
                }
            }
            var all: [(Int, [UInt8])] = []
            for try await answer in group { all.append(answer) }
            return all
        }
        let refused = answers.filter { $0.0 == 429 }
        #expect(!refused.isEmpty)
        #expect(refused.allSatisfy { String(decoding: $0.1, as: UTF8.self).contains("Forbidden-Exceeded QPS Limitation") })
        #expect(RakutenPayError.classify(function: .searchOrder, status: 429, body: []).errorClass == .qpsLimit)
        #expect(RakutenPayError.classify(function: .searchOrder, status: 403, body: []).errorClass == .qpsLimit)
        #expect(RakutenPayError.classify(function: .searchOrder, status: 200, body: Array("exceeded qps limitation".utf8)).errorClass == .qpsLimit)
        await sandbox.stop()
    }

    @Test("a body that is not JSON is a temporary API error; a refused request carries RMS's messages")
    func bodies() {
        #expect(RakutenPayError.classify(function: .getOrder, status: 500, body: Array("<html>".utf8)).errorClass == .temporary)
        let body = Array(#"{"MessageModelList":[{"messageType":"ERROR","messageCode":"ORDER_EXT_API_GET_ORDER_ERROR_009","message":"versionの項目を指定して下さい。"}]}"#.utf8)
        let refused = RakutenPayError.classify(function: .getOrder, status: 400, body: body)
        #expect(refused.errorClass == .rejected)
        #expect(refused.messages.first?.messageCode == "ORDER_EXT_API_GET_ORDER_ERROR_009")
        let gateway = RakutenPayError.classify(function: .getOrder, status: 200, body: Array(#"{"Results":{"errorCode":"ES01-01","message":"Un-Authorised"}}"#.utf8))
        #expect(gateway.errorClass == .authentication)
    }

    @Test("the rate limiter spaces calls for one licence key")
    func rateLimit() async throws {
        let sandbox = try await SandboxHarness.start(orders: 3, requestsPerSecond: 5)
        let start = ContinuousClock.now
        for _ in 0..<6 { try await search(sandbox.client) }
        #expect(ContinuousClock.now - start >= .milliseconds(950))
        await sandbox.stop()
    }
}
