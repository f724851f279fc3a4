import Foundation
import OrderEngine

/// A call to the API that failed as a whole, classified as the operator is shown it.
public struct RakutenPayError: Error, Sendable, CustomStringConvertible {
    public let errorClass: APIErrorClass
    public let function: APIFunction
    /// Nil when no HTTP answer came (timeout, reset connection).
    public let httpStatus: Int?
    /// What exactly happened, for the log and the detail pane.
    public let detail: String
    public let messages: [MessageModel]

    public init(
        _ errorClass: APIErrorClass, function: APIFunction, httpStatus: Int?, detail: String,
        messages: [MessageModel] = []
    ) {
        self.errorClass = errorClass
        self.function = function
        self.httpStatus = httpStatus
        self.detail = detail
        self.messages = messages
    }

    /// Whether RMS may have carried out a write although the call failed: no answer, a 5xx, or a
    /// body that could not be read. A refusal at the gateway (401/403/429) or a 400 is not ambiguous.
    public var mayHaveBeenApplied: Bool {
        switch errorClass {
        case .temporary, .maintenance: true
        case .authentication, .qpsLimit, .rejected, .notConfirmable, .shippingFeeUnset: false
        }
    }

    public var description: String {
        "\(errorClass.message)（\(summary)）"
    }

    /// Which call, what came back, and RMS's own words where they add to the message
    /// (`getOrder、HTTP 503: ES03-02`): said once after the operator's message, never the message
    /// again inside it.
    public var summary: String {
        let status = httpStatus.map { "HTTP \($0)" } ?? "応答なし"
        var extra = detail.replacingOccurrences(of: errorClass.message, with: "").trimmingCharacters(in: .whitespaces)
        if extra.hasSuffix(":") { extra.removeLast() }
        return "\(function.rawValue)、\(status)" + (extra.isEmpty ? "" : ": \(extra)")
    }

    /// Classifies an HTTP answer that is not a success (rpay-api.md §11).
    static func classify(function: APIFunction, status: Int, body: [UInt8]) -> RakutenPayError {
        let text = String(decoding: body.prefix(2048), as: UTF8.self)
        let gateway = try? JSONCoding.decoder.decode(GatewayError.self, from: body)
        let messages = (try? JSONCoding.decoder.decode(MessageResponse.self, from: body))?.messages ?? []
        let detail = gateway.map { "\($0.results.errorCode) \($0.results.text)" }
            ?? messages.first.map { "\($0.messageCode) \($0.message)" }
            ?? String(text.prefix(200))
        let errorClass: APIErrorClass
        if status == 401 || GatewayError.isUnauthorised(gateway?.results.errorCode) {
            errorClass = .authentication
        } else if status == 403 || status == 429 || text.localizedQPSMention {
            errorClass = .qpsLimit
        } else if status == 503 {
            errorClass = .maintenance
        } else if (400..<500).contains(status) {
            errorClass = .rejected
        } else {
            errorClass = .temporary
        }
        return RakutenPayError(errorClass, function: function, httpStatus: status, detail: detail, messages: messages)
    }
}

extension String {
    /// "Forbidden-Exceeded QPS Limitation", "exceeded qps limitation"...
    var localizedQPSMention: Bool { lowercased().contains("qps") }
}
