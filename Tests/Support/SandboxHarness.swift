import Foundation
import RakutenPay
import RMSSandbox

/// A sandbox on a free loopback port and a client pointed at it, for one test.
public struct SandboxHarness {
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
        return SandboxHarness(server: server, client: RakutenPayClient(configuration: clientConfiguration), baseURL: url)
    }

    public func stop() async { await server.stop() }
}
