import Foundation
import Hummingbird
import Logging
import NIOCore
import OrderEngine
import RakutenPay
import ServiceLifecycle
import Synchronization

/// A local RMS: the same HTTP API on loopback, with the same checks, state machine, errors and
/// faults. The demo, the tests and the benchmarks talk to it exactly as they would to Rakuten.
public final class SandboxServer: Sendable {
    public let configuration: SandboxConfiguration
    let state: SandboxState
    let api: SandboxAPI
    let clock: SandboxClock
    let faults: FaultInjector
    let qps: QPSGate
    private let maintenance: Mutex<Bool>
    private let qpsRefusals = Mutex(0)
    /// When the last API request arrived, and the shortest time seen between two.
    private let arrivals = Mutex<(last: ContinuousClock.Instant?, shortest: Duration?)>((nil, nil))
    /// The licenceKey RMS accepts now, and until when (renewed in RMS by the shop).
    private let licenseKey: Mutex<(key: String, expires: RakutenDate?)>
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, any Error>)?>(nil)
    private let boundURL = Mutex<String?>(nil)
    private let requestCounts = Mutex<[String: Int]>([:])

    /// Generates the shop's orders from the configuration's seed, placed before `now`.
    public convenience init(configuration: SandboxConfiguration, now: @escaping @Sendable () -> RakutenDateTime = { RakutenDateTime(Date()) }) {
        var generator = OrderGenerator(seed: configuration.seed, settings: .init(shopID: configuration.shopID))
        let orders = generator.orders(count: configuration.orderCount, now: now())
        self.init(configuration: configuration, orders: orders, now: now)
    }

    public init(
        configuration: SandboxConfiguration, orders: [OrderModel],
        now: @escaping @Sendable () -> RakutenDateTime = { RakutenDateTime(Date()) }
    ) {
        self.configuration = configuration
        state = SandboxState(configuration: configuration, orders: orders, startedAt: now())
        clock = SandboxClock(now)
        api = SandboxAPI(state: state, now: clock.now)
        faults = FaultInjector(rate: configuration.faultRate, seed: configuration.seed)
        qps = QPSGate(requestsPerSecond: configuration.requestsPerSecond)
        maintenance = Mutex(configuration.maintenance)
        licenseKey = Mutex((configuration.licenseKey, configuration.keyExpires))
    }

    /// The base URL once started: `http://127.0.0.1:PORT`.
    public var baseURL: String? { boundURL.withLock { $0 } }

    /// Starts listening and returns the base URL.
    public func start() async throws -> String {
        let (stream, continuation) = AsyncStream<Int>.makeStream()
        var logger = Logger(label: "juchu.sandbox")
        logger.logLevel = .warning
        let app = Application(
            responder: CallbackResponder { [self] (request: Request, context: SandboxRequestContext) in
                await self.respond(to: request, context: context).response
            },
            configuration: .init(address: .hostname(configuration.host, port: configuration.port)),
            onServerRunning: { channel in
                continuation.yield(channel.localAddress?.port ?? 0)
                continuation.finish()
            },
            logger: logger)
        // Run in a service group so that stop() can shut the server down gracefully.
        let group = ServiceGroup(services: [app], logger: logger)
        let task = Task { try await group.run() }
        running.withLock { $0 = (group, task) }
        var iterator = stream.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            await group.triggerGracefulShutdown()
            _ = try await task.value
            throw SandboxError.couldNotListen
        }
        let url = "http://\(configuration.host):\(port)"
        boundURL.withLock { $0 = url }
        return url
    }

    /// Stops listening.
    public func stop() async {
        guard let (group, task) = running.withLock({ $0 }) else { return }
        await group.triggerGracefulShutdown()
        _ = try? await task.value
    }

    public enum SandboxError: Error, CustomStringConvertible {
        case couldNotListen
        public var description: String { "サンドボックスが待ち受けを開始できませんでした" }
    }

    // MARK: Inspection and control (tests, the admin endpoint)

    /// How many confirmations RMS accepted for each order.
    public func acceptedConfirmations() async -> [String: Int] { await state.acceptedConfirmations }

    /// How many writes of `function` RMS carried out for each order (confirmOrder, cancelOrder,
    /// updateOrderSender).
    public func acceptedWrites(_ function: APIFunction) async -> [String: Int] { await state.acceptedWrites[function] ?? [:] }

    /// The order as RMS holds it now.
    public func order(_ number: String) async -> OrderModel? {
        await state.advance(to: api.now())
        return await state.orders[number]
    }

    public func setMaintenance(_ on: Bool) { maintenance.withLock { $0 = on } }

    /// The shop renews its licenceKey in RMS: from now on only `key` is accepted (until `expires`).
    public func renewLicenseKey(_ key: String, expires: RakutenDate? = nil) { licenseKey.withLock { $0 = (key, expires) } }

    /// Moves the sandbox's clock forward by `seconds`: what RMS does by then is done (発送済 the day
    /// after the ship date, cancellations settled); the orders customers would have placed meanwhile
    /// are not made up.
    public func advanceClock(seconds: Int64) async {
        clock.advance(by: seconds)
        await state.skipLife(to: api.now())
    }

    /// Orders that arrive now, as new customers buy.
    public func addNewOrders(_ count: Int) async {
        await state.addNewOrders(count, at: api.now())
    }

    public func setProgress(_ number: String, to progress: Int) async -> Bool {
        await state.setProgress(number, to: progress)
    }

    /// Changes an order as RMS holds it — as a buyer's order placed that way would be (paid by
    /// 代金引換, to the same address as another) — its totals worked out again; for tests that need
    /// an order of a given shape. False when there is no such order.
    public func modifyOrder(_ number: String, _ change: @Sendable (inout OrderModel) -> Void) async -> Bool {
        await state.modify(number) { order in
            change(&order)
            order.recomputeTotals()
        }
    }

    /// A ソーシャルギフト's recipient enters the address, as the buyer's friend would on Rakuten.
    public func enterGiftRecipient(_ number: String) async -> Bool {
        await state.enterGiftRecipient(number, now: clock.now())
    }

    /// API requests answered so far, of every function.
    public func requestCount() async -> Int {
        requestCounts.withLock { $0.values.reduce(0, +) }
    }

    func stats() async -> SandboxAdmin.Stats {
        SandboxAdmin.Stats(
            acceptedConfirmations: await state.acceptedConfirmations,
            acceptedWrites: Dictionary(uniqueKeysWithValues: await state.acceptedWrites.map { ($0.key.rawValue, $0.value) }),
            requests: requestCounts.withLock { $0 }, faultsInjected: faults.injected,
            orderCount: await state.orders.count, qpsRefusals: qpsRefusals.withLock { $0 },
            shortestGapMilliseconds: arrivals.withLock { $0.shortest }.map { Int($0 / .milliseconds(1)) })
    }
    public func setFaultRate(_ rate: Double) { faults.setRate(rate) }

    private func noteArrival() {
        let now = ContinuousClock.now
        arrivals.withLock { seen in
            if let last = seen.last { seen.shortest = min(seen.shortest ?? now - last, now - last) }
            seen.last = now
        }
    }

    /// Forgets the arrivals so far: the shortest gap is measured from now on.
    public func resetArrivals() { arrivals.withLock { $0 = (nil, nil) } }

    /// Makes the next API request meet `fault`; with `afterApplying`, a write is carried out first.
    public func injectFault(_ fault: Fault, afterApplying: Bool = false) { faults.queue(fault, afterApplying: afterApplying) }
    public func setRequestsPerSecond(_ rate: Double) { qps.setLimit(rate) }

    // MARK: The gate in front of every function

    private func respond(to request: Request, context: SandboxRequestContext) async -> SandboxAnswer {
        if request.uri.path.hasPrefix(SandboxAdmin.prefix) {
            let body = (try? await request.body.collect(upTo: 1 << 20)).map { Array($0.readableBytesView) } ?? []
            return await SandboxAdmin(server: self).respond(
                command: String(request.uri.path.dropFirst(SandboxAdmin.prefix.count)), method: request.method, body: body)
        }
        if request.uri.path.hasPrefix(Self.licenseExpiryPath) { return licenseExpiry(request) }
        guard request.method == .post else {
            return SandboxAnswer.gateway(.methodNotAllowed, code: "ES05-01", message: "Method Not Allowed")
        }
        guard let function = Self.function(of: request.uri.path) else {
            return SandboxAnswer.gateway(.notFound, code: "ES04-02", message: "Not Found")
        }
        requestCounts.withLock { $0[function.rawValue, default: 0] += 1 }
        noteArrival()
        if configuration.latencyMilliseconds > 0 {
            try? await Task.sleep(for: .milliseconds(configuration.latencyMilliseconds))
        }
        if maintenance.withLock({ $0 }) {
            return SandboxAnswer.gateway(.serviceUnavailable, code: "ES03-02", message: "API In Maintenance")
        }
        guard qps.admit() else {
            qpsRefusals.withLock { $0 += 1 }
            return SandboxAnswer.gateway(.tooManyRequests, code: "ES03-01", message: "Forbidden-Exceeded QPS Limitation")
        }
        if let refusal = authorization(request) { return refusal }
        let contentType = request.headers[.contentType]?.lowercased().replacingOccurrences(of: " ", with: "") ?? ""
        guard contentType.hasPrefix("application/json"), contentType.contains("charset=utf-8") else {
            return SandboxAnswer.gateway(.unsupportedMediaType, code: "ES04-01", message: "Unsupported Media Type")
        }
        let bytes: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: 4 << 20)
            bytes = Array(buffer.readableBytesView)
        } catch {
            return SandboxAnswer.gateway(.contentTooLarge, code: "ES04-01", message: "Bad Request")
        }
        let body: SandboxRequestBody
        if function == .getSubStatusList, bytes.isEmpty || bytes == Array("null".utf8) {
            body = SandboxRequestBody(json: .null, bytes: bytes)
        } else if let parsed = try? JSONDecoder().decode(JSONValue.self, from: Data(bytes)), case .object = parsed {
            body = SandboxRequestBody(json: parsed, bytes: bytes)
        } else {
            return SandboxAnswer.gateway(.badRequest, code: "ES04-01", message: "Bad Request")
        }

        guard let (fault, afterApplying) = faults.draw() else {
            return await api.respond(to: function, body: body)
        }
        switch fault {
        case .maintenance:
            return SandboxAnswer.gateway(.serviceUnavailable, code: "ES03-02", message: "API In Maintenance")
        case .qpsLimit:
            return SandboxAnswer.gateway(.tooManyRequests, code: "ES03-01", message: "Forbidden-Exceeded QPS Limitation")
        case .latency:
            try? await Task.sleep(for: .milliseconds(1500))
            return await api.respond(to: function, body: body)
        case .internalError, .droppedConnection, .truncatedBody:
            var answer: [UInt8] = Array("{\"MessageModelList\":[".utf8)
            if afterApplying { answer = await api.respond(to: function, body: body).bytes }
            switch fault {
            case .internalError:
                return SandboxAnswer(status: .internalServerError, bytes: Array("Internal Server Error".utf8))
            case .droppedConnection:
                context.channel.close(promise: nil)
                return SandboxAnswer(status: .ok, bytes: [])
            default:
                return SandboxAnswer(status: .ok, bytes: Array(answer.prefix(max(1, answer.count / 2))))
            }
        }
    }

    /// Nil when the ESA header holds the shop's secret and its current key; otherwise RMS's 401:
    /// ES01-01 for a wrong key, GA0001 for one that has expired (as measured on RMS).
    private func authorization(_ request: Request) -> SandboxAnswer? {
        guard let header = request.headers[.authorization], header.hasPrefix("ESA "),
            let decoded = Base64.decode(String(header.dropFirst(4))),
            case let current = licenseKey.withLock({ $0 }),
            String(decoding: decoded, as: UTF8.self) == "\(configuration.serviceSecret):\(current.key)"
        else { return SandboxAnswer.gateway(.unauthorized, code: GatewayError.unauthorisedCode, message: "Un-Authorised") }
        if let expiry = current.expires, RakutenDate(api.now()) > expiry {
            return SandboxAnswer.gateway(.unauthorized, code: GatewayError.expiredKeyCode, message: "Un-Authorised")
        }
        return nil
    }

    static let licenseExpiryPath = "/es/1.0/license-management/license-key/expiry-date"

    /// LicenseManagementAPI: `GET …/expiry-date?licenseKey=` → `{"expiryDate":"2026-11-28T23:59:59"}`,
    /// Japan time without a zone. A key issued with no expiry set lasts 90 days from today.
    private func licenseExpiry(_ request: Request) -> SandboxAnswer {
        requestCounts.withLock { $0[APIFunction.licenseKeyExpiryDate.rawValue, default: 0] += 1 }
        noteArrival()
        guard request.method == .get else {
            return SandboxAnswer.gateway(.methodNotAllowed, code: "ES05-01", message: "Method Not Allowed")
        }
        guard qps.admit() else {
            qpsRefusals.withLock { $0 += 1 }
            return SandboxAnswer.gateway(.tooManyRequests, code: "ES03-01", message: "Forbidden-Exceeded QPS Limitation")
        }
        if let refusal = authorization(request) { return refusal }
        let current = licenseKey.withLock { $0 }
        guard request.uri.queryParameters["licenseKey"].map(String.init) == current.key else {
            return SandboxAnswer.gateway(.badRequest, code: "ES04-01", message: "Bad Request")
        }
        let expiry = current.expires ?? RakutenDate(api.now().adding(seconds: 89 * 86_400))
        return SandboxAnswer.json(.ok, ["expiryDate": "\(expiry)T23:59:59"])
    }

    /// `/es/2.0/order/<function>/`, with or without the trailing slash.
    static func function(of path: String) -> APIFunction? {
        let parts = path.split(separator: "/")
        guard parts.count == 4, parts[0] == "es", parts[1] == "2.0", parts[2] == "order" else { return nil }
        return APIFunction(rawValue: String(parts[3]))
    }
}
