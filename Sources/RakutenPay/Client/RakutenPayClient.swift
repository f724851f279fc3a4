import AsyncHTTPClient
import OrderEngine
import Logging
import NIOCore

/// The Rakuten Pay order API (楽天ペイ受注API) over HTTP: one client per shop.
///
/// Every call waits for the licence key's rate limiter, posts exact JSON with the ESA header and
/// classifies failures into ``RakutenPayError``. Reads are retried on temporary errors; writes are
/// never sent twice by this client.
public struct RakutenPayClient: Sendable {
    public let configuration: RakutenPayConfiguration
    let transport: HTTPTransport
    let limiter: RateLimiter
    /// The key's budget shared with the other processes on the host, when configured.
    let sharedBudget: SharedRateBudget?
    let logger: Logger

    public init(
        configuration: RakutenPayConfiguration,
        httpClient: HTTPClient = .shared,
        logger: Logger = Logger(label: "juchu.rakutenpay")
    ) {
        self.configuration = configuration
        self.transport = HTTPTransport(
            client: httpClient, timeout: .seconds(configuration.requestTimeoutSeconds))
        self.limiter = RateLimiter.shared(
            forLicenseKey: configuration.credentials.licenseKey,
            requestsPerSecond: configuration.requestsPerSecond)
        self.sharedBudget = configuration.sharedBudgetPath.map {
            SharedRateBudget(path: $0, requestsPerSecond: configuration.requestsPerSecond)
        }
        self.logger = logger
    }

    /// Sends one request. A read is retried on any retryable failure; a write only when the
    /// gateway turned it away for the QPS limit, which means it never reached RMS.
    func call<Request: Encodable, Response: Decodable>(
        _ function: APIFunction, _ request: Request, as: Response.Type
    ) async throws -> Response {
        try await callKeepingBody(function, request, as: Response.self).response
    }

    /// ``call(_:_:as:)``, also giving the exact bytes of the answer.
    func callKeepingBody<Request: Encodable, Response: Decodable>(
        _ function: APIFunction, _ request: Request, as: Response.Type
    ) async throws -> (response: Response, body: [UInt8]) {
        let body = try Array(JSONCoding.encoder.encode(request))
        if !function.isRead, let path = try UnsetAmountGuard.firstUnsetAmount(in: body) {
            // Nothing is sent: the request would set an amount back to RMS's "not fixed yet".
            throw RakutenPayError(
                .rejected, function: function, httpStatus: nil,
                detail: "未設定の金額（-9999）は送信しません: \(path)。金額を設定してから反映してください")
        }
        return try await retrying(function, body: body, as: Response.self)
    }

    /// Sends `body` (nil: a GET), retrying a read on any retryable failure and a write only when
    /// the gateway turned it away for the QPS limit.
    func retrying<Response: Decodable>(
        _ function: APIFunction, body: [UInt8]?, as: Response.Type
    ) async throws -> (response: Response, body: [UInt8]) {
        let attempts = max(1, configuration.readAttempts)
        var backoff = configuration.retryBackoffSeconds
        var attempt = 1
        while true {
            do {
                return try await send(function, body: body, as: Response.self)
            } catch let error as RakutenPayError {
                if Task.isCancelled {
                    // Stopped here (the desk quits, Esc, the worker told to stop): not RMS's failure. A
                    // write's outcome stays unclear all the same, and is settled as any other.
                    logger.notice("\(Self.cancelledRequestMark) \(function.rawValue): \(error)")
                    throw error
                }
                // Every failed request is in the log, whatever becomes of it: retried, shown, settled.
                let retries = attempt < attempts && (function.isRead ? error.errorClass.isRetryable : error.errorClass == .qpsLimit)
                logger.warning("\(Self.failedRequestMark) \(function.rawValue) (attempt \(attempt)\(retries ? ", retrying" : "")): \(error)")
                guard retries else { throw error }
                // Maintenance lasts longer than a QPS burst: wait more.
                let wait = error.errorClass == .maintenance ? backoff * 4 : backoff
                try await Task.sleep(for: .milliseconds(Int64(wait * 1000)))
                backoff *= 2
                attempt += 1
            }
        }
    }

    private func send<Response: Decodable>(
        _ function: APIFunction, body: [UInt8]?, as: Response.Type
    ) async throws -> (response: Response, body: [UInt8]) {
        if let sharedBudget {
            do {
                try await sharedBudget.acquire()
            } catch is CancellationError {
                throw CancellationError()
            } catch {
                // Nothing was sent: the request may be made again.
                throw RakutenPayError(.temporary, function: function, httpStatus: nil, detail: "\(error)")
            }
        } else {
            try await limiter.acquire()
        }
        let answer: HTTPTransport.Answer
        do {
            let url = configuration.url(for: function)
            let authorization = configuration.credentials.authorizationHeader
            if let body {
                answer = try await transport.post(url: url, authorization: authorization, body: body)
            } else {
                answer = try await transport.get(url: url, authorization: authorization)
            }
        } catch {
            throw RakutenPayError(.temporary, function: function, httpStatus: nil, detail: error.detail)
        }
        guard answer.status == 200 else {
            throw RakutenPayError.classify(function: function, status: answer.status, body: answer.body)
        }
        do {
            return (try JSONCoding.decoder.decode(Response.self, from: answer.body), answer.body)
        } catch {
            // A 200 that is not the expected JSON: a truncated or garbled body, or the gateway's
            // error envelope on a 200.
            if let gateway = try? JSONCoding.decoder.decode(GatewayError.self, from: answer.body) {
                throw RakutenPayError.classify(function: function, status: 200, body: answer.body)
                    .withClass(GatewayError.isUnauthorised(gateway.results.errorCode) ? .authentication : nil)
            }
            throw RakutenPayError(
                .temporary, function: function, httpStatus: 200,
                detail: "応答を読めません: \(OrderDecodingFailure.explain(error).1)")
        }
    }
}

extension RakutenPayClient {
    /// Begins the log line of every request that failed: what the log is searched for.
    public static let failedRequestMark = "request failed:"
    /// Begins the log line of a request stopped by this process (its task cancelled).
    public static let cancelledRequestMark = "request cancelled:"
}

extension RakutenPayError {
    func withClass(_ newClass: APIErrorClass?) -> RakutenPayError {
        guard let newClass else { return self }
        return RakutenPayError(newClass, function: function, httpStatus: httpStatus, detail: detail, messages: messages)
    }
}
