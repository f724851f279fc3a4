import AsyncHTTPClient
import NIOCore
import NIOHTTP1

/// Posts one JSON body and returns the status and body. Failing to get an answer at all
/// (timeout, refused or reset connection) throws ``TransportFailure``.
struct HTTPTransport: Sendable {
    let client: HTTPClient
    let timeout: TimeAmount

    struct Answer: Sendable {
        let status: Int
        let body: [UInt8]
    }

    struct TransportFailure: Error, Sendable {
        let detail: String
    }

    /// Bodies larger than this are refused: 100 full orders are far smaller.
    static let maximumBodyBytes = 64 << 20

    func post(url: String, authorization: String, body: [UInt8]) async throws(TransportFailure) -> Answer {
        try await send(url: url, authorization: authorization, body: body)
    }

    /// A GET (LicenseManagementAPI): no body.
    func get(url: String, authorization: String) async throws(TransportFailure) -> Answer {
        try await send(url: url, authorization: authorization, body: nil)
    }

    private func send(url: String, authorization: String, body: [UInt8]?) async throws(TransportFailure) -> Answer {
        var request = HTTPClientRequest(url: url)
        request.method = body == nil ? .GET : .POST
        request.headers.add(name: "Authorization", value: authorization)
        request.headers.add(name: "Accept", value: "application/json")
        if let body {
            request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
            request.body = .bytes(ByteBuffer(bytes: body))
        }
        do {
            let response = try await client.execute(request, timeout: timeout)
            let buffer = try await response.body.collect(upTo: Self.maximumBodyBytes)
            return Answer(status: Int(response.status.code), body: Array(buffer.readableBytesView))
        } catch {
            throw TransportFailure(detail: Self.describe(error))
        }
    }

    private static func describe(_ error: any Error) -> String {
        if let error = error as? HTTPClientError {
            switch error {
            case .deadlineExceeded, .readTimeout, .connectTimeout: return "タイムアウト"
            case .remoteConnectionClosed: return "接続が切断されました"
            default: return "\(error)"
            }
        }
        return "\(error)"
    }
}
