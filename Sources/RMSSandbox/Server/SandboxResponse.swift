import Foundation
import HTTPTypes
import Hummingbird
import RakutenPay

/// An answer of the sandbox's RMS before it goes on the wire: a status and the exact body bytes.
struct SandboxAnswer: Sendable {
    let status: HTTPResponse.Status
    let bytes: [UInt8]

    static func json<T: Encodable>(_ status: HTTPResponse.Status, _ value: T) -> SandboxAnswer {
        // Keys in the order of Rakuten's field tables, as RMS writes them.
        do {
            return SandboxAnswer(status: status, bytes: Array(try OrderedJSONEncoder(nullKeys: RMSNullKeys.all).encode(value)))
        } catch {
            // A body the sandbox cannot write is its own bug: said, never an empty object that looks like an answer.
            return SandboxAnswer(status: .internalServerError, bytes: Array("sandbox: cannot encode the answer: \(error)".utf8))
        }
    }

    static func messages(_ status: HTTPResponse.Status, _ messages: [MessageModel]) -> SandboxAnswer {
        json(status, MessageResponse(messages: messages))
    }

    static func gateway(_ status: HTTPResponse.Status, code: String, message: String) -> SandboxAnswer {
        json(status, GatewayError(errorCode: code, message: message))
    }

    static let requestIDField = HTTPField.Name("RequestId")!

    /// With RMS's headers: `Content-Type: application/json;charset=UTF-8` and a `RequestId`.
    var response: Response {
        var headers = HTTPFields()
        headers[.contentType] = "application/json;charset=UTF-8"
        headers[Self.requestIDField] = UUID().uuidString.lowercased()
        headers[.cacheControl] = "no-cache,no-store"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
