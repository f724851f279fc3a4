import Foundation
import RakutenPay
import RMSSandbox

/// A sandbox on a free loopback port and a client pointed at it, for one test.
public struct SandboxHarness: Sendable {
    public let server: SandboxServer
    public let client: RakutenPayClient
    public let baseURL: String

    public static func start(
        orders: Int = 50, seed: UInt64 = 7, requestsPerSecond: Double = 0, configure: (inout SandboxConfiguration) -> Void = { _ in }
    ) async throws -> SandboxHarness {
        var configuration = SandboxConfiguration()
        configuration.orderCount = orders
        configuration.seed = seed
        // Each test gets its own key, so that rate limiters are not shared between tests.
        configuration.licenseKey = "SL-test-\(UUID().uuidString)"
        configure(&configuration)
        let server = SandboxServer(configuration: configuration)
        let url = try await server.start()
        var clientConfiguration = configuration.clientConfiguration(baseURL: url, requestsPerSecond: requestsPerSecond)
        clientConfiguration.retryBackoffSeconds = 0.05
        // The sandbox applies an async report at once (only its result waits).
        clientConfiguration.asyncApplySeconds = 0
        return SandboxHarness(server: server, client: RakutenPayClient(configuration: clientConfiguration), baseURL: url)
    }

    public func stop() async { await server.stop() }
}

import AsyncHTTPClient
import NIOCore

extension SandboxHarness {
    /// Long: what these requests test is the answer, not its speed, and the whole suite on two
    /// cores can hold the sandbox's tasks back for seconds (a 10-second limit failed so in CI).
    static let requestTimeout = TimeAmount.seconds(60)

    /// Posts raw bytes to a function, as any client would, and returns the status and body.
    public func post(_ function: String, body: [UInt8], authorization: String? = nil, method: String = "POST")
        async throws -> (status: Int, body: [UInt8])
    {
        var request = HTTPClientRequest(url: "\(baseURL)/es/2.0/order/\(function)/")
        request.method = .RAW(value: method)
        request.headers.add(name: "Authorization", value: authorization ?? client.configuration.credentials.authorizationHeader)
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.body = .bytes(ByteBuffer(bytes: body))
        let response = try await HTTPClient.shared.execute(request, timeout: Self.requestTimeout)
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), Array(bytes.readableBytesView))
    }

    /// The admin endpoint: `GET stats`, `POST faults`...
    public func admin(_ command: String, method: String = "POST", json: String = "{}") async throws -> (status: Int, body: [UInt8]) {
        var request = HTTPClientRequest(url: "\(baseURL)/sandbox/admin/\(command)")
        request.method = .RAW(value: method)
        request.body = .bytes(ByteBuffer(bytes: Array(json.utf8)))
        let response = try await HTTPClient.shared.execute(request, timeout: Self.requestTimeout)
        let bytes = try await response.body.collect(upTo: 16 << 20)
        return (Int(response.status.code), Array(bytes.readableBytesView))
    }

    /// The orders RMS holds in `progress`, read through the client.
    public func orders(inProgress progress: Int, now: RakutenDateTime = RakutenDateTime(Date())) async throws -> [OrderModel] {
        let numbers = try await client.searchOrderNumbers(orderProgress: [progress], from: now.adding(seconds: -30 * 86_400), to: now)
        return try await client.getOrders(numbers).orders.map(\.model)
    }
}
